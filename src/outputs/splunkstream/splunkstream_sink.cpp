// splunkstream: events POSTed to splunkd's services/receivers/stream endpoint, as
// Python Eventgen does, after logging in with splunkUser/splunkPass: each post carries
// its events' index/source/sourcetype/host (per CSV row, per host token), and posts
// rotate over the splunkd hosts of a JSON-list splunkHost.
#include <optional>
#include <vector>

#include "common/log.h"
#include "common/strings.h"
#include "config/sample_config.h"
#include "config/sample_resolver.h"
#include "outputs/output_component.h"
#include "outputs/support/line_format.h"
#include "outputs/support/meta_cache.h"
#include "outputs/support/socket_target.h"
#include "outputs/support/http_client.h"

namespace eventgen {

namespace {

struct SplunkStreamSettings {
    std::string method = "https";
    std::vector<SocketTarget> hosts;  // splunkHost (one or a JSON list), splunkPort; posts rotate over them
    std::string user, password;
    // Verified as HEC is (httpeventSSLVerify/httpeventCAFile): splunkSSLVerify = false is
    // the opt-out for a lab splunkd with its default self-signed certificate.
    bool verify_tls = true;
    std::string ca_file;  // splunkCAFile: the CA that signed splunkd's certificate
};

bool tls_verification_failed(CURLcode c) {
    return c == CURLE_PEER_FAILED_VERIFICATION || c == CURLE_SSL_CACERT_BADFILE || c == CURLE_SSL_CERTPROBLEM ||
           c == CURLE_SSL_ISSUER_ERROR;
}

// Another splunkd would not fix a certificate this host does not trust: stop with why.
[[noreturn]] void throw_tls_error(const HttpResponse& r, const std::string& url) {
    throw OutputError("splunkstream: cannot verify splunkd's TLS certificate: " + r.describe(url) +
                      (r.host_mismatch ? "; name splunkd in splunkHost by a name its certificate holds"
                                       : "; name its CA with splunkCAFile") +
                      ", or set splunkSSLVerify = false for a splunkd with its default self-signed certificate");
}

std::string between(const std::string& text, const std::string& open, const std::string& close) {
    size_t a = text.find(open);
    if (a == std::string::npos) return "";
    a += open.size();
    size_t b = text.find(close, a);
    return b == std::string::npos ? "" : text.substr(a, b - a);
}

// One splunkd: its own kept-alive client and login session.
struct StreamHost {
    std::string base;  // "https://host:8089"
    std::optional<HttpClient> client;
    std::string session;
    HttpHeaders auth;
};

class SplunkStreamSink : public Sink {
public:
    SplunkStreamSink(const SplunkStreamSettings& s, std::string label) : s_(s), label_(std::move(label)) {
        for (const auto& h : s_.hosts) {
            hosts_.emplace_back();
            hosts_.back().base = s_.method + "://" + h.host + ":" + std::to_string(h.port);
        }
    }
    ~SplunkStreamSink() override { close(); }

    uint64_t send(const FormattedBatch& b) override {
        // Events come as "<query>\0<text>\n" (make_splunkstream_format); each run of
        // events with the same metadata is one post with that query.
        uint64_t failed = 0;
        std::string body, query;
        uint32_t run = 0;
        auto flush = [&] {
            if (run == 0) return;
            if (!post(query, body)) failed += run;
            body.clear();
            run = 0;
        };
        for (uint32_t i = 0; i < b.events; ++i) {
            uint32_t start = i == 0 ? 0 : b.event_ends[i - 1];
            std::string_view e = b.data.substr(start, b.event_ends[i] - start);
            size_t nul = e.find('\0');
            std::string_view q = e.substr(0, nul), text = e.substr(nul + 1);
            if (run > 0 && q != query) flush();
            if (run == 0) query.assign(q);
            body.append(text);
            ++run;
        }
        flush();
        return failed;
    }
    void close() override {
        for (auto& h : hosts_) h.client.reset();
    }
    std::string describe() const override {
        std::string d = "splunkstream";
        for (size_t i = 0; i < hosts_.size(); ++i) d += (i ? "," : " ") + hosts_[i].base;
        return d;
    }

private:
    // Posts to the next host in rotation, failing over to the others when one cannot be
    // reached or answers with an error; false when none took it.
    bool post(const std::string& query, const std::string& body) {
        std::string last;
        for (size_t k = 0; k < hosts_.size(); ++k) {
            StreamHost& h = hosts_[next_];
            next_ = (next_ + 1) % hosts_.size();
            std::string url = h.base + "/services/receivers/stream" + (query.empty() ? "" : "?" + query);
            if (h.session.empty() && !login(h, last)) continue;
            HttpResponse r = client(h).post(url, body, h.auth);
            if (tls_verification_failed(r.curl)) throw_tls_error(r, url);
            if (r.curl == CURLE_OK && r.status == 401) {  // the session expired: log in again once
                h.session.clear();
                if (!login(h, last)) continue;
                r = client(h).post(url, body, h.auth);
            }
            if (r.ok()) {
                count_bytes(body.size());
                return true;
            }
            last = r.describe(url);
            LOG_WARN(label_ << ": " << last << (hosts_.size() > 1 ? "; trying the next splunkd" : ""));
        }
        LOG_ERROR(label_ << ": no splunkd took the events: " << last);
        return false;
    }

