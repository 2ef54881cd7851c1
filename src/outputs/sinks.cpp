#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
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

int open_for_append(const std::string& path, bool truncate) {
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : O_APPEND);
    int fd = ::open(path.c_str(), flags, 0644);
    if (fd < 0) throw OutputError("cannot open output file '" + path + "': " + std::strerror(errno));
    return fd;
}

class StdoutSink : public Sink {
public:
    explicit StdoutSink(int fd) : fd_(fd) {}
    void write(const FormattedBatch& b) override {
        write_all(fd_, b.data.data(), b.data.size(), "standard output");
        stats.events += b.events;
        stats.bytes += b.data.size();
    }
    std::string describe() const override { return "stdout"; }

private:
    int fd_;
};

class ModinputSink : public Sink {
public:
    explicit ModinputSink(int fd) : fd_(fd) {}
    void write(const FormattedBatch& b) override {
        if (!opened_) {
            write_all(fd_, "<stream>\n", 9, kWhat);
            opened_ = true;
        }
        write_all(fd_, b.data.data(), b.data.size(), kWhat);
        stats.events += b.events;
        stats.bytes += b.data.size();
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
    void write(const FormattedBatch& b) override {
        stats.events += b.events;
        stats.bytes += b.output_bytes;
    }
    std::string describe() const override { return "devnull"; }
};

class FileSink : public Sink {
public:
    FileSink(std::string path, int64_t max_bytes, int64_t backups)
        : path_(std::move(path)), max_bytes_(max_bytes), backups_(backups) {}
    ~FileSink() override {
        if (fd_ >= 0) ::close(fd_);
    }
    void write(const FormattedBatch& b) override {
        open_if_needed();
        // Write runs of whole events, rotating before the event that would pass the limit.
        uint32_t start = 0;
        for (uint32_t i = 0; i < b.events; ++i) {
            uint32_t end = b.event_ends[i];
            uint32_t event_start = i == 0 ? 0 : b.event_ends[i - 1];
            int64_t pending = end - start;
            if (length_ + pending > max_bytes_ && length_ + (event_start - start) > 0) {
                flush_range(b, start, event_start);
                start = event_start;
                rotate();
            }
        }
        flush_range(b, start, static_cast<uint32_t>(b.data.size()));
        stats.events += b.events;
    }
    void close() override {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }
    std::string describe() const override { return "file " + path_; }

private:
    void flush_range(const FormattedBatch& b, uint32_t from, uint32_t to) {
        if (to <= from) return;
        write_all(fd_, b.data.data() + from, to - from, "output file '" + path_ + "'");
        length_ += to - from;
        stats.bytes += to - from;
    }
    void open_if_needed() {
        if (fd_ >= 0) return;
        fd_ = open_for_append(path_, false);
        struct stat st {};
        length_ = ::fstat(fd_, &st) == 0 ? st.st_size : 0;
    }
    // path.N is dropped, path.k becomes path.(k+1), path becomes path.1.
    void rotate() {
        ::close(fd_);
        fd_ = -1;
        if (backups_ > 0) {
            std::remove((path_ + "." + std::to_string(backups_)).c_str());
            for (int64_t k = backups_ - 1; k >= 1; --k)
                std::rename((path_ + "." + std::to_string(k)).c_str(), (path_ + "." + std::to_string(k + 1)).c_str());
            if (std::rename(path_.c_str(), (path_ + ".1").c_str()) != 0)
                throw OutputError("cannot rotate output file '" + path_ + "': " + std::strerror(errno));
        }
        // With no backups the file simply starts again.
        fd_ = open_for_append(path_, true);
        length_ = 0;
    }

    std::string path_;
    int64_t max_bytes_, backups_;
    int64_t length_ = 0;
    int fd_ = -1;
};

class SpoolSink : public Sink {
public:
    SpoolSink(const std::string& dir, const std::string& file) : path_(dir + "/" + file) {}
    void write(const FormattedBatch& b) override {
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
    }
    std::string describe() const override { return "spool " + path_; }

private:
    std::string path_;
};

}  // namespace

std::unique_ptr<Sink> make_stdout_sink(int fd) { return std::make_unique<StdoutSink>(fd); }
std::unique_ptr<Sink> make_modinput_sink(int fd) { return std::make_unique<ModinputSink>(fd); }
std::unique_ptr<Sink> make_null_sink() { return std::make_unique<NullSink>(); }
std::unique_ptr<Sink> make_file_sink(const std::string& path, int64_t max_bytes, int64_t backup_files) {
    return std::make_unique<FileSink>(path, max_bytes, backup_files);
}
std::unique_ptr<Sink> make_spool_sink(const std::string& dir, const std::string& file) {
    return std::make_unique<SpoolSink>(dir, file);
}

}  // namespace eventgen
