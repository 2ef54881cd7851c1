#pragma once
// The writer side of an output: takes formatted batches and puts the bytes on their
// target. One Sink exists per target (a file, the process's stdout), so each target
// has exactly one writer.
#include <atomic>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include "outputs/formatted_batch.h"

namespace eventgen {

// The target cannot take more data (closed pipe, disk full, unwritable file).
class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct OutputStats {
    uint64_t events = 0;
    uint64_t bytes = 0;           // bytes written to the target, framing included
    uint64_t failed = 0;          // events that could not be written
    uint64_t replaced_chars = 0;  // characters XML cannot carry, replaced by U+FFFD
    // Events sent again after an attempt the target may have taken (the connection
    // dropped after the request went out): the target may hold them twice.
    uint64_t resent = 0;
};

class Sink {
public:
    virtual ~Sink() = default;
    // Writes a batch; returns how many of its events could not be delivered (after
    // retries, counted as failed). Throws OutputError when the target fails for good
    // (the run stops).
    virtual uint64_t write(const FormattedBatch& batch) = 0;
    // Ends the output (closing tags, file handles). Safe to call twice.
    virtual void close() {}
    virtual std::string describe() const = 0;
    // True when the sink keeps its own exact record of what reached the target even
    // if the writer dies mid-write (the shared file output), so nothing is in flight.
    virtual bool records_own_progress() const { return false; }
    OutputStats stats;
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

// `cancel` (may be null): a stop request; a reader that stays blocked past the grace
// period then fails the output instead of holding the run.
std::unique_ptr<Sink> make_stdout_sink(int fd, const std::atomic<bool>* cancel = nullptr);
std::unique_ptr<Sink> make_modinput_sink(int fd, const std::atomic<bool>* cancel = nullptr);
std::unique_ptr<Sink> make_null_sink();

struct HecSettings;
struct SocketTarget;
struct SplunkStreamSettings;
struct EventMeta;
// HTTP Event Collector (httpevent, metric_httpevent). `meta` gives the query string of
// the raw endpoint; `cancel` cuts retries short when the run stops.
std::unique_ptr<Sink> make_hec_sink(const HecSettings& settings, const std::string& raw_query,
                                    const std::atomic<bool>* cancel);
// Newline-separated events over one long-lived TCP connection (reconnects on failure).
std::unique_ptr<Sink> make_tcp_sink(const SocketTarget& target, const std::atomic<bool>* cancel);
// One UDP datagram per event (udpout, syslogout).
std::unique_ptr<Sink> make_udp_sink(const SocketTarget& target, const std::string& what);
// splunkd's receivers/stream endpoint, logging in with splunkUser/splunkPass.
std::unique_ptr<Sink> make_splunkstream_sink(const SplunkStreamSettings& settings, const std::string& query);
// Appends to `path`, rotating to path.1 .. path.N before an event would pass max_bytes.
std::unique_ptr<Sink> make_file_sink(const std::string& path, int64_t max_bytes, int64_t backup_files);

// What several writers of one file share (workers writing directly, as threads or
// processes): see file_sink.cpp. Allocated in shared memory before workers start.
struct SharedFileState;
SharedFileState* create_shared_file_state();
void destroy_shared_file_state(SharedFileState* state);
// A file sink for worker `worker` among several concurrent writers of the same file.
std::unique_ptr<Sink> make_shared_file_sink(const std::string& path, int64_t max_bytes, int64_t backup_files,
                                            SharedFileState* state, uint32_t worker);
// How many events of job `job_id` worker `worker` has put in the file for good
// (crash recovery); 0 when the file knows nothing of that job.
uint64_t shared_file_progress(const SharedFileState* state, uint32_t worker, uint64_t job_id);
// Appends each batch to dir/file, reopening it every time: Splunk's batch input deletes
// files once indexed.
std::unique_ptr<Sink> make_spool_sink(const std::string& dir, const std::string& file);

}  // namespace eventgen
