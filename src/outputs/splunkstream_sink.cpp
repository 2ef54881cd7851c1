// splunkstream: events POSTed to splunkd's services/receivers/stream endpoint, as
// Python Eventgen does, after logging in with splunkUser/splunkPass.
#include <curl/curl.h>

#include "common/curl_body.h"
#include "common/log.h"
#include "common/strings.h"
#include "config/output_settings.h"
#include "outputs/sink.h"

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
        long status = 0;
        std::string response;
        CURLcode rc = request(url, b.data, "Authorization: Splunk " + session_, status, response);
        if (rc == CURLE_OK && status == 401) {  // the session expired: log in again once
            session_.clear();
            login();
            rc = request(url, b.data, "Authorization: Splunk " + session_, status, response);
        }
        if (rc != CURLE_OK || status / 100 != 2) {
            LOG_ERROR("splunkstream: " << url << ": "
                                       << (rc != CURLE_OK ? curl_easy_strerror(rc) : "HTTP " + std::to_string(status)));
            stats.failed += b.events;
            return b.events;
        }
        stats.events += b.events;
        stats.bytes += b.data.size();
        return 0;
    }
    void close() override {
        if (curl_) curl_easy_cleanup(curl_);
        curl_ = nullptr;
    }
    std::string describe() const override { return "splunkstream " + base(); }

private:
    std::string base() const { return s_.method + "://" + s_.host + ":" + std::to_string(s_.port); }

    CURLcode request(const std::string& url, std::string_view body, const std::string& header, long& status,
                     std::string& response) {
        if (!curl_) curl_ = curl_easy_init();
        if (!curl_) throw OutputError("cannot start libcurl");
        response.clear();
        curl_slist* headers = header.empty() ? nullptr : curl_slist_append(nullptr, header.c_str());
        curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
        curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, append_curl_body);
        curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &response);
        curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
        curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYPEER, s_.verify_tls ? 1L : 0L);
        curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYHOST, s_.verify_tls ? 2L : 0L);
        CURLcode rc = curl_easy_perform(curl_);
        curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, nullptr);
        if (headers) curl_slist_free_all(headers);
        return rc;
    }

    void login() {
        std::string body = "username=" + percent_encode(s_.user) + "&password=" + percent_encode(s_.password);
        long status = 0;
        std::string response;
        CURLcode rc = request(base() + "/services/auth/login", body, "", status, response);
        if (rc != CURLE_OK) throw OutputError("splunkstream: cannot reach " + base() + ": " + curl_easy_strerror(rc));
        session_ = between(response, "<sessionKey>", "</sessionKey>");
        if (status != 200 || session_.empty())
            throw OutputError("splunkstream: login to " + base() + " as '" + s_.user + "' failed (HTTP " +
                              std::to_string(status) + "); check splunkUser and splunkPass");
    }

    SplunkStreamSettings s_;
    std::string query_;
    CURL* curl_ = nullptr;
    std::string session_;
};

}  // namespace

std::unique_ptr<Sink> make_splunkstream_sink(const SplunkStreamSettings& settings, const std::string& query) {
    return std::make_unique<SplunkStreamSink>(settings, query);
}

}  // namespace eventgen
