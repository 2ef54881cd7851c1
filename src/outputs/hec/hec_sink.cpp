// HTTP Event Collector output. Each sink keeps one libcurl handle per server, so
// connections are reused (keep-alive) across batches; a worker writing directly owns
// its own sink and connections. Payloads are cut at event boundaries at
// httpeventMaxPayloadSize. Busy or unreachable servers are retried on the next
// server with backoff; a server failing httpeventAllowFailureCount times in a row
// sits out for a while and comes back on its next success. Token errors stop the
// run; format errors fail the payload's events. Every event ends up acknowledged
// (HTTP 200, or an indexer ack when httpeventUseAck is on) or counted as failed.
#include <curl/curl.h>
#include <poll.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>

#include "common/log.h"
#include "common/rng.h"
#include "outputs/hec/hec_sink.h"
#include "outputs/support/gzip.h"
#include "outputs/support/http_client.h"
#include "outputs/support/retry_policy.h"

namespace eventgen {

namespace {

using Clock = std::chrono::steady_clock;

// The HTTP answer, and what HEC's JSON body said.
struct Reply {
    HttpResponse http;
    int code = -1;  // HEC's "code" in the JSON body
    std::string text;
    int64_t ack_id = -1;
    std::string describe(const std::string& url) const {
        if (!http.tls_problem.empty() || http.curl != CURLE_OK) return http.describe(url);
        std::string s = url + ": HTTP " + std::to_string(http.status);
        if (code >= 0) s += ", HEC code " + std::to_string(code);
        if (!text.empty()) s += " (" + text + ")";
        return s;
    }
};

// One HEC server with its own connection.
struct Server {
    HecServer conf;
    std::optional<HttpClient> client;   // opened on first use
    HttpHeaders headers;                // event posts
    HttpHeaders ack_headers;            // ack queries: plain JSON, never gzip
    int64_t failures = 0;                 // consecutive
    Clock::time_point out_until{};        // out of the pool until then
    std::chrono::milliseconds penalty{1000};
};

std::string new_channel() {
    Rng rng(os_random_seed());
    char buf[40];
    uint64_t a = rng.next(), b = rng.next();
    std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-a%03x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>(a >> 16) & 0xFFFF, static_cast<unsigned>(a) & 0xFFF,
                  static_cast<unsigned>(b >> 52) & 0xFFF, static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
    return buf;
}

class HecSink : public Sink {
public:
    HecSink(const HecSettings& s, std::string raw_query, std::string label, const std::atomic<bool>* cancel)
        : settings_(s), raw_query_(std::move(raw_query)), label_(std::move(label)), cancel_(cancel) {
        // Acks need a channel, and so does the raw endpoint on many HEC versions.
        if (settings_.use_ack || settings_.endpoint == "raw") channel_ = new_channel();
        for (const auto& conf : settings_.servers) {
            Server srv;
            srv.conf = conf;
            servers_.push_back(std::move(srv));
        }
    }
    ~HecSink() override { close(); }

    uint64_t send(const FormattedBatch& b) override {
        // Cut the batch into payloads at event boundaries: each takes the most events
        // that fit httpeventMaxPayloadSize (a larger event travels alone). The ends are
        // ascending, so the cut is a binary search, not a look at every event.
        uint64_t failed = 0;
        const uint32_t* ends = b.event_ends;
        uint32_t first = 0;
        size_t start = 0;
        while (first < b.events) {
            size_t limit = start + static_cast<size_t>(settings_.max_payload_bytes);
            const uint32_t* beyond = std::upper_bound(ends + first, ends + b.events, limit);
            uint32_t last = beyond == ends + first ? first : static_cast<uint32_t>(beyond - ends) - 1;
            uint32_t n = last + 1 - first;
            size_t end = ends[last];
            if (b.progress) b.progress->sending(n);
            bool ok = send_payload(b.data.substr(start, end - start), n);
            if (!ok) failed += n;
            if (b.progress) b.progress->finished(n, ok);
            first = last + 1;
            start = end;
        }
        return failed;
    }

    void close() override {
        for (auto& s : servers_) s.client.reset();
    }
    std::string describe() const override {
        std::string d = "httpevent";
        for (const auto& s : servers_) {
            d += ' ';
            d += s.conf.base_url();
        }
        return d;
    }

private:
    std::string url_for(const Server& s) const {
        std::string url = s.conf.base_url() + "/services/collector/" + settings_.endpoint;
        if (settings_.endpoint == "raw" && !raw_query_.empty()) url += "?" + raw_query_;
        return url;
    }

    bool cancelled() const { return cancel_ && cancel_->load(std::memory_order_relaxed); }

