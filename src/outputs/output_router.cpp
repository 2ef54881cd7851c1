#include "outputs/output_router.h"

#include <cctype>
#include <cstdlib>

#include "common/log.h"

namespace eventgen {

namespace {

// Bytes count what was delivered only: the failed events' share of a batch is left out
// (per-event sizes are not kept, so a partly failed batch is shared out evenly).
uint64_t delivered_share(uint64_t bytes, uint64_t events, uint64_t failed) {
    if (failed == 0 || events == 0) return bytes;
    if (failed >= events) return 0;
    return static_cast<uint64_t>(static_cast<double>(bytes) * static_cast<double>(events - failed) / events);
}

}  // namespace

std::string output_label(const SampleConfig& c, const std::string& target) {
    // Where the stanza sets outputMode ("file:line: [stanza]"), else just the stanza.
    ConfLocation at = c.def.settings.where("outputMode");
    at.key.clear();
    if (at.stanza.empty()) at.stanza = c.def.stanza;
    std::string where = at.file.empty() ? "[" + at.stanza + "]" : at.describe();
    while (!where.empty() && where.back() == ' ') where.pop_back();
    return where + " outputMode = " + c.output_mode + " (" + target + ")";
}

std::string with_unset_variables_named(const std::string& message) {
    // Paths expand $VAR and ${VAR}; one still in a message names a variable that is not set.
    std::string unset;
    for (size_t at = message.find('$'); at != std::string::npos; at = message.find('$', at + 1)) {
        size_t start = at + 1 + (at + 1 < message.size() && message[at + 1] == '{');
        size_t end = start;
        while (end < message.size() && (std::isalnum(static_cast<unsigned char>(message[end])) || message[end] == '_')) ++end;
        if (end == start || std::isdigit(static_cast<unsigned char>(message[start]))) continue;
        std::string name = message.substr(start, end - start);
        if (!std::getenv(name.c_str()) && unset.find("$" + name + " ") == std::string::npos) unset += "$" + name + " ";
    }
    if (unset.empty()) return message;
    unset.pop_back();
    return message + " (" + unset + (unset.find(' ') == std::string::npos ? " is" : " are") + " not set)";
}

void OutputRouter::add_sample(uint32_t sample_id, const SampleConfig& c) {
    if (!c.output) throw OutputError("output mode '" + c.output_mode + "' is not available");
    std::string key = c.output->target_key();
    auto it = targets_.find(key);
    if (it == targets_.end()) it = targets_.emplace(key, Target{c.output->make_sink(options_, cancel_), false, {}}).first;
    by_sample_[sample_id] = &it->second;
    counters_[sample_id] = std::make_unique<SampleCounters>();
    labels_[sample_id] = output_label(c, it->second.sink->describe());
    modes_[sample_id] = c.output_mode;
}

const std::string& OutputRouter::label(uint32_t sample_id) const { return labels_.at(sample_id); }

void OutputRouter::count_rejected(uint32_t sample_id, uint64_t events) {
    if (events == 0) return;
    count_failed(sample_id, events);
    // Logged once per sample (the writer sees every worker's batches), counted always.
    std::lock_guard<std::mutex> lock(error_mu_);
    if (!rejected_logged_.insert(sample_id).second) return;
    std::string why = modes_.at(sample_id) == "metric_httpevent"
                          ? "is not metric JSON (an object whose \"fields\" object holds metric_name:<name> and _value)"
                          : "cannot be written by this output";
    LOG_ERROR(label(sample_id) << ": " << events << " event(s) counted failed: the event text " << why
                               << "; further ones are counted, not logged");
}

bool OutputRouter::deliver(const FormattedBatch& batch) {
    Target& t = *by_sample_.at(batch.sample);
    if (!t.failed) {
        try {
            uint64_t resent_before = t.sink->stats().resent;
            count_done(batch, t.sink->write(batch));  // the sink keeps its own stats
            counters_.at(batch.sample)->resent += t.sink->stats().resent - resent_before;
            return true;
        } catch (const OutputError& e) {
            t.failed = true;
            keep_error(label(batch.sample) + ": " + e.what());
            uint64_t delivered = std::min<uint64_t>(e.delivered(), batch.events);
            count_done(batch, batch.events - delivered);  // the part that reached the target counts
            return false;
        } catch (const std::exception& e) {
            // The writer thread's error boundary: anything else an output throws fails
            // that output, never the process.
            t.failed = true;
            keep_error(t.sink->describe() + ": unexpected error: " + e.what());
        }
    }
    count_failed(batch.sample, batch.events);
    return false;
}

bool OutputRouter::record_direct(const FormattedBatch& batch, uint64_t failed, const std::string& error,
                                 uint64_t resent) {
    counters_.at(batch.sample)->resent += resent;
    by_sample_.at(batch.sample)->direct.resent += resent;
    if (!error.empty()) {
        // `failed` says how many did not reach the target before it failed.
        keep_error(label(batch.sample) + ": " + error);
        uint64_t delivered = batch.events - std::min<uint64_t>(failed, batch.events);
        by_sample_.at(batch.sample)->direct.events += delivered;
        by_sample_.at(batch.sample)->direct.failed += batch.events - delivered;
        count_done(batch, batch.events - delivered);
        return false;
    }
    OutputStats& stats = by_sample_.at(batch.sample)->direct;
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

void OutputRouter::count_recovered(uint32_t sample_id, uint64_t delivered, uint64_t failed, uint64_t resent,
                                   uint64_t bytes, uint64_t written_bytes) {
    SampleCounters& c = *counters_.at(sample_id);
    c.events += delivered;
    c.bytes += bytes;
    by_sample_.at(sample_id)->direct.events += delivered;
    by_sample_.at(sample_id)->direct.bytes += written_bytes;
    c.resent += resent;
    count_failed(sample_id, failed);
}

void OutputRouter::count_failed(uint32_t sample_id, uint64_t events) {
    if (events == 0) return;
    counters_.at(sample_id)->failed += events;
    by_sample_.at(sample_id)->direct.failed += events;
}

void OutputRouter::keep_error(const std::string& error) {
    std::lock_guard<std::mutex> lock(error_mu_);
    if (first_error_.empty()) first_error_ = with_unset_variables_named(error);
}

std::string OutputRouter::close_all() {
    for (auto& [key, t] : targets_) {
        try {
            t.sink->close();
        } catch (const std::exception& e) {
            std::string where;
            for (const auto& [id, target] : by_sample_)
                if (target == &t && where.empty()) where = label(id) + ": ";
            keep_error(where + e.what());
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
        const OutputStats& s = t.sink->stats();
        out.push_back(OutputTotals{t.sink->describe(), s.events + t.direct.events, s.bytes + t.direct.bytes,
                                   s.failed + t.direct.failed});
    }
    return out;
}

std::vector<std::string> OutputRouter::describe_outputs() const {
    std::vector<std::string> out;
    for (const auto& [key, t] : targets_) {
        const OutputStats& s = t.sink->stats();
        out.push_back("output=\"" + t.sink->describe() + "\" events=" + std::to_string(s.events + t.direct.events) +
                      " bytes=" + std::to_string(s.bytes + t.direct.bytes) +
                      " failed=" + std::to_string(s.failed + t.direct.failed));
    }
    return out;
}

}  // namespace eventgen
