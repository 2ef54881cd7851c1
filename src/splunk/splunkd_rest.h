#pragma once
// Reading eventgen.conf through splunkd's REST API (configs/conf-eventgen), as
// SA-Eventgen does inside Splunk: one entry per stanza, owned by an app.
#include <string>
#include <utility>
#include <vector>

#include "config/conf_file.h"
#include "config/eventgen_conf.h"

namespace eventgen {

struct RestConfResult {
    // Per app: the app's stanzas as a ConfFile, with the app's folder for samples.
    std::vector<std::pair<ConfSource, ConfFile>> apps;
    std::string error;  // set when splunkd could not be asked or answered badly
};

// GET {server_uri}/servicesNS/nobody/{own_app}/configs/conf-eventgen?count=0&output_mode=json
// with "Authorization: Splunk {session_key}". TLS: the management port usually has
// Splunk's self-signed certificate, so it is verified against
// $SPLUNK_HOME/etc/auth/cacert.pem when present and not verified for a loopback address.
RestConfResult fetch_eventgen_conf(const std::string& server_uri, const std::string& session_key,
                                   const std::string& own_app, const std::string& splunk_home);

// Turns a conf-eventgen JSON answer into per-app conf files (exposed for tests).
RestConfResult parse_conf_eventgen_json(const std::string& json, const std::string& splunk_home);

}  // namespace eventgen
