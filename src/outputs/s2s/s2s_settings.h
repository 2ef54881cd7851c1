#pragma once
// The s2s output's typed settings (s2s_component.cpp reads them).
#include <cstdint>
#include <string>
#include <vector>

#include "outputs/support/socket_target.h"

namespace eventgen {

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

// Reads splunkHost/splunkPort and the s2s* settings; throws ConfigError naming the key.
S2SSettings read_s2s_settings(const SettingsMap& s);

}  // namespace eventgen