    HttpClient& client(StreamHost& h) {
        if (!h.client) {
            HttpOptions o;
            o.verify_peer = o.verify_host = s_.verify_tls;
            o.ca_file = s_.ca_file;
            o.connect_timeout_ms = 5000;
            o.timeout_ms = 0;  // no limit, as before: a stream post may be large
            h.client.emplace(o);
        }
        return *h.client;
    }

    // False when the host cannot be reached (another may be); wrong credentials throw:
    // no host will take them.
    bool login(StreamHost& h, std::string& error) {
        std::string body = "username=" + percent_encode(s_.user) + "&password=" + percent_encode(s_.password);
        HttpResponse r = client(h).post(h.base + "/services/auth/login", body, HttpHeaders());
        if (tls_verification_failed(r.curl)) throw_tls_error(r, h.base + "/services/auth/login");
        if (r.curl != CURLE_OK) {
            error = "cannot reach " + h.base + ": " + curl_easy_strerror(r.curl);
            LOG_WARN(label_ << ": " << error);
            return false;
        }
        h.session = between(r.body, "<sessionKey>", "</sessionKey>");
        if (r.status != 200 || h.session.empty())
            throw OutputError("splunkstream: login to " + h.base + " as '" + s_.user + "' failed (HTTP " +
                              std::to_string(r.status) + "); check splunkUser and splunkPass");
        h.auth = HttpHeaders({"Authorization: Splunk " + h.session});
        return true;
    }

    SplunkStreamSettings s_;
    std::string label_;
    std::vector<StreamHost> hosts_;
    size_t next_ = 0;
};

// Per event its metadata as a URL query, a NUL, then the trimmed text and a newline:
// the sink groups events by query (receivers/stream takes metadata per post), so CSV
// rows and host tokens keep theirs.
class SplunkStreamFormat : public EventFormat {
public:
    bool append(const EventView& e, FormatBuffer& out) override {
        // Encoded once per metadata set and batch.
        out += queries_.get(e, [](const EventMeta& m, std::string& query) {
            query.clear();
            auto add = [&](const char* key, std::string_view v) {
                if (v.empty()) return;  // splunkd then applies the input's default
                query += (query.empty() ? "" : "&") + std::string(key) + "=" + percent_encode(std::string(v));
            };
            add("index", m.index);
            add("source", m.source);
            add("sourcetype", m.sourcetype);
            add("host", m.host);
        });
        out.push_back('\0');
        return line_->append(e, out);
    }

private:
    std::unique_ptr<EventFormat> line_ = make_line_format_trimmed();
    MetaCache<std::string> queries_;
};

class SplunkStreamConfig : public OutputConfig {
public:
    SplunkStreamConfig(SplunkStreamSettings s, std::string label) : s_(std::move(s)), label_(std::move(label)) {}
    // Each event's metadata travels with it: one sink per host set.
    std::string target_key() const override {
        std::string k = "splunkstream:" + s_.method;
        for (const auto& h : s_.hosts) k += ":" + h.host + ":" + std::to_string(h.port);
        return k;
    }
    std::unique_ptr<EventFormat> make_format(const OutputOptions&) const override {
        return std::make_unique<SplunkStreamFormat>();
    }
    std::unique_ptr<Sink> make_sink(const OutputOptions&, const std::atomic<bool>*) const override {
        return std::make_unique<SplunkStreamSink>(s_, label_);
    }

private:
    SplunkStreamSettings s_;
    std::string label_;
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
    o.hosts = read_host_list(s, "splunkHost", read_port(s, "splunkPort", 8089));
    o.user = s.str("splunkUser", "");
    o.password = s.str("splunkPass", "");
    o.verify_tls = s.boolean("splunkSSLVerify", true);
    o.ca_file = expand_env_vars(s.str("splunkCAFile", ""));
    if (o.hosts.empty()) s.fail("splunkHost", "outputMode splunkstream needs splunkHost (splunkd, or a JSON list of them)");
    return std::make_shared<SplunkStreamConfig>(o, "[" + c.def.stanza + "] outputMode = splunkstream");
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
            {"splunkHost", T::String, std::nullopt, {}, "splunkd host, host:port or a JSON list of them (posts rotate)",
             false},
            {"splunkPort", T::Integer, "8089", {}, "splunkd management port", false},
            {"splunkMethod", T::Choice, "https", {"http", "https"}, "scheme of the management port", false},
            {"splunkUser", T::String, std::nullopt, {}, "user to log in as", false},
            {"splunkPass", T::String, std::nullopt, {}, "that user's password", false},
            {"splunkSSLVerify", T::Boolean, "true", {}, "verify splunkd's TLS certificate (false for a self-signed lab splunkd)",
             false},
            {"splunkCAFile", T::Path, std::nullopt, {}, "CA bundle that signed splunkd's certificate", false},
        },
        parse};
    return d;
}

}  // namespace eventgen
