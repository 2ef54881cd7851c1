#pragma once
// `| eventgen stanza=...`: the events one stanza makes, as the modular input would
// make them, returned as rows instead of being sent anywhere.
//
// The real engine runs the sample with its output forced to the modular input's XML
// stream, written into a pipe this code reads back, so the preview goes through the
// same generators, tokens, replay and formatting as the input. A manual clock lets the
// schedule run ahead without waiting for intervals; integerid state is neither read
// nor written; the run stops once `count` events are in or the time budget is spent.
#include <string>
#include <vector>

#include "config/eventgen_conf.h"
#include "splunk/search_args.h"
#include "splunk/search_protocol.h"

namespace eventgen::search {

struct PreviewRow {
    std::string time;  // epoch seconds with milliseconds, as the modular input writes it
    std::string raw, host, source, sourcetype, index;
};

struct PreviewResult {
    std::vector<PreviewRow> rows;
    std::vector<InspectorMessage> messages;  // warnings; an ERROR one when nothing could run
};

// The configuration sets of the apps a search may see: every enabled app's
// eventgen.conf under $SPLUNK_HOME (as the modular input finds them), or only `app`'s.
// Problems (no SPLUNK_HOME, unknown app) become an ERROR message and no sets.
std::vector<EventgenConf> load_app_confs(const std::string& app, std::vector<InspectorMessage>& messages);

PreviewResult run_preview(const std::vector<EventgenConf>& confs, const PreviewRequest& request,
                          const CommandLimits& limits);

// The rows' field names, in order.
const std::vector<std::string>& preview_fields();

}  // namespace eventgen::search
