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

// outputMode = s2s: cooked events over Splunk-to-Splunk to indexers' splunktcp ports.
struct S2SSettings {
    std::vector<SocketTarget> servers;  // splunkHost (one host or a JSON list), splunkPort
    int version = 3;                    // 2: SA-Eventgen's plain cooked v2; 3: capability handshake
    bool use_ack = false;               // indexer acknowledgement of every event (v3)
    bool compressed = false;            // zlib stream after the handshake (v3)
    bool use_ssl = false;
    bool verify_tls = true;
    std::string ca_file;                // trust this CA instead of the system's
    std::string tls_name;               // name the certificate must carry (default: the host)
    double lb_frequency = 30;           // autoLB: switch indexer after this many seconds
    int64_t lb_volume = 0;              // ... or after this many bytes (0: by time only)
    double retry_seconds = 60;          // how long events are retried before they count as failed
    double timeout_seconds = 30;        // connect, handshake, send and acknowledgement waits
    std::string server_name;            // the signature's server name (this host by default)
};

struct OutputSettings {
    HecSettings hec;
    SocketTarget tcp{"127.0.0.1", 3333};
    SocketTarget udp{"127.0.0.1", 3333};
    SocketTarget syslog{"127.0.0.1", 1514};
    bool syslog_add_header = false;
    SplunkStreamSettings splunkstream;
    S2SSettings s2s;
};

// splunkHost: "host", "host:port" or a JSON list of them; `default_port` where none is given.
std::vector<SocketTarget> read_host_list(const SettingsMap& s, const std::string& key, int default_port);

// Reads the settings `output_mode` needs; throws ConfigError naming the key.
OutputSettings read_output_settings(const SettingsMap& s, const std::string& output_mode);

}  // namespace eventgen
