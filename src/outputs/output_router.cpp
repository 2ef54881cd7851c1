#include "outputs/output_router.h"

#include "common/strings.h"
#include "outputs/s2s/s2s_output.h"

namespace eventgen {

namespace {

std::string servers_key(const HecSettings& h) {
    std::string k;
    for (const auto& s : h.servers) k += s.base_url() + "|" + s.token + ";";
    return k;
}

// Bytes count what was delivered only: the failed events' share of a batch is left out
// (per-event sizes are not kept, so a partly failed batch is shared out evenly).
uint64_t delivered_share(uint64_t bytes, uint64_t events, uint64_t failed) {
    if (failed == 0 || events == 0) return bytes;
    if (failed >= events) return 0;
    return static_cast<uint64_t>(static_cast<double>(bytes) * static_cast<double>(events - failed) / events);
}

std::string hosts_text(const std::vector<SocketTarget>& hosts) {
    std::string k;
    for (const auto& h : hosts) k += (k.empty() ? "" : ",") + h.host + ":" + std::to_string(h.port);
    return k;
}

}  // namespace

std::string metadata_query(const SampleConfig& c) {
    std::string q;
    auto add = [&](const char* key, const std::string& v) {
        if (v.empty()) return;
        q += (q.empty() ? "" : "&") + std::string(key) + "=" + percent_encode(v);
    };
    add("index", c.index);
    add("source", c.source);
    add("sourcetype", c.sourcetype);
    add("host", c.host);
    return q;
}

std::string output_target_key(const SampleConfig& c) {
    const std::string& m = c.output_mode;
    const OutputSettings& o = c.outputs;
    if (m == "file") return "file:" + c.file_name;
    if (m == "spool") return "spool:" + c.spool_dir + "/" + c.spool_file;
    if (m == "httpevent" || m == "metric_httpevent") {
        // The raw endpoint carries the sample's metadata in the URL: one sink per sample.
        std::string key = "hec:" + servers_key(o.hec) + o.hec.endpoint + ":" + o.hec.mode;
        return o.hec.endpoint == "raw" ? key + ":" + metadata_query(c) : key;
    }
    if (m == "tcpout") return "tcp:" + o.tcp.host + ":" + std::to_string(o.tcp.port);
    if (m == "udpout") return "udp:" + o.udp.host + ":" + std::to_string(o.udp.port);
    if (m == "syslogout") return "syslog:" + o.syslog.host + ":" + std::to_string(o.syslog.port);
    if (m == "splunkstream") return "splunkstream:" + o.splunkstream.host + ":" + metadata_query(c);
    if (m == "s2s")  // metadata travels in every frame: samples with the same settings share a sink
        return "s2s:" + hosts_text(o.s2s.servers) + ":" + std::to_string(o.s2s.version) + (o.s2s.use_ack ? "a" : "") +
               (o.s2s.compressed ? "z" : "") + (o.s2s.use_ssl ? "t" + o.s2s.ca_file : "");
    return m;  // stdout, modinput and devnull are process-wide
}

std::unique_ptr<Sink> make_sink_for(const SampleConfig& c, const OutputOptions& options,
                                    const std::atomic<bool>* cancel) {
    const std::string& m = c.output_mode;
    const OutputSettings& o = c.outputs;
    if (m == "stdout") return make_stdout_sink(options.stdout_fd, cancel);
    if (m == "modinput") return make_modinput_sink(options.stdout_fd, cancel);
    if (m == "devnull") return make_null_sink();
    if (m == "file") return make_file_sink(c.file_name, c.file_max_bytes, c.file_backup_files);
    if (m == "spool") return make_spool_sink(c.spool_dir, c.spool_file);
    if (m == "httpevent" || m == "metric_httpevent")
        return make_hec_sink(o.hec, o.hec.endpoint == "raw" ? metadata_query(c) : "", cancel);
    if (m == "tcpout") return make_tcp_sink(o.tcp, cancel);
    if (m == "udpout") return make_udp_sink(o.udp, "udpout");
    if (m == "syslogout") return make_udp_sink(o.syslog, "syslogout");
    if (m == "splunkstream") return make_splunkstream_sink(o.splunkstream, metadata_query(c));
    if (m == "s2s") return make_s2s_sink(o.s2s, "s2s " + hosts_text(o.s2s.servers), cancel);
    throw OutputError("output mode '" + m + "' is not available");
}

void OutputRouter::add_sample(uint32_t sample_id, const SampleConfig& c) {
    std::string key = output_target_key(c);
    auto it = targets_.find(key);
    if (it == targets_.end()) it = targets_.emplace(key, Target{make_sink_for(c, options_, cancel_), false}).first;
    by_sample_[sample_id] = &it->second;
    counters_[sample_id] = std::make_unique<SampleCounters>();
}

bool OutputRouter::deliver(const FormattedBatch& batch) {
    Target& t = *by_sample_.at(batch.sample);
    if (!t.failed) {
        try {
            uint64_t resent_before = t.sink->stats.resent;
            count_done(batch, t.sink->write(batch));  // the sink keeps its own stats
            counters_.at(batch.sample)->resent += t.sink->stats.resent - resent_before;
            return true;
        } catch (const OutputError& e) {
            t.failed = true;
            keep_error(e.what());
        }
    }
    count_failed(batch.sample, batch.events);
    return false;
}

bool OutputRouter::record_direct(const FormattedBatch& batch, uint64_t failed, const std::string& error,
                                 uint64_t resent) {
    counters_.at(batch.sample)->resent += resent;
    by_sample_.at(batch.sample)->sink->stats.resent += resent;
    if (!error.empty()) {
        keep_error(error);
        count_failed(batch.sample, batch.events);
        return false;
    }
    OutputStats& stats = by_sample_.at(batch.sample)->sink->stats;
    stats.events += batch.events - failed;
    stats.failed += failed;
    stats.bytes += delivered_share(batch.data.size(), batch.events, failed);
    count_done(batch, failed);
    return true;
}

void OutputRouter::count_done(const FormattedBatch& batch, uint64_t failed) {
    SampleCounters& c = *counters_.at(batch.sample);
    c.events += batch.events - failed;
    c.failed += failed;
    c.bytes += delivered_share(batch.raw_bytes, batch.events, failed);
}

void OutputRouter::count_recovered(uint32_t sample_id, uint64_t delivered, uint64_t failed, uint64_t resent) {
    SampleCounters& c = *counters_.at(sample_id);
    OutputStats& stats = by_sample_.at(sample_id)->sink->stats;
    c.events += delivered;
    stats.events += delivered;
    c.resent += resent;
    count_failed(sample_id, failed);
}

void OutputRouter::count_failed(uint32_t sample_id, uint64_t events) {
    if (events == 0) return;
    counters_.at(sample_id)->failed += events;
    by_sample_.at(sample_id)->sink->stats.failed += events;
}

void OutputRouter::keep_error(const std::string& error) {
    std::lock_guard<std::mutex> lock(error_mu_);
    if (first_error_.empty()) first_error_ = error;
}

std::string OutputRouter::close_all() {
    for (auto& [key, t] : targets_) {
        try {
            t.sink->close();
        } catch (const OutputError& e) {
            keep_error(e.what());
        }
    }
    return first_error();
}

std::string OutputRouter::first_error() const {
    std::lock_guard<std::mutex> lock(error_mu_);
    return first_error_;
}

std::vector<OutputRouter::OutputTotals> OutputRouter::output_totals() const {
    std::vector<OutputTotals> out;
    for (const auto& [key, t] : targets_) {
        const OutputStats& s = t.sink->stats;
        out.push_back(OutputTotals{t.sink->describe(), s.events, s.bytes, s.failed});
    }
    return out;
}

std::vector<std::string> OutputRouter::describe_outputs() const {
    std::vector<std::string> out;
    for (const auto& [key, t] : targets_) {
        const OutputStats& s = t.sink->stats;
        out.push_back("output=\"" + t.sink->describe() + "\" events=" + std::to_string(s.events) +
                      " bytes=" + std::to_string(s.bytes) + " failed=" + std::to_string(s.failed));
    }
    return out;
}

}  // namespace eventgen
