#include "engine/doorbell.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

namespace eventgen {

Doorbell::Doorbell() : fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    if (fd_ < 0) throw std::runtime_error(std::string("eventfd: ") + std::strerror(errno));
}

Doorbell::~Doorbell() {
    if (fd_ >= 0) ::close(fd_);
}

void Doorbell::ring() {
    uint64_t one = 1;
    ssize_t r = ::write(fd_, &one, sizeof one);
    (void)r;  // only fails when the counter is saturated, which still wakes the waiter
}

bool Doorbell::wait(int timeout_ms) {
    pollfd p{fd_, POLLIN, 0};
    int n = ::poll(&p, 1, timeout_ms);
    if (n <= 0) return false;
    uint64_t count = 0;
    ssize_t r = ::read(fd_, &count, sizeof count);
    return r == sizeof count;
}

void* map_shared_memory(size_t bytes) {
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    return p;
}

void unmap_shared_memory(void* p, size_t bytes) {
    if (p) ::munmap(p, bytes);
}

}  // namespace eventgen
