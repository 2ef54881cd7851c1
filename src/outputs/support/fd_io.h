#pragma once
// Writing to file descriptors (stdout, modinput, file and spool outputs).
#include <string>

#include "outputs/sink.h"

namespace eventgen {

// The process's stdout when it is a pipe (to splunkd or a shell). It holds 64 KiB by
// default, so the reader would be woken every few events: a larger buffer lets each
// side work in big chunks. Writes are non-blocking, so a stop request (SIGTERM) is
// seen even while the reader is not reading; the flags are restored at the end.
class StreamFd {
public:
    explicit StreamFd(int fd);
    ~StreamFd() { restore(); }
    StreamFd(const StreamFd&) = delete;
    StreamFd& operator=(const StreamFd&) = delete;
    void restore();
    int fd() const { return fd_; }

private:
    int fd_;
    int saved_flags_ = -1;
};

}  // namespace eventgen
