#pragma once
// Settings of the HTTP Event Collector output (httpevent, metric_httpevent).
#include <cstdint>
#include <string>
#include <vector>

#include "config/settings_map.h"

namespace eventgen {

struct HecServer {
    std::string protocol;  // http | https
    std::string address;
    int port = 8088;
    std::string token;
    std::string base_url() const { return protocol + "://" + address + ":" + std::to_string(port); }
};

struct HecSettings {
    std::vector<HecServer> servers;
    std::string mode = "roundrobin";   // roundrobin | mirror
    int64_t max_payload_bytes = 1 << 20;
    std::string endpoint = "event";    // event | raw
    bool gzip = false;
    bool verify_tls = true;
    std::string ca_file;               // trust this CA (Splunk's self-signed HEC certificate)
    int64_t allow_failure_count = 100; // consecutive failures before a server leaves the pool
    bool use_ack = false;              // indexer acknowledgement
    double retry_seconds = 60;         // how long a payload is retried before its events count as failed
    double timeout_seconds = 30;       // per request
};

// Reads the httpevent* settings; throws ConfigError naming the key.
HecSettings read_hec_settings(const SettingsMap& s);

}  // namespace eventgen
