#include "splunk/splunkd_rest.h"

#include <rapidjson/document.h>

#include <filesystem>
#include <map>

#include "outputs/support/http_client.h"
#include "common/strings.h"

namespace eventgen {

namespace fs = std::filesystem;

namespace {

bool loopback(const std::string& uri) {
    return uri.find("://127.") != std::string::npos || uri.find("://localhost") != std::string::npos ||
           uri.find("://[::1]") != std::string::npos;
}

std::string value_text(const rapidjson::Value& v) {
    if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
    if (v.IsBool()) return v.GetBool() ? "true" : "false";
    if (v.IsInt64()) return std::to_string(v.GetInt64());
    if (v.IsNumber()) return std::to_string(v.GetDouble());
    return "";
}

}  // namespace

RestConfResult parse_conf_eventgen_json(const std::string& json, const std::string& splunk_home) {
    RestConfResult result;
    rapidjson::Document doc;
    doc.Parse(json.c_str());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("entry") || !doc["entry"].IsArray()) {
        result.error = "splunkd's configs/conf-eventgen answer is not the expected JSON";
        return result;
    }
    std::map<std::string, ConfFile> by_app;
    for (const auto& entry : doc["entry"].GetArray()) {
        if (!entry.IsObject() || !entry.HasMember("name") || !entry["name"].IsString()) continue;
        std::string stanza = entry["name"].GetString();
        std::string app;
        if (entry.HasMember("acl") && entry["acl"].IsObject() && entry["acl"].HasMember("app"))
            app = value_text(entry["acl"]["app"]);
        if (!entry.HasMember("content") || !entry["content"].IsObject()) continue;
        const auto& content = entry["content"];
        if (app.empty() && content.HasMember("eai:appName")) app = value_text(content["eai:appName"]);
        ConfFile& file = by_app[app];
        file.path = "splunkd configs/conf-eventgen (app " + app + ")";
        ConfStanza& s = file.get_or_add(stanza, 0);
        for (auto m = content.MemberBegin(); m != content.MemberEnd(); ++m) {
            std::string key = m->name.GetString();
            if (starts_with(key, "eai:")) continue;  // splunkd's own metadata, not settings
            if (m->value.IsNull() || m->value.IsObject() || m->value.IsArray()) continue;
            s.set(ConfEntry{key, value_text(m->value), 0});
        }
    }
    for (auto& [app, file] : by_app) {
        std::string app_dir = (fs::path(splunk_home) / "etc" / "apps" / app).string();
        result.apps.emplace_back(ConfSource{file.path, app, app_dir}, std::move(file));
    }
    return result;
}

RestConfResult fetch_eventgen_conf(const std::string& server_uri, const std::string& session_key,
                                   const std::string& own_app, const std::string& splunk_home) {
    RestConfResult result;
    std::string url = server_uri + "/servicesNS/nobody/" + own_app + "/configs/conf-eventgen?count=0&output_mode=json";
    HttpOptions options;
    options.timeout_ms = 30000;
    options.connect_timeout_ms = 30000;
    std::string ca = (fs::path(splunk_home) / "etc" / "auth" / "cacert.pem").string();
    std::error_code ec;
    if (fs::is_regular_file(ca, ec)) {
        options.ca_file = ca;
        // Splunk's default server certificate names "SplunkServerDefaultCert", not the host.
        options.verify_host = false;
    } else if (loopback(server_uri)) {
        options.verify_peer = options.verify_host = false;
    }
    HttpResponse r;
    try {
        r = HttpClient(options).get(url, HttpHeaders({"Authorization: Splunk " + session_key}));
    } catch (const std::runtime_error& e) {
        result.error = e.what();
        return result;
    }
    if (r.curl != CURLE_OK) {
        result.error = "cannot reach splunkd at " + server_uri + ": " + curl_easy_strerror(r.curl);
        return result;
    }
    if (r.status != 200) {
        result.error = "splunkd answered HTTP " + std::to_string(r.status) + " for configs/conf-eventgen" +
                       (r.status == 401 ? " (session key refused)" : "");
        return result;
    }
    return parse_conf_eventgen_json(r.body, splunk_home);
}

}  // namespace eventgen
