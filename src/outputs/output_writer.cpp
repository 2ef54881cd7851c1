#include "outputs/output_writer.h"

#include "outputs/local_outputs.h"

namespace eventgen {

std::string output_target_key(const SampleConfig& c) {
    const std::string& m = c.output_mode;
    if (m == "file") return "file:" + c.file_name;
    if (m == "spool") return "spool:" + c.spool_dir + "/" + c.spool_file;
    return m;  // stdout, modinput and devnull are process-wide
}

void OutputWriter::add_sample(uint32_t sample_id, const SampleConfig& c) {
    std::string key = output_target_key(c);
    auto it = by_target_.find(key);
    if (it == by_target_.end()) {
        std::unique_ptr<Output> out;
        const std::string& m = c.output_mode;
        if (m == "stdout") out = make_stdout_output(options_.stdout_fd);
        else if (m == "modinput") out = make_modinput_output(options_.stdout_fd, options_.modinput_stanza);
        else if (m == "devnull") out = make_devnull_output();
        else if (m == "file") out = make_file_output(c.file_name, c.file_max_bytes, c.file_backup_files);
        else if (m == "spool") out = make_spool_output(c.spool_dir, c.spool_file);
        else throw OutputError("output mode '" + m + "' is not available");
        it = by_target_.emplace(key, std::move(out)).first;
    }
    by_sample_[sample_id] = it->second.get();
    counters_[sample_id];
}

void OutputWriter::write(const EventBatch& batch) {
    Output* out = by_sample_.at(batch.sample_id());
    SampleCounters& c = counters_[batch.sample_id()];
    try {
        out->write(batch);
    } catch (const OutputError&) {
        c.failed += batch.size();
        throw;
    }
    c.events += batch.size();
    c.bytes += batch.raw_bytes();
}

void OutputWriter::count_failed(const EventBatch& batch) { counters_[batch.sample_id()].failed += batch.size(); }

void OutputWriter::flush_all() {
    for (auto& [key, out] : by_target_) out->flush();
}

std::string OutputWriter::close_all() {
    std::string first_error;
    for (auto& [key, out] : by_target_) {
        try {
            out->close();
        } catch (const OutputError& e) {
            if (first_error.empty()) first_error = e.what();
        }
    }
    return first_error;
}

std::vector<const Output*> OutputWriter::outputs() const {
    std::vector<const Output*> v;
    for (const auto& [key, out] : by_target_) v.push_back(out.get());
    return v;
}

}  // namespace eventgen
