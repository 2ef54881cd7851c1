#pragma once
// host:port of a socket output, read from its two settings, and connecting to it.
#include <string>
#include <vector>

#include "config/settings_map.h"

namespace eventgen {

struct SocketTarget {
    std::string host = "127.0.0.1";
    int port = 0;
};

// Throws ConfigError naming `port_key` when the port is out of range.
SocketTarget read_socket_target(const SettingsMap& s, const std::string& host_key, const std::string& port_key,
                                int default_port);

// "host", "host:port" ("[v6addr]:port") or a JSON list of them (splunkHost);
// `default_port` where none is given. Throws ConfigError naming `key`.
std::vector<SocketTarget> read_host_list(const SettingsMap& s, const std::string& key, int default_port);

// Resolves and connects (TCP) or connects (UDP, so send() reports ICMP errors); -1 on
// failure with `error` set.
int open_socket(const SocketTarget& target, int type, std::string& error);

}  // namespace eventgen
