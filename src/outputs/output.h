#pragma once
// Where finished events go. One Output instance serves every sample that names the
// same target (the same file, or the process's stdout), so each target has exactly
// one writer.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "events/event_batch.h"

namespace eventgen {

// The target cannot take more data (closed pipe, disk full, unwritable file).
class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct OutputStats {
    uint64_t events = 0;
    uint64_t bytes = 0;   // bytes written to the target, framing included
    uint64_t failed = 0;  // events that could not be written
    uint64_t replaced_chars = 0;  // characters XML cannot carry, replaced by U+FFFD
};

class Output {
public:
    virtual ~Output() = default;
    // Writes a batch; throws OutputError when the target fails. Events of a failed
    // batch are counted in stats().failed.
    virtual void write(const EventBatch& batch) = 0;
    // Pushes buffered data to the target.
    virtual void flush() {}
    // Ends the output (closing tags, file handles). Safe to call twice.
    virtual void close() { flush(); }
    virtual std::string describe() const = 0;
    const OutputStats& stats() const { return stats_; }

protected:
    OutputStats stats_;
};

}  // namespace eventgen
