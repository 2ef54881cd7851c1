#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "outputs/sink.h"

namespace eventgen {

void write_all(int fd, const char* data, size_t size, const std::string& what) {
    size_t done = 0;
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
            ::poll(&p, 1, 1000);
            continue;
        }
        int err = n < 0 ? errno : EIO;
        throw OutputError("cannot write to " + what + ": " + std::strerror(err));
    }
}

namespace {

// A pipe (to splunkd or a shell) holds 64 KiB by default: the reader is woken for
// every few events. A larger buffer lets each side work in big chunks.
void enlarge_pipe(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode)) ::fcntl(fd, F_SETPIPE_SZ, 1 << 20);
}

class StdoutSink : public Sink {
public:
    explicit StdoutSink(int fd) : fd_(fd) { enlarge_pipe(fd_); }
    uint64_t write(const FormattedBatch& b) override {
        write_all(fd_, b.data.data(), b.data.size(), "standard output");
        stats.events += b.events;
        stats.bytes += b.data.size();
        return 0;
    }
    std::string describe() const override { return "stdout"; }

private:
    int fd_;
};

class ModinputSink : public Sink {
public:
    explicit ModinputSink(int fd) : fd_(fd) { enlarge_pipe(fd_); }
    uint64_t write(const FormattedBatch& b) override {
        if (!opened_) {
            write_all(fd_, "<stream>\n", 9, kWhat);
            opened_ = true;
        }
        write_all(fd_, b.data.data(), b.data.size(), kWhat);
        stats.events += b.events;
        stats.bytes += b.data.size();
        return 0;
    }
    void close() override {
        if (!opened_ || closed_) return;
        closed_ = true;
        write_all(fd_, "</stream>\n", 10, kWhat);
    }
    std::string describe() const override { return "modinput"; }

private:
    static constexpr const char* kWhat = "standard output (modular input stream)";
    int fd_;
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
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : O_APPEND);
    int fd = ::open(path.c_str(), flags, 0644);
    if (fd < 0) throw OutputError("cannot open '" + path + "' for writing: " + std::strerror(errno));
    return fd;
}

std::unique_ptr<Sink> make_stdout_sink(int fd) { return std::make_unique<StdoutSink>(fd); }
std::unique_ptr<Sink> make_modinput_sink(int fd) { return std::make_unique<ModinputSink>(fd); }
std::unique_ptr<Sink> make_null_sink() { return std::make_unique<NullSink>(); }
std::unique_ptr<Sink> make_spool_sink(const std::string& dir, const std::string& file) {
    return std::make_unique<SpoolSink>(dir, file);
}

}  // namespace eventgen
