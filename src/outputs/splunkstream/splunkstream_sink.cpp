// splunkstream: events POSTed to splunkd's services/receivers/stream endpoint, as
// Python Eventgen does, after logging in with splunkUser/splunkPass.
#include <optional>

#include "common/log.h"
#include "common/strings.h"
#include "config/sample_config.h"
#include "outputs/output_component.h"
#include "outputs/support/line_format.h"
#include "outputs/support/metadata_query.h"
#include "outputs/support/http_client.h"

namespace eventgen {

namespace {

struct SplunkStreamSettings {
    std::string method = "https";
    std::string host;
    int port = 8089;
    std::string user, password;
    bool verify_tls = false;  // splunkd's management port usually has a self-signed certificate
};

std::string between(const std::string& text, const std::string& open, const std::string& close) {
    size_t a = text.find(open);
    if (a == std::string::npos) return "";
    a += open.size();
    size_t b = text.find(close, a);
    return b == std::string::npos ? "" : text.substr(a, b - a);
}

class SplunkStreamSink : public Sink {
public:
    SplunkStreamSink(const SplunkStreamSettings& s, std::string query) : s_(s), query_(std::move(query)) {}
    ~SplunkStreamSink() override { close(); }

    uint64_t send(const FormattedBatch& b) override {
        if (session_.empty()) login();
        std::string url = base() + "/services/receivers/stream" + (query_.empty() ? "" : "?" + query_);
        HttpResponse r = client().post(url, b.data, auth_);
        if (r.curl == CURLE_OK && r.status == 401) {  // the session expired: log in again once
            session_.clear();
            login();
            r = client().post(url, b.data, auth_);
        }
        if (!r.ok()) {
            LOG_ERROR("splunkstream: " << r.describe(url));
            return b.events;
        }
        count_bytes(b.data.size());
        return 0;
    }
    void close() override { client_.reset(); }
    std::string describe() const override { return "splunkstream " + base(); }

private:
    std::string base() const { return s_.method + "://" + s_.host + ":" + std::to_string(s_.port); }

    HttpClient& client() {
        if (!client_) {
            HttpOptions o;
            o.verify_peer = o.verify_host = s_.verify_tls;
            o.connect_timeout_ms = 5000;
            o.timeout_ms = 0;  // no limit, as before: a stream post may be large
            client_.emplace(o);
        }
        return *client_;
    }

    void login() {
        std::string body = "username=" + percent_encode(s_.user) + "&password=" + percent_encode(s_.password);
        HttpResponse r = client().post(base() + "/services/auth/login", body, HttpHeaders());
        if (r.curl != CURLE_OK)
            throw OutputError("splunkstream: cannot reach " + base() + ": " + curl_easy_strerror(r.curl));
        session_ = between(r.body, "<sessionKey>", "</sessionKey>");
        if (r.status != 200 || session_.empty())
            throw OutputError("splunkstream: login to " + base() + " as '" + s_.user + "' failed (HTTP " +
                              std::to_string(r.status) + "); check splunkUser and splunkPass");
        auth_ = HttpHeaders({"Authorization: Splunk " + session_});
    }

    SplunkStreamSettings s_;
    std::string query_;
    std::optional<HttpClient> client_;
    std::string session_;
    HttpHeaders auth_;
};

class SplunkStreamConfig : public OutputConfig {
public:
    SplunkStreamConfig(SplunkStreamSettings s, std::string query) : s_(std::move(s)), query_(std::move(query)) {}
    std::string target_key() const override { return "splunkstream:" + s_.host + ":" + query_; }
    std::unique_ptr<EventFormat> make_format(const OutputOptions&) const override { return make_line_format_trimmed(); }
    std::unique_ptr<Sink> make_sink(const OutputOptions&, const std::atomic<bool>*) const override {
        return std::make_unique<SplunkStreamSink>(s_, query_);
    }

private:
    SplunkStreamSettings s_;
    std::string query_;
};

int read_port(const SettingsMap& s, const std::string& key, int fallback) {
    int64_t p = s.integer(key, fallback);
    if (p < 1 || p > 65535) s.fail(key, "port must be between 1 and 65535");
    return static_cast<int>(p);
}

std::shared_ptr<const OutputConfig> parse(const SampleConfig& c, const std::string&) {
    const SettingsMap& s = c.def.settings;
    SplunkStreamSettings o;
    o.method = s.choice("splunkMethod", {"http", "https"}, "https");
    o.host = s.str("splunkHost", "");
    o.port = read_port(s, "splunkPort", 8089);
    o.user = s.str("splunkUser", "");
    o.password = s.str("splunkPass", "");
    o.verify_tls = s.boolean("splunkSSLVerify", false);
    if (o.host.empty()) s.fail("splunkHost", "outputMode splunkstream needs splunkHost");
    return std::make_shared<SplunkStreamConfig>(o, metadata_query(c));
}

}  // namespace

const OutputDescriptor& splunkstream_output() {
    using T = SettingType;
    static const OutputDescriptor d{
        "splunkstream",
        {"splunkstream"},
        "events posted to splunkd's receivers/stream endpoint after logging in",
        OutputTraits{true, false, UnderModinput::KeepOutputMode},
        {
            {"splunkHost", T::String, std::nullopt, {}, "splunkd host", false},
            {"splunkPort", T::Integer, "8089", {}, "splunkd management port", false},
            {"splunkMethod", T::Choice, "https", {"http", "https"}, "scheme of the management port", false},
            {"splunkUser", T::String, std::nullopt, {}, "user to log in as", false},
            {"splunkPass", T::String, std::nullopt, {}, "that user's password", false},
            {"splunkSSLVerify", T::Boolean, "false", {}, "verify splunkd's TLS certificate", false},
        },
        parse};
    return d;
}

}  // namespace eventgen
