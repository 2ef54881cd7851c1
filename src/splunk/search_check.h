#pragma once
// `| eventgen check [app=] [stanza=]`: the findings of `eventgen check` over the apps'
// eventgen.conf files, one row each, or one "ok" row when there is nothing to fix.
#include <string>
#include <vector>

#include "config/eventgen_conf.h"
#include "splunk/search_args.h"
#include "splunk/search_protocol.h"

namespace eventgen::search {

// severity, code, file, line, stanza, key, message, suggestion
const std::vector<std::string>& check_fields();

// The rows; a summary goes into `messages` (INFO, or WARN when there are errors).
std::vector<std::vector<std::string>> run_check(const std::vector<EventgenConf>& confs, const CheckRequest& request,
                                                std::vector<InspectorMessage>& messages);

}  // namespace eventgen::search
