#pragma once
// The writer side of an output: takes formatted batches and puts the bytes on their
// target. One Sink exists per target (a file, the process's stdout), so each target
// has exactly one writer.
#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "outputs/formatted_batch.h"

namespace eventgen {

// The target cannot take more data (closed pipe, disk full, unwritable file).
class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
    // `delivered`: how many events of the batch being written reached the target
    // whole before it failed (the rest are counted failed).
    OutputError(const std::string& what, uint64_t delivered) : std::runtime_error(what), delivered_(delivered) {}
    uint64_t delivered() const { return delivered_; }

private:
    uint64_t delivered_ = 0;
};

struct OutputStats {
    uint64_t events = 0;          // events delivered
    uint64_t bytes = 0;           // bytes written to the target, framing included
    uint64_t failed = 0;          // events that could not be written
    // Events sent again after an attempt the target may have taken (the connection
    // dropped after the request went out): the target may hold them twice.
    uint64_t resent = 0;
};

class Sink {
public:
    virtual ~Sink() = default;
    // Writes a batch; returns how many of its events could not be delivered (after
    // retries, counted as failed). Throws OutputError when the target fails for good
    // (the run stops; the batch's events count as failed). Keeps the counts.
    uint64_t write(const FormattedBatch& batch);
    // Ends the output (closing tags, file handles). Safe to call twice.
    virtual void close() {}
    virtual std::string describe() const = 0;
    const OutputStats& stats() const { return stats_; }
    // True when the sink keeps its own exact record of what reached the target even
    // if the writer dies mid-write (the shared file output), so nothing is in flight.
    virtual bool records_own_progress() const { return false; }

protected:
    // Puts the batch on the target; returns the events not delivered.
    virtual uint64_t send(const FormattedBatch& batch) = 0;
    // Bytes that went out (sinks know what they really sent: retries, framing, gzip).
    void count_bytes(uint64_t bytes) { stats_.bytes += bytes; }
    // Events sent again (they may be on the target twice).
    void count_resent(uint64_t events) { stats_.resent += events; }

private:
    OutputStats stats_;
};

// How long a stopping run keeps trying an output that takes no data (a blocked pipe,
// a HEC server in backoff) before its remaining events are counted failed.
constexpr int kStopGraceMs = 2000;

// Writes everything or throws OutputError naming `what`. On a non-blocking descriptor
// it waits for room, giving up kStopGraceMs after `cancel` is set.
void write_all(int fd, const char* data, size_t size, const std::string& what,
               const std::atomic<bool>* cancel = nullptr);
// Opens a file for appending (or truncated), creating it; throws OutputError.
int open_for_append(const std::string& path, bool truncate);

}  // namespace eventgen
