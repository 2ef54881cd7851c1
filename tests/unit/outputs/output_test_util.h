#pragma once
// Helpers for output tests: a scratch folder, a pipe drained by a reader thread,
// whole-file reads, and events formatted the way a generator worker hands them over.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "../temp_dir.h"
#include "events/event_batch.h"
#include "config/sample_config.h"
#include "outputs/event_format.h"
#include "outputs/registry.h"
#include "outputs/formatted_batch.h"
#include "outputs/sink.h"

namespace eventgen::testing {

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void write_file(const std::string& path, const std::string& data) {
    std::ofstream(path, std::ios::binary) << data;
}

// A pipe whose read end is drained by a thread; `chunk` bytes per read (small values
// make a slow reader). The writer keeps write_fd(); text() closes it and waits for EOF.
class PipeReader {
public:
    explicit PipeReader(size_t chunk = 65536) {
        if (::pipe2(fds_, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
        reader_ = std::thread([this, chunk] {
            std::string buf(chunk, '\0');
            while (true) {
                ssize_t n = ::read(fds_[0], buf.data(), buf.size());
                if (n > 0) {
                    data_.append(buf.data(), static_cast<size_t>(n));
                    ++reads_;
                } else if (n == 0 || errno != EINTR) {
                    break;
                }
            }
        });
    }
    ~PipeReader() {
        close_write();
        if (reader_.joinable()) reader_.join();
        ::close(fds_[0]);
    }
    PipeReader(const PipeReader&) = delete;
    PipeReader& operator=(const PipeReader&) = delete;

    int write_fd() const { return fds_[1]; }
    // Shrinks the pipe so writers block (or see EAGAIN) early.
    void shrink() { ::fcntl(fds_[1], F_SETPIPE_SZ, 4096); }
    void make_write_nonblocking() { ::fcntl(fds_[1], F_SETFL, ::fcntl(fds_[1], F_GETFL) | O_NONBLOCK); }
    std::string text() {
        close_write();
        if (reader_.joinable()) reader_.join();
        return data_;
    }
    size_t reads() const { return reads_; }

private:
    void close_write() {
        if (fds_[1] >= 0) ::close(fds_[1]);
        fds_[1] = -1;
    }
    int fds_[2] = {-1, -1};
    std::string data_;
    size_t reads_ = 0;
    std::thread reader_;
};

// Ignores SIGPIPE for the scope so a closed pipe shows up as EPIPE.
class IgnoreSigpipe {
public:
    IgnoreSigpipe() { old_ = std::signal(SIGPIPE, SIG_IGN); }
    ~IgnoreSigpipe() { std::signal(SIGPIPE, old_); }

private:
    void (*old_)(int);
};

inline EventBatch batch_of(std::initializer_list<std::string> raws, uint32_t sample = 0, int64_t t0 = 0) {
    EventBatch b(sample);
    int64_t t = t0;
    for (const auto& r : raws) b.add(t++, r, {"host", "src", "st", "main"});
    return b;
}

// Events formatted like a worker fills a transfer slot, with the storage the
// FormattedBatch points into (so it is not copyable).
class Formatted {
public:
    Formatted(EventFormat& format, const EventBatch& events) {
        batch_.sample = events.sample_id();
        for (const EventView& e : events) {
            if (!format.append(e, data_)) {
                ++rejected_;
                continue;
            }
            ends_.push_back(static_cast<uint32_t>(data_.size()));
            batch_.raw_bytes += e.raw.size();
            ++batch_.events;
        }
        batch_.data = data_;
        batch_.event_ends = ends_.data();
        batch_.output_bytes = data_.size();
    }
    Formatted(const Formatted&) = delete;
    Formatted& operator=(const Formatted&) = delete;
    const FormattedBatch& operator*() const { return batch_; }
    const std::string& data() const { return data_; }
    // Events the format could not represent.
    uint32_t rejected() const { return rejected_; }

private:
    uint32_t rejected_ = 0;
    std::string data_;
    std::vector<uint32_t> ends_;
    FormattedBatch batch_;
};

// A sample writing to `mode` with these settings (parsed by the output's component).
inline SampleConfig sample_for(const std::string& mode,
                               const std::vector<std::pair<std::string, std::string>>& settings = {}) {
    SampleConfig c;
    c.output_mode = mode;
    for (const auto& [key, value] : settings) c.def.settings.set(key, Setting{value, ConfLocation{"test", 0, "s", key}});
    c.output_component = find_output(mode);
    if (!c.output_component) throw std::logic_error("no output component for " + mode);
    c.output = c.output_component->parse(c, mode);
    return c;
}

// The typed output config a sample with this outputMode (and no other settings) gets.
inline std::shared_ptr<const OutputConfig> output_for(const std::string& mode) { return sample_for(mode).output; }

// The format a sample with this outputMode uses.
inline std::unique_ptr<EventFormat> format_for(const std::string& mode, const std::string& stanza = "") {
    return output_for(mode)->make_format(OutputOptions{1, stanza});
}

// The sink of an output that writes to a descriptor (stdout, modinput) or nowhere (devnull).
inline std::unique_ptr<Sink> fd_sink_for(const std::string& mode, int fd) {
    return output_for(mode)->make_sink(OutputOptions{fd, ""}, nullptr);
}

// Formats `events` and hands them to `sink` in one batch.
inline void put(Sink& sink, EventFormat& format, const EventBatch& events) {
    Formatted f(format, events);
    sink.write(*f);
}

// `texts` formatted twice by `format`: as plain events (the scanning path), and marked
// as the sample compiler marks text it proved plain, each written into a slot as a
// worker does. For formats that skip their escape scan for proven text.
struct ScannedAndProven {
    std::string scanned, proven;
    size_t scanned_flagged = 0, proven_flagged = 0;  // events whose view says plain_text
};
inline ScannedAndProven format_scanned_and_proven(EventFormat& format, const std::vector<std::string>& texts,
                                                  int64_t time_us, const EventMeta& meta) {
    EventBatch scanned, proven;
    for (const std::string& text : texts) {
        scanned.add(time_us, text, meta);
        proven.begin(time_us);
        proven.append(text);
        proven.mark_open_plain();
        proven.finish(meta);
        time_us += 1001;
    }
    ScannedAndProven r;
    for (const EventView& e : scanned) {
        r.scanned_flagged += e.plain_text ? 1 : 0;
        format.append(e, r.scanned);
    }
    for (const EventView& e : proven) {
        r.proven_flagged += e.plain_text ? 1 : 0;
        char slot[1024];
        std::string overflow;
        FormatBuffer b(slot, sizeof slot, overflow);
        if (!format.append(e, b) || b.spilled()) r.proven += "<not written in the slot>";
        else r.proven.append(slot, b.written());
    }
    return r;
}

}  // namespace eventgen::testing
