#include "outputs/support/socket_target.h"

#include <rapidjson/document.h>

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/strings.h"

namespace eventgen {

namespace {

// "host" or "host:port" ("[v6addr]:port" for IPv6).
SocketTarget parse_host(const SettingsMap& s, const std::string& key, std::string_view text, int default_port) {
    SocketTarget t{std::string(trim(text)), default_port};
    std::string& h = t.host;
    size_t colon = h.rfind(':');
    bool bracketed = !h.empty() && h.front() == '[';
    if (colon != std::string::npos && (bracketed ? h.find(']') < colon : h.find(':') == colon)) {
        auto p = parse_int(h.substr(colon + 1));
        if (!p || *p < 1 || *p > 65535) s.fail(key, "bad port in '" + h + "'");
        t.port = static_cast<int>(*p);
        h.resize(colon);
    }
    if (bracketed && h.size() >= 2 && h.back() == ']') h = h.substr(1, h.size() - 2);
    if (h.empty()) s.fail(key, "empty host name");
    return t;
}

}  // namespace

std::vector<SocketTarget> read_host_list(const SettingsMap& s, const std::string& key, int default_port) {
    std::string text(trim(s.str(key, "")));
    std::vector<SocketTarget> out;
    if (text.empty()) return out;
    if (text.front() != '[') {
        out.push_back(parse_host(s, key, text, default_port));
        return out;
    }
    rapidjson::Document doc;
    doc.Parse(text.c_str());
    if (doc.HasParseError() || !doc.IsArray() || doc.Empty())
        s.fail(key, "expected a host or a JSON list of hosts, e.g. [\"idx1\", \"idx2:9998\"]");
    for (const auto& v : doc.GetArray()) {
        if (!v.IsString()) s.fail(key, "each host in the list must be a JSON string");
        out.push_back(parse_host(s, key, std::string_view(v.GetString(), v.GetStringLength()), default_port));
    }
    return out;
}


SocketTarget read_socket_target(const SettingsMap& s, const std::string& host_key, const std::string& port_key,
                                int default_port) {
    SocketTarget t;
    t.host = s.str(host_key, "127.0.0.1");
    int64_t p = s.integer(port_key, default_port);
    if (p < 1 || p > 65535) s.fail(port_key, "port must be between 1 and 65535");
    t.port = static_cast<int>(p);
    return t;
}

// Resolves and connects (TCP) or connects (UDP, so send() reports ICMP errors); -1 on failure.
int open_socket(const SocketTarget& t, int type, std::string& error) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = type;
    addrinfo* res = nullptr;
    std::string port = std::to_string(t.port);
    int rc = getaddrinfo(t.host.c_str(), port.c_str(), &hints, &res);
    if (rc != 0) {
        error = "cannot resolve " + t.host + ": " + gai_strerror(rc);
        return -1;
    }
    int fd = -1;
    for (addrinfo* a = res; a; a = a->ai_next) {
        fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) break;
        error = "cannot connect to " + t.host + ":" + port + ": " + std::strerror(errno);
        ::close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    return fd;
}

}  // namespace eventgen
