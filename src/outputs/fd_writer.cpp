#include "outputs/fd_writer.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "outputs/output.h"

namespace eventgen {

void FdWriter::flush() {
    size_t done = 0;
    while (done < buf_.size()) {
        ssize_t n = ::write(fd_, buf_.data() + done, buf_.size() - done);
        if (n > 0) {
            done += static_cast<size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            // A non-blocking descriptor handed to us: wait until it can take more.
            pollfd p{fd_, POLLOUT, 0};
            ::poll(&p, 1, 1000);
            continue;
        }
        int err = n < 0 ? errno : EIO;
        buf_.erase(0, done);
        throw OutputError("cannot write to " + name_ + ": " + std::strerror(err));
    }
    buf_.clear();
}

}  // namespace eventgen
