// File output with rotation. Used by the writer thread, or by every worker at once
// when workers write directly: then a process-shared robust mutex serialises appends
// and rotations, and a write-ahead record makes each write all-or-nothing even if a
// worker process dies in the middle: the next writer truncates what the dead one
// left half-written, and the per-worker progress tells the engine exactly which
// events are in the file, so re-running the rest never duplicates an event.
#include <pthread.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>

#include "common/file_rotation.h"
#include "outputs/file/file_sink.h"
#include "outputs/support/fd_io.h"

namespace eventgen {

constexpr uint32_t kMaxFileWriters = 256;

struct SharedFileState {
    pthread_mutex_t mutex;
    uint64_t generation;  // rotations so far: writers reopen when it moves
    // The write in progress: undone by the next writer if its owner died.
    bool pending;
    uint32_t pending_worker;
    uint64_t pending_job;
    uint64_t pending_events;  // the worker's progress once this write is complete
    int64_t pending_offset;   // file size before the write
    struct Progress {
        uint64_t job;
        uint64_t events;
    } progress[kMaxFileWriters];
};

SharedFileState* create_shared_file_state() {
    void* mem = ::mmap(nullptr, sizeof(SharedFileState), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) throw OutputError("cannot allocate shared memory for a file output");
    auto* st = new (mem) SharedFileState{};
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&st->mutex, &attr);
    pthread_mutexattr_destroy(&attr);
    return st;
}

void destroy_shared_file_state(SharedFileState* state) {
    if (!state) return;
    pthread_mutex_destroy(&state->mutex);
    ::munmap(state, sizeof(SharedFileState));
}

uint64_t shared_file_progress(const SharedFileState* state, uint32_t worker, uint64_t job_id) {
    if (!state || worker >= kMaxFileWriters) return 0;
    const auto& p = state->progress[worker];
    return p.job == job_id ? p.events : 0;
}

namespace {

class FileSink : public Sink {
public:
    FileSink(std::string path, int64_t max_bytes, int64_t backups, SharedFileState* shared, uint32_t worker)
        : path_(std::move(path)), what_("output file '" + path_ + "'"), max_bytes_(max_bytes), backups_(backups),
          shared_(shared), worker_(worker) {}
    ~FileSink() override {
        if (fd_ >= 0) ::close(fd_);
    }

    uint64_t send(const FormattedBatch& b) override {
        Lock lock(*this);
        if (shared_ && fd_ >= 0 && generation_ != shared_->generation) {
            ::close(fd_);  // another writer rotated the file: continue in the new one
            fd_ = -1;
        }
        open_if_needed();
        // Write runs of whole events, rotating before the event that would pass the limit.
        uint32_t start = 0, first_event = 0;
        uint64_t written = 0;  // events of this batch in the file for good
        try {
            // Nearly always the whole batch fits under the limit: no event to look at.
            const bool fits = length_ + static_cast<int64_t>(b.data.size()) <= max_bytes_;
            for (uint32_t i = 0; i < b.events && !fits; ++i) {
                uint32_t end = b.event_ends[i];
                uint32_t event_start = i == 0 ? 0 : b.event_ends[i - 1];
                if (length_ + (end - start) > max_bytes_ && length_ + (event_start - start) > 0) {
                    write_run(b, start, event_start, i - first_event);
                    written += i - first_event;
                    start = event_start;
                    first_event = i;
                    rotate();
                }
            }
            write_run(b, start, static_cast<uint32_t>(b.data.size()), b.events - first_event);
        } catch (const OutputError& e) {
            // What is in the file counts as delivered; the rest of the batch fails.
            throw OutputError(e.what(), written);
        }
        return 0;
    }
    void close() override {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }
    std::string describe() const override { return "file " + path_; }
    bool records_own_progress() const override { return shared_ != nullptr; }

private:
    class Lock {
    public:
        explicit Lock(FileSink& s) : s_(s) {
            if (!s_.shared_) return;
            if (pthread_mutex_lock(&s_.shared_->mutex) == EOWNERDEAD) {
                s_.undo_dead_writer();
                pthread_mutex_consistent(&s_.shared_->mutex);
            }
        }
        ~Lock() {
            if (s_.shared_) pthread_mutex_unlock(&s_.shared_->mutex);
        }
        Lock(const Lock&) = delete;
        Lock& operator=(const Lock&) = delete;