    HttpClient& client(Server& s) {
        if (s.client) return *s.client;
        HttpOptions o;
        o.verify_peer = o.verify_host = settings_.verify_tls;
        o.ca_file = settings_.ca_file;
        o.timeout_ms = static_cast<long>(settings_.timeout_seconds * 1000);
        o.cancel = cancel_;
        o.stop_grace_ms = kStopGraceMs;
        s.client.emplace(o);
        // Event posts and ack queries share token, JSON type and channel.
        auto common_headers = [&] {
            HttpHeaders h({"Authorization: Splunk " + s.conf.token, "Content-Type: application/json"});
            if (!channel_.empty()) h.add("X-Splunk-Request-Channel: " + channel_);
            return h;
        };
        s.ack_headers = common_headers();
        s.headers = common_headers();
        if (settings_.gzip) s.headers.add("Content-Encoding: gzip");
        return *s.client;
    }

    Reply post(Server& s, const std::string& url, std::string_view body) {
        Reply r;
        r.http = client(s).post(url, body, s.headers);
        count_bytes(body.size());
        rapidjson::Document doc;
        doc.Parse(r.http.body.c_str());
        if (!doc.HasParseError() && doc.IsObject()) {
            if (doc.HasMember("code") && doc["code"].IsInt()) r.code = doc["code"].GetInt();
            if (doc.HasMember("text") && doc["text"].IsString()) r.text = doc["text"].GetString();
            if (doc.HasMember("ackId") && doc["ackId"].IsInt64()) r.ack_id = doc["ackId"].GetInt64();
        }
        return r;
    }

    // Waits for the indexer to acknowledge `ack_id`; false when it does not in time.
    bool wait_for_ack(Server& s, int64_t ack_id, Clock::time_point deadline) {
        std::string url = s.conf.base_url() + "/services/collector/ack?channel=" + channel_;
        std::string body = "{\"acks\":[" + std::to_string(ack_id) + "]}";
        int delay_ms = 5;
        while (Clock::now() < deadline && !cancelled()) {
            HttpResponse response = client(s).post(url, body, s.ack_headers);
            if (response.curl == CURLE_OK) {
                rapidjson::Document doc;
                doc.Parse(response.body.c_str());
                std::string id = std::to_string(ack_id);
                if (!doc.HasParseError() && doc.IsObject() && doc.HasMember("acks") && doc["acks"].IsObject() &&
                    doc["acks"].HasMember(id.c_str()) && doc["acks"][id.c_str()].IsBool() &&
                    doc["acks"][id.c_str()].GetBool())
                    return true;
            }
            ::poll(nullptr, 0, delay_ms);  // the indexer needs time to commit; ask again later
            delay_ms = std::min(delay_ms * 2, 200);
        }
        return false;
    }

    enum class Outcome { Delivered, Retry, Rejected };

    Outcome classify(const Reply& r, const std::string& url) {
        const HttpResponse& h = r.http;
        if (h.curl == CURLE_OK && h.status == 200) return Outcome::Delivered;
        if (h.curl == CURLE_PEER_FAILED_VERIFICATION || h.curl == CURLE_SSL_CACERT_BADFILE ||
            h.curl == CURLE_SSL_CERTPROBLEM || h.curl == CURLE_SSL_ISSUER_ERROR)
            throw OutputError("cannot verify the HEC server's TLS certificate: " + r.describe(url) +
                              (h.host_mismatch ? "; name the server in httpeventServers by a name its certificate holds"
                                               : "; name its CA with httpeventCAFile") +
                              ", or set httpeventSSLVerify = false for a lab server");
        if (h.curl != CURLE_OK) return Outcome::Retry;
        if (h.status == 401 || h.status == 403)
            throw OutputError("HEC refused the token: " + r.describe(url) + "; check the key in httpeventServers");
        if (h.status == 429 || h.status == 503 || h.status >= 500) return Outcome::Retry;
        if (h.status == 413)
            report_once("payload too large for the server; lower httpeventMaxPayloadSize: " + r.describe(url));
        else
            report_once("HEC rejected a payload, its events are counted as failed: " + r.describe(url));
        return Outcome::Rejected;
    }

    void report_once(const std::string& message) {
        if (reported_.insert(message).second) LOG_ERROR(label_ << ": " << message);
    }

    // A failed attempt that will be retried: the first is logged at once, then at most
    // one line every 10 s with how many there were (a storm must not flood the log).
    void report_retry(const std::string& why) {
        ++retries_unreported_;
        Clock::time_point now = Clock::now();
        if (last_retry_report_ != Clock::time_point{} && now - last_retry_report_ < std::chrono::seconds(10)) return;
        LOG_WARN(label_ << ": HEC attempt failed, retrying: " << why
                                                  << (retries_unreported_ > 1
                                                          ? " (" + std::to_string(retries_unreported_) +
                                                                " failed attempts since the last report)"
                                                          : std::string()));
        last_retry_report_ = now;
        retries_unreported_ = 0;
    }

