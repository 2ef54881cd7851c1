#include "config/sample_resolver.h"
#include "outputs/hec/hec_settings.h"

#include <rapidjson/document.h>

#include "common/strings.h"

namespace eventgen {

namespace {

std::string json_text(const rapidjson::Value& v) {
    if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
    if (v.IsInt64()) return std::to_string(v.GetInt64());
    return "";
}

}  // namespace

HecSettings read_hec_settings(const SettingsMap& s) {
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
        // address, port and key may name environment variables ($HEC_TOKEN, ${HEC_HOST}),
        // so a token can come from a Kubernetes Secret or the service's environment
        // instead of the file.
        auto from_env = [&](const char* name) {
            std::string text = field(name);
            std::string value = expand_env_vars(text);
            if (value.find('$') != std::string::npos && text.find('$') != std::string::npos)
                s.fail("httpeventServers", std::string("server ") + name + " '" + text + "' names an environment " +
                                               "variable that is not set");
            return value;
        };
        srv.address = from_env("address");
        std::string port = from_env("port");
        srv.token = from_env("key");
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
    h.ca_file = expand_env_vars(s.str("httpeventCAFile", ""));
    h.allow_failure_count = s.integer("httpeventAllowFailureCount", h.allow_failure_count);
    if (h.allow_failure_count < 1) s.fail("httpeventAllowFailureCount", "must be at least 1");
    h.use_ack = s.boolean("httpeventUseAck", false);
    h.retry_seconds = s.number("httpeventRetrySeconds", h.retry_seconds);
    if (h.retry_seconds < 0) s.fail("httpeventRetrySeconds", "must not be negative");
    h.timeout_seconds = s.number("httpeventTimeout", h.timeout_seconds);
    if (h.timeout_seconds <= 0) s.fail("httpeventTimeout", "must be greater than 0");
    return h;
}

}  // namespace eventgen
