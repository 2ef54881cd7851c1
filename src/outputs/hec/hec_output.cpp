// httpevent and metric_httpevent: events (or metrics) posted to Splunk's HTTP Event
// Collector, one kept-alive connection per server and worker.
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "common/strings.h"
#include "config/sample_config.h"
#include "outputs/hec/hec_settings.h"
#include "outputs/hec/hec_sink.h"
#include "outputs/output_component.h"
#include "outputs/output_router.h"
#include "outputs/support/json_text.h"
#include "outputs/support/line_format.h"
#include "outputs/support/meta_cache.h"
#include "outputs/support/metadata_query.h"

namespace eventgen {

namespace {

// ,"host":...,"source":...,"sourcetype":...,"index":... for the fields that are set
// (HEC applies the token's defaults to the others), then `tail`.
void metadata_fields(const EventMeta& m, std::string_view tail, std::string& out) {
    out.clear();
    auto field = [&](const char* key, std::string_view v) {
        if (v.empty()) return;
        out += ",\"";
        out += key;
        out += "\":";
        append_json_string(out, v);
    };
    field("host", m.host);
    field("source", m.source);
    field("sourcetype", m.sourcetype);
    field("index", m.index);
    out += tail;
}

class HecEventFormat : public EventFormat {
public:
    bool append(const EventView& e, FormatBuffer& out) override {
        // Escaped once per metadata set and batch.
        const std::string& fields =
            fields_.get(e, [](const EventMeta& m, std::string& f) { metadata_fields(m, ",\"event\":", f); });
        constexpr std::string_view open = "{\"time\":", close = "\"}\n";
        char* at = out.room(open.size() + kEpochTimeMax + fields.size() + 1 + e.raw.size() + close.size());
        if (at && (e.plain_text || json_plain(e.raw))) {
            // Nearly always: the whole event written in place, its text needing no escapes.
            char* p = at;
            p = std::copy(open.begin(), open.end(), p);
            p += put_epoch_time(p, e.time_us);
            p = std::copy(fields.begin(), fields.end(), p);
            *p++ = '"';
            p = std::copy(e.raw.begin(), e.raw.end(), p);
            p = std::copy(close.begin(), close.end(), p);
            out.advance(static_cast<size_t>(p - at));
            return true;
        }
        out += open;
        append_epoch_time(out, e.time_us);
        out += fields;
        append_json_string(out, e.raw);
        out += "}\n";
        return true;
    }

private:
    MetaCache<std::string> fields_;
};

class HecMetricFormat : public EventFormat {
public:
    bool append(const EventView& e, FormatBuffer& out) override {
        rapidjson::Document doc;
        doc.Parse(e.raw.data(), e.raw.size());
        if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("fields") || !doc["fields"].IsObject())
            return false;
        rapidjson::StringBuffer fields;
        rapidjson::Writer<rapidjson::StringBuffer> w(fields);
        doc["fields"].Accept(w);
        out += "{\"time\":";
        append_epoch_time(out, e.time_us);
        out += meta_.get(e, [](const EventMeta& m, std::string& f) {
            metadata_fields(m, ",\"event\":\"metric\",\"fields\":", f);
        });
        out.append(fields.GetString(), fields.GetSize());
        out += "}\n";
        return true;
    }

private:
    MetaCache<std::string> meta_;
};

class HecConfig : public OutputConfig {
public:
    HecConfig(HecSettings s, bool metrics, std::string raw_query, std::string label)
        : s_(std::move(s)), metrics_(metrics), raw_query_(std::move(raw_query)), label_(std::move(label)) {}
    std::string target_key() const override {
        std::string k = "hec:";
        for (const auto& srv : s_.servers) k += srv.base_url() + "|" + srv.token + ";";
        // The raw endpoint carries the sample's metadata in the URL: one sink per sample.
        k += s_.endpoint + ":" + s_.mode;
        return s_.endpoint == "raw" ? k + ":" + raw_query_ : k;
    }
    std::unique_ptr<EventFormat> make_format(const OutputOptions&) const override {
        if (metrics_) return std::make_unique<HecMetricFormat>();
        if (s_.endpoint == "raw") return make_line_format_trimmed();
        return std::make_unique<HecEventFormat>();
    }
    std::unique_ptr<Sink> make_sink(const OutputOptions&, const std::atomic<bool>* cancel) const override {
        return make_hec_sink(s_, s_.endpoint == "raw" ? raw_query_ : "", label_, cancel);
    }

private:
    HecSettings s_;
    bool metrics_;
    std::string raw_query_;
    std::string label_;  // the stanza that made the sink, for its log lines
};

std::shared_ptr<const OutputConfig> parse(const SampleConfig& c, const std::string& mode) {
    HecSettings s = read_hec_settings(c.def.settings);
    std::string label = output_label(c, s.servers.empty() ? "HEC" : s.servers.front().base_url());
    return std::make_shared<HecConfig>(std::move(s), mode == "metric_httpevent", metadata_query(c), std::move(label));
}

}  // namespace

const OutputDescriptor& hec_output() {
    using T = SettingType;
    static const OutputDescriptor d{
        "httpevent",
        {"httpevent", "metric_httpevent"},
        "Splunk's HTTP Event Collector (metric_httpevent: metrics from JSON events with a \"fields\" object)",
        OutputTraits{true, false, UnderModinput::KeepOutputMode},
        {
            {"httpeventServers", T::Json, std::nullopt, {},
             "JSON {\"servers\": [{\"protocol\", \"address\", \"port\", \"key\"}, ...]}", false},
            {"httpeventOutputMode", T::Choice, "roundrobin", {"roundrobin", "mirror"},
             "spread payloads over the servers, or send each to all", false},
            {"httpeventMaxPayloadSize", T::Integer, "1048576", {}, "largest payload in bytes", false},
            {"httpeventEndpoint", T::Choice, "event", {"event", "raw"}, "collector endpoint", false},
            {"httpeventGzip", T::Boolean, "false", {}, "gzip payloads", false},
            {"httpeventSSLVerify", T::Boolean, "true", {}, "verify the servers' TLS certificates", false},
            {"httpeventCAFile", T::Path, std::nullopt, {}, "CA bundle that signed the servers' certificates", false},
            {"httpeventAllowFailureCount", T::Integer, "100", {},
             "consecutive failures before a server sits out for a while", false},
            {"httpeventUseAck", T::Boolean, "false", {}, "wait for indexer acknowledgement", false},
            {"httpeventRetrySeconds", T::Number, "60", {}, "how long a payload is retried before its events fail",
             false},
            {"httpeventTimeout", T::Number, "30", {}, "seconds per request", false},
            {"httpeventWaitResponse", T::Boolean, "true", {},
             "accepted for compatibility with Python Eventgen; responses are always read", false},
        },
        parse};
    return d;
}

}  // namespace eventgen
