// s2s: the output component (descriptor, settings, typed config) around the S2S sink
// and format (s2s_sink.cpp, s2s_format.cpp).
#include "common/strings.h"
#include "config/sample_config.h"
#include "config/sample_resolver.h"
#include "outputs/output_router.h"
#include "outputs/output_component.h"
#include "outputs/s2s/s2s_output.h"
#include "outputs/s2s/s2s_settings.h"

namespace eventgen {

S2SSettings read_s2s_settings(const SettingsMap& s) {
    S2SSettings o;
    int64_t port = s.integer("splunkPort", 9997);
    if (port < 1 || port > 65535) s.fail("splunkPort", "port must be between 1 and 65535");
    o.servers = read_host_list(s, "splunkHost", static_cast<int>(port));
    if (o.servers.empty()) s.fail("splunkHost", "outputMode s2s needs splunkHost (an indexer, or a JSON list of them)");
    o.version = static_cast<int>(s.integer("s2sVersion", 3));
    if (o.version != 2 && o.version != 3) s.fail("s2sVersion", "must be 2 or 3");
    o.use_ack = s.boolean("s2sUseACK", false);
    o.compressed = s.boolean("s2sCompressed", false);
    if (o.version == 2 && o.use_ack) s.fail("s2sUseACK", "acknowledgements need s2sVersion = 3");
    if (o.version == 2 && o.compressed) s.fail("s2sCompressed", "compression needs s2sVersion = 3");
    o.use_ssl = s.boolean("s2sUseSSL", false);
    o.verify_tls = s.boolean("s2sSSLVerify", true);
    o.ca_file = expand_env_vars(s.str("s2sSSLCAFile", ""));
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

namespace {

std::string hosts_text(const std::vector<SocketTarget>& hosts) {
    std::string k;
    for (const auto& h : hosts) k += (k.empty() ? "" : ",") + h.host + ":" + std::to_string(h.port);
    return k;
}

class S2SConfig : public OutputConfig {
public:
    S2SConfig(S2SSettings s, std::string label) : s_(std::move(s)), label_(std::move(label)) {}
    // Metadata travels in every frame: samples with the same settings share a sink.
    std::string target_key() const override {
        return "s2s:" + hosts_text(s_.servers) + ":" + std::to_string(s_.version) + (s_.use_ack ? "a" : "") +
               (s_.compressed ? "z" : "") + (s_.use_ssl ? "t" + s_.ca_file : "");
    }
    std::unique_ptr<EventFormat> make_format(const OutputOptions&) const override { return make_s2s_format(); }
    std::unique_ptr<Sink> make_sink(const OutputOptions&, const std::atomic<bool>* cancel) const override {
        return make_s2s_sink(s_, name(s_), label_, cancel);
    }
    static std::string name(const S2SSettings& s) { return "s2s " + hosts_text(s.servers); }

private:
    S2SSettings s_;
    std::string label_;  // names the stanza in the sink's log lines
};

std::shared_ptr<const OutputConfig> parse(const SampleConfig& c, const std::string&) {
    S2SSettings s = read_s2s_settings(c.def.settings);
    std::string label = output_label(c, S2SConfig::name(s));
    return std::make_shared<S2SConfig>(std::move(s), std::move(label));
}

}  // namespace

const OutputDescriptor& s2s_output() {
    using T = SettingType;
    static const OutputDescriptor d{
        "s2s",
        {"s2s"},
        "cooked Splunk-to-Splunk frames to indexers' splunktcp ports (splunkHost: a host, host:port or JSON list; "
        "splunkPort: default 9997 here)",
        OutputTraits{true, false, UnderModinput::KeepOutputMode},
        {
            {"s2sVersion", T::Choice, "3", {"2", "3"}, "2: plain cooked v2; 3: capability handshake", false},
            {"s2sUseACK", T::Boolean, "false", {}, "indexer acknowledgement of every event (v3)", false},
            {"s2sCompressed", T::Boolean, "false", {}, "zlib-compress the stream (v3)", false},
            {"s2sUseSSL", T::Boolean, "false", {}, "TLS to the indexers", false},
            {"s2sSSLVerify", T::Boolean, "true", {}, "verify the indexers' certificates", false},
            {"s2sSSLCAFile", T::Path, std::nullopt, {}, "CA bundle that signed the indexers' certificates", false},
            {"s2sSSLCommonName", T::String, std::nullopt, {}, "name the certificate must carry (default: the host)",
             false},
            {"s2sAutoLBFrequency", T::Number, "30", {}, "switch indexer after this many seconds", false},
            {"s2sAutoLBVolume", T::Integer, "0", {}, "or after this many bytes (0: by time only)", false},
            {"s2sRetrySeconds", T::Number, "60", {}, "how long events are retried before they count as failed",
             false},
            {"s2sTimeout", T::Number, "30", {}, "seconds for connect, handshake, send and acknowledgement", false},
            {"s2sServerName", T::String, std::nullopt, {}, "server name in the signature (default: this host)", false},
        },
        parse};
    return d;
}

}  // namespace eventgen
