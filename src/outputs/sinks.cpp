#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "outputs/sink.h"

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

namespace {

// The process's stdout when it is a pipe (to splunkd or a shell). It holds 64 KiB by
// default, so the reader would be woken every few events: a larger buffer lets each
// side work in big chunks. Writes are non-blocking, so a stop request (SIGTERM) is
// seen even while the reader is not reading; the flags are restored at the end.
class StreamFd {
public:
    explicit StreamFd(int fd) : fd_(fd) {
        struct stat st {};
        if (::fstat(fd_, &st) != 0 || !S_ISFIFO(st.st_mode)) return;
        ::fcntl(fd_, F_SETPIPE_SZ, 1 << 20);
        saved_flags_ = ::fcntl(fd_, F_GETFL);
        if (saved_flags_ >= 0 && !(saved_flags_ & O_NONBLOCK)) ::fcntl(fd_, F_SETFL, saved_flags_ | O_NONBLOCK);
    }
    ~StreamFd() { restore(); }
    void restore() {
        if (saved_flags_ >= 0 && !(saved_flags_ & O_NONBLOCK)) ::fcntl(fd_, F_SETFL, saved_flags_);
        saved_flags_ = -1;
    }
    int fd() const { return fd_; }

private:
    int fd_;
    int saved_flags_ = -1;
};

class StdoutSink : public Sink {
public:
    StdoutSink(int fd, const std::atomic<bool>* cancel) : out_(fd), cancel_(cancel) {}
    uint64_t write(const FormattedBatch& b) override {
        write_all(out_.fd(), b.data.data(), b.data.size(), "standard output", cancel_);
        stats.events += b.events;
        stats.bytes += b.data.size();
        return 0;
    }
    void close() override { out_.restore(); }
    std::string describe() const override { return "stdout"; }

private:
    StreamFd out_;
    const std::atomic<bool>* cancel_;
};

class ModinputSink : public Sink {
public:
    ModinputSink(int fd, const std::atomic<bool>* cancel) : out_(fd), cancel_(cancel) {}
    uint64_t write(const FormattedBatch& b) override {
        if (!opened_) {
            write_all(out_.fd(), "<stream>\n", 9, kWhat, cancel_);
            opened_ = true;
        }
        write_all(out_.fd(), b.data.data(), b.data.size(), kWhat, cancel_);
        stats.events += b.events;
        stats.bytes += b.data.size();
        return 0;
    }
    void close() override {
        if (!opened_ || closed_) return;
        closed_ = true;
        write_all(out_.fd(), "</stream>\n", 10, kWhat, cancel_);
        out_.restore();
    }
    std::string describe() const override { return "modinput"; }

private:
    static constexpr const char* kWhat = "standard output (modular input stream)";
    StreamFd out_;
    const std::atomic<bool>* cancel_;
    bool opened_ = false, closed_ = false;
};

class NullSink : public Sink {
public:
    uint64_t write(const FormattedBatch& b) override {
        stats.events += b.events;
        stats.bytes += b.output_bytes;
        return 0;
    }
    std::string describe() const override { return "devnull"; }
};

class SpoolSink : public Sink {
public:
    SpoolSink(const std::string& dir, const std::string& file) : path_(dir + "/" + file) {}
    uint64_t write(const FormattedBatch& b) override {
        int fd = open_for_append(path_, false);
        try {
            write_all(fd, b.data.data(), b.data.size(), "spool file '" + path_ + "'");
        } catch (...) {
            ::close(fd);
            throw;
        }
        if (::close(fd) != 0) throw OutputError("cannot write spool file '" + path_ + "': " + std::strerror(errno));
        stats.events += b.events;
        stats.bytes += b.data.size();
        return 0;
    }
    std::string describe() const override { return "spool " + path_; }

private:
    std::string path_;
};

}  // namespace

int open_for_append(const std::string& path, bool truncate) {
    // Always O_APPEND: several writers may share the file (workers writing directly),
    // and a descriptor without it would write at its own stale offset over theirs.
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_APPEND | (truncate ? O_TRUNC : 0);
    int fd = ::open(path.c_str(), flags, 0644);
    if (fd < 0) throw OutputError("cannot open '" + path + "' for writing: " + std::strerror(errno));
    return fd;
}

std::unique_ptr<Sink> make_stdout_sink(int fd, const std::atomic<bool>* cancel) {
    return std::make_unique<StdoutSink>(fd, cancel);
}
std::unique_ptr<Sink> make_modinput_sink(int fd, const std::atomic<bool>* cancel) {
    return std::make_unique<ModinputSink>(fd, cancel);
}
std::unique_ptr<Sink> make_null_sink() { return std::make_unique<NullSink>(); }
std::unique_ptr<Sink> make_spool_sink(const std::string& dir, const std::string& file) {
    return std::make_unique<SpoolSink>(dir, file);
}

}  // namespace eventgen