    // The next server in the pool, round robin; nullptr when all are sitting out.
    Server* next_server(Clock::time_point now) {
        for (size_t tries = 0; tries < servers_.size(); ++tries) {
            Server& s = servers_[next_++ % servers_.size()];
            if (s.out_until <= now) return &s;
        }
        return nullptr;
    }

    void note_failure(Server& s, const std::string& why) {
        if (++s.failures < settings_.allow_failure_count) return;
        s.out_until = Clock::now() + s.penalty;
        LOG_WARN(label_ << ": HEC server " << s.conf.base_url() << " failed " << s.failures << " times in a row (" << why
                               << "); leaving it out for " << s.penalty.count() << " ms");
        s.penalty = std::min(s.penalty * 2, std::chrono::milliseconds(30000));
        s.failures = 0;
    }

    void note_success(Server& s) {
        s.failures = 0;
        s.penalty = std::chrono::milliseconds(1000);
    }

    // Sends one payload to one server (retrying there only through the caller).
    Outcome attempt(Server& s, std::string_view body, Clock::time_point deadline, std::string& why, CURLcode& curl) {
        std::string url = url_for(s);
        Reply r = post(s, url, body);
        curl = r.http.curl;
        Outcome o = classify(r, url);
        if (o == Outcome::Delivered && settings_.use_ack && r.ack_id >= 0 && !wait_for_ack(s, r.ack_id, deadline)) {
            why = "no indexer acknowledgement from " + s.conf.base_url();
            return Outcome::Rejected;
        }
        if (o == Outcome::Retry) why = r.describe(url);
        return o;
    }

    bool send_payload(std::string_view data, uint32_t events) {
        // Posted straight from the batch memory unless it has to be compressed first.
        std::string_view body = data;
        if (settings_.gzip) {
            gzip_compress(data, compressed_);
            body = compressed_;
        }
        if (settings_.mode == "mirror") {
            // Every server gets every payload; an event fails only if no server took it.
            bool any = false;
            for (auto& s : servers_) any = deliver_to(&s, body, events) || any;
            return any;
        }
        return deliver_to(nullptr, body, events);
    }

    // Delivers to `only` (mirror) or to the pool (round robin), retrying under the
    // retry policy (httpeventRetrySeconds).
    bool deliver_to(Server* only, std::string_view body, uint32_t events) {
        std::string why = "no server available";
        Backoff backoff(RetryPolicy::for_duration(settings_.retry_seconds), cancel_);
        size_t failures_this_round = 0;
        bool maybe_taken = false;  // an earlier attempt may have reached a server
        while (true) {
            Clock::time_point now = Clock::now();
            Server* s = only ? (only->out_until <= now ? only : nullptr) : next_server(now);
            if (s) {
                CURLcode curl = CURLE_OK;
                // Sending again what a server may already hold: each such send is counted.
                if (maybe_taken) count_resent(events);
                maybe_taken = false;
                Outcome o = attempt(*s, body, backoff.deadline(), why, curl);
                if (o == Outcome::Delivered) {
                    note_success(*s);
                    return true;
                }
                // No response after the request went out: the server may have indexed it.
                if (o == Outcome::Retry && curl != CURLE_OK && curl != CURLE_COULDNT_CONNECT &&
                    curl != CURLE_COULDNT_RESOLVE_HOST && curl != CURLE_SSL_CONNECT_ERROR)
                    maybe_taken = true;
                if (o == Outcome::Retry) report_retry(why);
                if (o == Outcome::Rejected) {
                    if (!why.empty() && settings_.use_ack) report_once(why);
                    return false;
                }
                note_failure(*s, why);
                // Try the other servers at once; back off only after a whole round failed.
                if (++failures_this_round < (only ? 1 : servers_.size())) continue;
            }
            failures_this_round = 0;
            if (!backoff.retry()) {
                LOG_ERROR(label_ << ": giving up on " << events << " event(s) after retrying: " << why);
                return false;
            }
        }
    }

    HecSettings settings_;
    std::string raw_query_;
    std::string label_;  // names the stanza in log lines
    const std::atomic<bool>* cancel_;
    std::string channel_;
    std::vector<Server> servers_;
    size_t next_ = 0;
    std::string compressed_;
    std::set<std::string> reported_;
    Clock::time_point last_retry_report_{};
    uint64_t retries_unreported_ = 0;
};

}  // namespace

std::unique_ptr<Sink> make_hec_sink(const HecSettings& settings, const std::string& raw_query,
                                    const std::string& label, const std::atomic<bool>* cancel) {
    return std::make_unique<HecSink>(settings, raw_query, label, cancel);
}

}  // namespace eventgen
