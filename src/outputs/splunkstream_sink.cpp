// splunkstream: events POSTed to splunkd's services/receivers/stream endpoint, as
// Python Eventgen does, after logging in with splunkUser/splunkPass.
#include <optional>

#include "common/log.h"
#include "common/strings.h"
#include "config/output_settings.h"
#include "outputs/sink.h"
#include "outputs/support/http_client.h"

namespace eventgen {

namespace {

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

    uint64_t write(const FormattedBatch& b) override {
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
            stats.failed += b.events;
            return b.events;
        }
        stats.events += b.events;
        stats.bytes += b.data.size();
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

}  // namespace

std::unique_ptr<Sink> make_splunkstream_sink(const SplunkStreamSettings& settings, const std::string& query) {
    return std::make_unique<SplunkStreamSink>(settings, query);
}

}  // namespace eventgen