    private:
        FileSink& s_;
    };

    // The previous holder died while writing: keep its write if it was recorded as
    // complete, otherwise cut the file back to where that write began.
    void undo_dead_writer() {
        SharedFileState& st = *shared_;
        if (!st.pending) return;
        const auto& p = st.progress[st.pending_worker];
        bool complete = p.job == st.pending_job && p.events == st.pending_events;
        if (!complete) {
            if (::truncate(path_.c_str(), st.pending_offset) != 0)
                throw OutputError("cannot repair output file '" + path_ + "' after a worker died: " +
                                  std::strerror(errno));
        }
        st.pending = false;
    }

    void write_run(const FormattedBatch& b, uint32_t from, uint32_t to, uint32_t events) {
        if (to <= from) return;
        if (shared_) {
            SharedFileState& st = *shared_;
            uint64_t done = shared_file_progress(shared_, worker_, b.job_id);
            if (done < b.job_events_before) done = b.job_events_before;
            st.pending_worker = worker_;
            st.pending_job = b.job_id;
            st.pending_events = done + events;
            st.pending_offset = length_;
            st.pending = true;
            write_or_undo(b.data.data() + from, to - from);
            st.progress[worker_] = SharedFileState::Progress{b.job_id, done + events};
            st.pending = false;
        } else {
            write_or_undo(b.data.data() + from, to - from);
        }
        length_ += to - from;
        count_bytes(to - from);
    }

    // A failed write (disk full, file size limit) may have left part of an event:
    // cut the file back to where the write began, so it holds whole events only.
    void write_or_undo(const char* data, size_t size) {
        try {
            write_all(fd_, data, size, what_);
        } catch (const OutputError&) {
            int ignored = ::ftruncate(fd_, length_);
            (void)ignored;
            if (shared_) shared_->pending = false;  // repaired here: nothing for the next writer to undo
            throw;
        }
    }

    void open_if_needed() {
        if (shared_) generation_ = shared_->generation;
        if (fd_ < 0) fd_ = open_for_append(path_, false);
        struct stat st {};
        // Others append too, so the size is read under the lock every time.
        length_ = ::fstat(fd_, &st) == 0 ? st.st_size : 0;
    }

    // Backups shift up one (shift_backups); the file itself starts empty.
    void rotate() {
        ::close(fd_);
        fd_ = -1;
        if (backups_ > 0 && !shift_backups(path_, backups_))
            throw OutputError("cannot rotate output file '" + path_ + "': " + std::strerror(errno));
        // With no backups the file simply starts again.
        fd_ = open_for_append(path_, true);
        length_ = 0;
        if (shared_) generation_ = ++shared_->generation;
    }

    std::string path_;
    std::string what_;  // names the file in write errors
    int64_t max_bytes_, backups_;
    SharedFileState* shared_;
    uint32_t worker_;
    uint64_t generation_ = 0;
    int64_t length_ = 0;
    int fd_ = -1;
};

}  // namespace

std::unique_ptr<Sink> make_file_sink(const std::string& path, int64_t max_bytes, int64_t backup_files) {
    return std::make_unique<FileSink>(path, max_bytes, backup_files, nullptr, 0);
}

std::unique_ptr<Sink> make_shared_file_sink(const std::string& path, int64_t max_bytes, int64_t backup_files,
                                            SharedFileState* state, uint32_t worker) {
    if (worker >= kMaxFileWriters) throw OutputError("too many workers writing one file");
    return std::make_unique<FileSink>(path, max_bytes, backup_files, state, worker);
}

}  // namespace eventgen
