#include "engine/worker_pool.h"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <new>

#include "common/log.h"

namespace eventgen {

namespace {

WorkerChannel* new_channel() {
    void* mem = map_shared_memory(sizeof(WorkerChannel));
    return new (mem) WorkerChannel();
}

void free_channel(WorkerChannel* ch) {
    if (!ch) return;
    ch->~WorkerChannel();
    unmap_shared_memory(ch, sizeof(WorkerChannel));
}

}  // namespace

WorkerPool::WorkerPool(WorkerMode mode, size_t workers, Doorbell& writer_bell, Factory factory)
    : mode_(mode), writer_bell_(writer_bell), factory_(std::move(factory)), slots_(workers) {}

WorkerPool::~WorkerPool() {
    stop_all();
    join_all(2000);
    for (auto& s : slots_) free_channel(s.channel);
    for (auto& r : retired_) free_channel(r.channel);
}

void WorkerPool::start(BatchWriter& writer) {
    parent_ = getpid();
    for (size_t i = 0; i < slots_.size(); ++i) launch(i, writer);
}

void WorkerPool::launch(size_t index, BatchWriter& writer) {
    Slot& s = slots_[index];
    s.channel = new_channel();
    s.bell = std::make_unique<Doorbell>();
    writer.attach(index, s.channel, s.bell.get());
    s.alive = true;
    if (mode_ == WorkerMode::Thread) {
        std::unique_ptr<Worker> w = factory_(index, *s.channel, *s.bell);
        s.thread = std::thread([w = std::move(w), index]() mutable {
            try {
                w->run();
            } catch (const std::exception& e) {
                // A thread that throws would std::terminate the whole process.
                LOG_ERROR("worker " << index << " failed: " << e.what());
            }
        });
        return;
    }
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("cannot start a worker process (fork failed)");
    if (pid == 0) {
        // The worker dies with its parent, and leaves signals to the parent to handle:
        // SIGTERM to the whole process group (systemd, timeout(1), kill -- -PGID) must
        // not cut a worker off mid-write; the parent stops it between batches.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent_) _exit(1);
        signal(SIGINT, SIG_IGN);
        signal(SIGTERM, SIG_IGN);
        signal(SIGHUP, SIG_IGN);
        signal(SIGPIPE, SIG_IGN);
        signal(SIGXFSZ, SIG_IGN);
        int code = 0;
        try {
            factory_(index, *s.channel, *s.bell)->run();
        } catch (const std::exception& e) {
            LOG_ERROR("worker " << index << " failed: " << e.what());
            code = 1;
        }
        _exit(code);  // skip the parent's destructors and atexit handlers
    }
    s.pid = pid;
}

bool WorkerPool::dispatch(size_t index, const JobMessage& msg) {
    Slot& s = slots_[index];
    if (!s.channel->jobs.push(msg)) return false;
    s.bell->ring();
    return true;
}

std::vector<size_t> WorkerPool::reap_dead() {
    std::vector<size_t> dead;
    if (mode_ != WorkerMode::Process) return dead;
    for (size_t i = 0; i < slots_.size(); ++i) {
        Slot& s = slots_[i];
        if (!s.alive || s.pid <= 0) continue;
        int status = 0;
        if (waitpid(s.pid, &status, WNOHANG) != s.pid) continue;
        s.alive = false;
        std::string how = WIFSIGNALED(status) ? "was killed by signal " + std::to_string(WTERMSIG(status))
                                               : "exited with status " + std::to_string(WEXITSTATUS(status));
        LOG_ERROR("worker " << i << " (pid " << s.pid << ") " << how
                            << "; starting a replacement and re-running its unfinished work");
        s.pid = -1;
        dead.push_back(i);
    }
    return dead;
}

bool WorkerPool::drained(size_t index) const {
    const WorkerChannel* ch = slots_[index].channel;
    return ch->consumed.load(std::memory_order_acquire) == ch->published.load(std::memory_order_acquire);
}

void WorkerPool::replace(size_t index, BatchWriter& writer) {
    Slot& s = slots_[index];
    Retired r;
    r.channel = s.channel;
    r.bell = std::move(s.bell);
    s.channel = nullptr;
    launch(index, writer);  // attaches the new channel and bell
    // The writer's pass running now may still hold the old pointers; the next one cannot.
    r.pass = writer.passes_started();
    retired_.push_back(std::move(r));
    release_retired(writer);
}

void WorkerPool::release_retired(const BatchWriter& writer) {
    uint64_t passes = writer.passes_started();
    for (auto it = retired_.begin(); it != retired_.end();) {
        if (passes > it->pass) {
            free_channel(it->channel);
            it = retired_.erase(it);  // the bell closes with it
        } else {
            ++it;
        }
    }
}

void WorkerPool::stop_all() {
    for (auto& s : slots_) {
        if (!s.channel) continue;
        s.channel->stop.store(true, std::memory_order_release);
        if (s.bell) s.bell->ring();
    }
}

std::vector<size_t> WorkerPool::join_all(int timeout_ms) {
    std::vector<size_t> killed;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (size_t i = 0; i < slots_.size(); ++i) {
        Slot& s = slots_[i];
        if (s.thread.joinable()) s.thread.join();
        if (s.pid <= 0) continue;
        while (true) {
            int status = 0;
            pid_t r = waitpid(s.pid, &status, WNOHANG);
            if (r == s.pid || r < 0) break;
            if (std::chrono::steady_clock::now() > deadline) {
                LOG_WARN("worker " << i << " (pid " << s.pid << ") did not stop in time; killing it");
                kill(s.pid, SIGKILL);
                waitpid(s.pid, &status, 0);
                killed.push_back(i);
                break;
            }
            s.bell->ring();
            ::poll(nullptr, 0, 20);  // a child that is finishing its last batch
        }
        s.pid = -1;
        s.alive = false;
    }
    return killed;
}

}  // namespace eventgen
