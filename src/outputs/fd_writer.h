#pragma once
// Large buffered writes to a file descriptor. A slow reader (a pipe to splunkd) only
// slows us down: every byte is written, never dropped.
#include <string>
#include <string_view>

namespace eventgen {

class FdWriter {
public:
    explicit FdWriter(int fd = -1, std::string name = "", size_t buffer_limit = 1 << 20)
        : fd_(fd), name_(std::move(name)), limit_(buffer_limit) {}
    FdWriter(const FdWriter&) = delete;
    FdWriter& operator=(const FdWriter&) = delete;

    void reset(int fd, std::string name) {
        fd_ = fd;
        name_ = std::move(name);
    }
    int fd() const { return fd_; }
    std::string& buffer() { return buf_; }
    size_t buffered() const { return buf_.size(); }
    void append(std::string_view s) { buf_.append(s.data(), s.size()); }
    // Flushes when the buffer is past its limit; call at event boundaries.
    void maybe_flush() {
        if (buf_.size() >= limit_) flush();
    }
    // Writes everything buffered. Throws OutputError on failure (EPIPE, ENOSPC, ...).
    void flush();
    // Drops buffered data without writing it (after a failure).
    void discard() { buf_.clear(); }

private:
    int fd_;
    std::string name_;
    size_t limit_;
    std::string buf_;
};

}  // namespace eventgen
