#pragma once
// A wake-up signal that works between threads and between forked processes (an
// eventfd inherited across fork). Rings are counted, so no wake-up is ever lost.
#include <cstddef>
#include <cstdint>

namespace eventgen {

class Doorbell {
public:
    Doorbell();
    ~Doorbell();
    Doorbell(const Doorbell&) = delete;
    Doorbell& operator=(const Doorbell&) = delete;

    void ring();
    // Waits until rung or `timeout_ms` passes; clears the count. True when rung.
    bool wait(int timeout_ms);
    int fd() const { return fd_; }

private:
    int fd_;
};

// Memory shared with forked children (MAP_SHARED | MAP_ANONYMOUS), zero-filled.
void* map_shared_memory(size_t bytes);
void unmap_shared_memory(void* p, size_t bytes);

}  // namespace eventgen
