#pragma once
// The file output's sink: appends to a file, rotating it to path.1 .. path.N before an
// event would pass max_bytes; several writers (workers writing directly, as threads or
// processes) may share one file through a SharedFileState.
#include <cstdint>
#include <memory>
#include <string>

#include "outputs/sink.h"

namespace eventgen {

std::unique_ptr<Sink> make_file_sink(const std::string& path, int64_t max_bytes, int64_t backup_files);

// What several writers of one file share: see file_sink.cpp. Allocated in shared
// memory before workers start.
struct SharedFileState;
SharedFileState* create_shared_file_state();
void destroy_shared_file_state(SharedFileState* state);
// A file sink for worker `worker` among several concurrent writers of the same file.
std::unique_ptr<Sink> make_shared_file_sink(const std::string& path, int64_t max_bytes, int64_t backup_files,
                                            SharedFileState* state, uint32_t worker);
// How many events of job `job_id` worker `worker` has put in the file for good
// (crash recovery); 0 when the file knows nothing of that job.
uint64_t shared_file_progress(const SharedFileState* state, uint32_t worker, uint64_t job_id);

}  // namespace eventgen
