#include "config/output_settings.h"

#include <rapidjson/document.h>

#include "common/strings.h"

namespace eventgen {

namespace {

std::string json_text(const rapidjson::Value& v) {
    if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
    if (v.IsInt64()) return std::to_string(v.GetInt64());
    return "";
}

int read_port(const SettingsMap& s, const std::string& key, int fallback) {
    int64_t p = s.integer(key, fallback);
    if (p < 1 || p > 65535) s.fail(key, "port must be between 1 and 65535");
    return static_cast<int>(p);
}

HecSettings read_hec(const SettingsMap& s) {
    HecSettings h;
    const Setting* servers = s.find("httpeventServers");
    if (!servers || trim(servers->value).empty())
        s.fail("httpeventServers", "outputMode httpevent needs httpeventServers, e.g. "
                                   "{\"servers\": [{\"protocol\": \"https\", \"address\": \"127.0.0.1\", "
                                   "\"port\": \"8088\", \"key\": \"<token>\"}]}");
    rapidjson::Document doc;
    doc.Parse(servers->value.c_str());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("servers") || !doc["servers"].IsArray() ||
        doc["servers"].Empty())
        s.fail("httpeventServers", "expected JSON {\"servers\": [ {protocol, address, port, key}, ... ]}");
    for (const auto& v : doc["servers"].GetArray()) {
        if (!v.IsObject()) s.fail("httpeventServers", "each server must be a JSON object");
        HecServer srv;
        auto field = [&](const char* name) { return v.HasMember(name) ? json_text(v[name]) : std::string(); };
        srv.protocol = to_lower(field("protocol"));
        srv.address = field("address");
        std::string port = field("port");
        srv.token = field("key");
        if (srv.protocol != "http" && srv.protocol != "https")
            s.fail("httpeventServers", "server '" + srv.address + "': protocol must be http or https");
        if (srv.address.empty()) s.fail("httpeventServers", "a server has no address");
        auto p = parse_int(port);
        if (!p || *p < 1 || *p > 65535) s.fail("httpeventServers", "server '" + srv.address + "': bad port '" + port + "'");
        srv.port = static_cast<int>(*p);
        if (srv.token.empty()) s.fail("httpeventServers", "server '" + srv.address + "' has no key (HEC token)");
        h.servers.push_back(srv);
    }
    h.mode = s.choice("httpeventOutputMode", {"roundrobin", "mirror"}, "roundrobin");
    h.max_payload_bytes = s.integer("httpeventMaxPayloadSize", h.max_payload_bytes);
    if (h.max_payload_bytes < 1) s.fail("httpeventMaxPayloadSize", "must be at least 1 byte");
    h.endpoint = s.choice("httpeventEndpoint", {"event", "raw"}, "event");
    h.gzip = s.boolean("httpeventGzip", false);
    h.verify_tls = s.boolean("httpeventSSLVerify", true);
    h.ca_file = s.str("httpeventCAFile", "");
    h.allow_failure_count = s.integer("httpeventAllowFailureCount", h.allow_failure_count);
    if (h.allow_failure_count < 1) s.fail("httpeventAllowFailureCount", "must be at least 1");
    h.use_ack = s.boolean("httpeventUseAck", false);
    h.retry_seconds = s.number("httpeventRetrySeconds", h.retry_seconds);
    if (h.retry_seconds < 0) s.fail("httpeventRetrySeconds", "must not be negative");
    h.timeout_seconds = s.number("httpeventTimeout", h.timeout_seconds);
    if (h.timeout_seconds <= 0) s.fail("httpeventTimeout", "must be greater than 0");
    return h;
}

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

S2SSettings read_s2s(const SettingsMap& s) {
    S2SSettings o;
    o.servers = read_host_list(s, "splunkHost", read_port(s, "splunkPort", 9997));
    if (o.servers.empty()) s.fail("splunkHost", "outputMode s2s needs splunkHost (an indexer, or a JSON list of them)");
    o.version = static_cast<int>(s.integer("s2sVersion", 3));
    if (o.version != 2 && o.version != 3) s.fail("s2sVersion", "must be 2 or 3");
    o.use_ack = s.boolean("s2sUseACK", false);
    o.compressed = s.boolean("s2sCompressed", false);
    if (o.version == 2 && o.use_ack) s.fail("s2sUseACK", "acknowledgements need s2sVersion = 3");
    if (o.version == 2 && o.compressed) s.fail("s2sCompressed", "compression needs s2sVersion = 3");
    o.use_ssl = s.boolean("s2sUseSSL", false);
    o.verify_tls = s.boolean("s2sSSLVerify", true);
    o.ca_file = s.str("s2sSSLCAFile", "");
    o.tls_name = s.str("s2sSSLCommonName", "");
    o.lb_frequency = s.number("s2sAutoLBFrequency", o.lb_frequency);
    if (o.lb_frequency <= 0) s.fail("s2sAutoLBFrequency", "must be greater than 0");
    o.lb_volume = s.integer("s2sAutoLBVolume", 0);
    if (o.lb_volume < 0) s.fail("s2sAutoLBVolume", "must not be negative");
    o.retry_seconds = s.number("s2sRetrySeconds", o.retry_seconds);
    if (o.retry_seconds < 0) s.fail("s2sRetrySeconds", "must not be negative");
    o.timeout_seconds = s.number("s2sTimeout", o.timeout_seconds);
    if (o.timeout_seconds <= 0) s.fail("s2sTimeout", "must be greater than 0");
    o.server_name = s.str("s2sServerName", "");
    return o;
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

OutputSettings read_output_settings(const SettingsMap& s, const std::string& mode) {
    OutputSettings o;
    if (mode == "httpevent" || mode == "metric_httpevent") o.hec = read_hec(s);
    if (mode == "tcpout") {
        o.tcp.host = s.str("tcpDestinationHost", "127.0.0.1");
        o.tcp.port = read_port(s, "tcpDestinationPort", 3333);
    }
    if (mode == "udpout") {
        o.udp.host = s.str("udpDestinationHost", "127.0.0.1");
        o.udp.port = read_port(s, "udpDestinationPort", 3333);
    }
    if (mode == "syslogout") {
        o.syslog.host = s.str("syslogDestinationHost", "127.0.0.1");
        o.syslog.port = read_port(s, "syslogDestinationPort", 1514);
        o.syslog_add_header = s.boolean("syslogAddHeader", false);
    }
    if (mode == "splunkstream") {
        o.splunkstream.method = s.choice("splunkMethod", {"http", "https"}, "https");
        o.splunkstream.host = s.str("splunkHost", "");
        o.splunkstream.port = read_port(s, "splunkPort", 8089);
        o.splunkstream.user = s.str("splunkUser", "");
        o.splunkstream.password = s.str("splunkPass", "");
        o.splunkstream.verify_tls = s.boolean("splunkSSLVerify", false);
        if (o.splunkstream.host.empty()) s.fail("splunkHost", "outputMode splunkstream needs splunkHost");
    }
    if (mode == "s2s") o.s2s = read_s2s(s);
    return o;
}

}  // namespace eventgen
