// Writing to file descriptors: what the stdout, modinput, file and spool outputs share.
#include "outputs/support/fd_io.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace eventgen {

void write_all(int fd, const char* data, size_t size, const std::string& what, const std::atomic<bool>* cancel) {
    size_t done = 0;
    int stalled_ms_after_stop = 0;
    while (done < size) {
        ssize_t n = ::write(fd, data + done, size - done);
        if (n > 0) {
            done += static_cast<size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            // A non-blocking descriptor (a pipe set up that way): wait for room, drop nothing.
            pollfd p{fd, POLLOUT, 0};
            if (::poll(&p, 1, 100) > 0) continue;
            // A reader that stopped reading must not keep a stopping run alive forever.
            if (cancel && cancel->load(std::memory_order_relaxed) &&
                (stalled_ms_after_stop += 100) >= kStopGraceMs)
                throw OutputError("cannot write to " + what + ": the reader took no data for " +
                                  std::to_string(kStopGraceMs / 1000) + " s after the stop request");
            continue;
        }
        int err = n < 0 ? errno : EIO;
        throw OutputError("cannot write to " + what + ": " + std::strerror(err));
    }
}

StreamFd::StreamFd(int fd) : fd_(fd) {
    struct stat st {};
    if (::fstat(fd_, &st) != 0 || !S_ISFIFO(st.st_mode)) return;
    ::fcntl(fd_, F_SETPIPE_SZ, 1 << 20);
    saved_flags_ = ::fcntl(fd_, F_GETFL);
    if (saved_flags_ >= 0 && !(saved_flags_ & O_NONBLOCK)) ::fcntl(fd_, F_SETFL, saved_flags_ | O_NONBLOCK);
}

void StreamFd::restore() {
    if (saved_flags_ >= 0 && !(saved_flags_ & O_NONBLOCK)) ::fcntl(fd_, F_SETFL, saved_flags_);
    saved_flags_ = -1;
}

int open_for_append(const std::string& path, bool truncate) {
    // Always O_APPEND: several writers may share the file (workers writing directly),
    // and a descriptor without it would write at its own stale offset over theirs.
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_APPEND | (truncate ? O_TRUNC : 0);
    int fd = ::open(path.c_str(), flags, 0644);
    if (fd < 0) throw OutputError("cannot open '" + path + "' for writing: " + std::strerror(errno));
    return fd;
}

}  // namespace eventgen
