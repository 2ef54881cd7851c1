#include "engine/job_tracker.h"

#include <algorithm>
#include <chrono>

namespace eventgen {

uint64_t JobTracker::add(uint32_t worker, const Job& job) {
    std::lock_guard<std::mutex> lock(mu_);
    uint64_t id = next_id_++;
    jobs_.emplace(id, Entry{worker, job, 0});
    return id;
}

void JobTracker::forget(uint64_t id) {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.erase(id);
    if (jobs_.empty()) idle_.notify_all();
}

void JobTracker::progress(uint64_t id, uint64_t events, bool done) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = jobs_.find(id);
    if (it == jobs_.end()) return;  // a job already re-dispatched after its worker died
    it->second.received += events;
    if (done) {
        jobs_.erase(it);
        if (jobs_.empty()) idle_.notify_all();
    }
}

std::vector<Job> JobTracker::take_unfinished(uint32_t worker,
                                             const std::function<uint64_t(uint64_t)>& written_elsewhere) {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<Job> out;
    for (auto it = jobs_.begin(); it != jobs_.end();) {
        if (it->second.worker != worker) {
            ++it;
            continue;
        }
        Job rest = it->second.job;
        uint64_t received = it->second.received;
        if (written_elsewhere) received = std::max(received, written_elsewhere(it->first));
        int64_t got = static_cast<int64_t>(received);
        rest.first += got * rest.stride;
        rest.count -= got;
        if (rest.count > 0) out.push_back(rest);
        it = jobs_.erase(it);
    }
    if (jobs_.empty()) idle_.notify_all();
    return out;
}

bool JobTracker::counted(uint64_t id, uint32_t& sample, uint64_t& events) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = jobs_.find(id);
    if (it == jobs_.end()) return false;
    sample = it->second.job.sample;
    events = it->second.received;
    return true;
}

uint64_t JobTracker::backlog(uint32_t worker) const {
    std::lock_guard<std::mutex> lock(mu_);
    uint64_t n = 0;
    for (const auto& [id, e] : jobs_)
        if (e.worker == worker) n += static_cast<uint64_t>(e.job.count) - e.received;
    return n;
}

bool JobTracker::wait_idle(int timeout_ms) {
    std::unique_lock<std::mutex> lock(mu_);
    return idle_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return jobs_.empty(); });
}

}  // namespace eventgen
