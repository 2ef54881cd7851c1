#include "outputs/output_router.h"

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

void OutputRouter::add_sample(uint32_t sample_id, const SampleConfig& c) {
    if (!c.output) throw OutputError("output mode '" + c.output_mode + "' is not available");
    std::string key = c.output->target_key();
    auto it = targets_.find(key);
    if (it == targets_.end()) it = targets_.emplace(key, Target{c.output->make_sink(options_, cancel_), false, {}}).first;
    by_sample_[sample_id] = &it->second;
    counters_[sample_id] = std::make_unique<SampleCounters>();
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
            keep_error(e.what());
            counters_.at(batch.sample)->failed += batch.events;  // the sink counted them too
            return false;
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
        keep_error(error);
        count_failed(batch.sample, batch.events);
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

void OutputRouter::count_recovered(uint32_t sample_id, uint64_t delivered, uint64_t failed, uint64_t resent) {
    SampleCounters& c = *counters_.at(sample_id);
    c.events += delivered;
    by_sample_.at(sample_id)->direct.events += delivered;
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
