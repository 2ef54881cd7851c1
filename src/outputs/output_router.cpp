#include "outputs/output_router.h"

namespace eventgen {

std::string output_target_key(const SampleConfig& c) {
    const std::string& m = c.output_mode;
    if (m == "file") return "file:" + c.file_name;
    if (m == "spool") return "spool:" + c.spool_dir + "/" + c.spool_file;
    return m;  // stdout, modinput and devnull are process-wide
}

void OutputRouter::add_sample(uint32_t sample_id, const SampleConfig& c) {
    std::string key = output_target_key(c);
    auto it = targets_.find(key);
    if (it == targets_.end()) {
        std::unique_ptr<Sink> sink;
        const std::string& m = c.output_mode;
        if (m == "stdout") sink = make_stdout_sink(options_.stdout_fd);
        else if (m == "modinput") sink = make_modinput_sink(options_.stdout_fd);
        else if (m == "devnull") sink = make_null_sink();
        else if (m == "file") sink = make_file_sink(c.file_name, c.file_max_bytes, c.file_backup_files);
        else if (m == "spool") sink = make_spool_sink(c.spool_dir, c.spool_file);
        else throw OutputError("output mode '" + m + "' is not available");
        it = targets_.emplace(key, Target{std::move(sink), false}).first;
    }
    by_sample_[sample_id] = &it->second;
    counters_[sample_id] = std::make_unique<SampleCounters>();
}

bool OutputRouter::deliver(const FormattedBatch& batch) {
    Target& t = *by_sample_.at(batch.sample);
    SampleCounters& c = *counters_.at(batch.sample);
    if (!t.failed) {
        try {
            t.sink->write(batch);
            c.events += batch.events;
            c.bytes += batch.raw_bytes;
            return true;
        } catch (const OutputError& e) {
            t.failed = true;
            std::lock_guard<std::mutex> lock(error_mu_);
            if (first_error_.empty()) first_error_ = e.what();
        }
    }
    t.sink->stats.failed += batch.events;
    c.failed += batch.events;
    return false;
}

bool OutputRouter::record_direct(const FormattedBatch& batch, const std::string& error) {
    Target& t = *by_sample_.at(batch.sample);
    SampleCounters& c = *counters_.at(batch.sample);
    if (error.empty()) {
        t.sink->stats.events += batch.events;
        t.sink->stats.bytes += batch.data.size();
        c.events += batch.events;
        c.bytes += batch.raw_bytes;
        return true;
    }
    t.sink->stats.failed += batch.events;
    c.failed += batch.events;
    std::lock_guard<std::mutex> lock(error_mu_);
    if (first_error_.empty()) first_error_ = error;
    return false;
}

void OutputRouter::count_failed(uint32_t sample_id, uint64_t events) {
    if (events == 0) return;
    counters_.at(sample_id)->failed += events;
    by_sample_.at(sample_id)->sink->stats.failed += events;
}

std::string OutputRouter::close_all() {
    for (auto& [key, t] : targets_) {
        try {
            t.sink->close();
        } catch (const OutputError& e) {
            std::lock_guard<std::mutex> lock(error_mu_);
            if (first_error_.empty()) first_error_ = e.what();
        }
    }
    return first_error();
}

std::string OutputRouter::first_error() const {
    std::lock_guard<std::mutex> lock(error_mu_);
    return first_error_;
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
