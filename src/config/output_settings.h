#pragma once
// Settings of the network outputs (httpevent, metric_httpevent, tcpout, udpout,
// syslogout, splunkstream), validated with the sample's other settings.
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

struct SocketTarget {
    std::string host = "127.0.0.1";
    int port = 0;
};

struct SplunkStreamSettings {
    std::string method = "https";
    std::string host;
    int port = 8089;
    std::string user, password;
    bool verify_tls = false;  // splunkd's management port usually has a self-signed certificate
};

struct OutputSettings {
    HecSettings hec;
    SocketTarget tcp{"127.0.0.1", 3333};
    SocketTarget udp{"127.0.0.1", 3333};
    SocketTarget syslog{"127.0.0.1", 1514};
    bool syslog_add_header = false;
    SplunkStreamSettings splunkstream;
};

// Reads the settings `output_mode` needs; throws ConfigError naming the key.
OutputSettings read_output_settings(const SettingsMap& s, const std::string& output_mode);

}  // namespace eventgen
