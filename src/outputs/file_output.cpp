#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "outputs/fd_writer.h"
#include "outputs/local_outputs.h"

namespace eventgen {

namespace {

int open_append(const std::string& path, bool truncate) {
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : O_APPEND);
    int fd = ::open(path.c_str(), flags, 0644);
    if (fd < 0) throw OutputError("cannot open output file '" + path + "': " + std::strerror(errno));
    return fd;
}

class FileOutput : public Output {
public:
    FileOutput(std::string path, int64_t max_bytes, int64_t backups)
        : path_(std::move(path)), max_bytes_(max_bytes), backups_(backups) {}
    ~FileOutput() override {
        if (out_.fd() >= 0) ::close(out_.fd());
    }

    void write(const EventBatch& batch) override {
        try {
            open_if_needed();
            for (const EventView& e : batch) {
                size_t len = e.raw.size() + (e.raw.empty() || e.raw.back() != '\n' ? 1 : 0);
                if (length_ + static_cast<int64_t>(len) > max_bytes_ && length_ > 0) rotate();
                out_.append(e.raw);
                if (len > e.raw.size()) out_.buffer().push_back('\n');
                length_ += static_cast<int64_t>(len);
                stats_.bytes += len;
            }
            out_.maybe_flush();
        } catch (const OutputError&) {
            stats_.failed += batch.size();
            throw;
        }
        stats_.events += batch.size();
    }
    void flush() override {
        if (out_.fd() >= 0) out_.flush();
    }
    void close() override {
        if (out_.fd() < 0) return;
        out_.flush();
        ::close(out_.fd());
        out_.reset(-1, path_);
    }
    std::string describe() const override { return "file " + path_; }

private:
    void open_if_needed() {
        if (out_.fd() >= 0) return;
        int fd = open_append(path_, false);
        struct stat st {};
        length_ = ::fstat(fd, &st) == 0 ? st.st_size : 0;
        out_.reset(fd, "output file '" + path_ + "'");
    }
    // path.N is dropped, path.(k) becomes path.(k+1), path becomes path.1.
    void rotate() {
        out_.flush();
        ::close(out_.fd());
        out_.reset(-1, path_);
        if (backups_ > 0) {
            std::remove((path_ + "." + std::to_string(backups_)).c_str());
            for (int64_t k = backups_ - 1; k >= 1; --k)
                std::rename((path_ + "." + std::to_string(k)).c_str(), (path_ + "." + std::to_string(k + 1)).c_str());
            if (std::rename(path_.c_str(), (path_ + ".1").c_str()) != 0)
                throw OutputError("cannot rotate output file '" + path_ + "': " + std::strerror(errno));
        }
        // With no backups the file simply starts again.
        out_.reset(open_append(path_, true), "output file '" + path_ + "'");
        length_ = 0;
    }

    std::string path_;
    int64_t max_bytes_, backups_;
    int64_t length_ = 0;
    FdWriter out_;
};

class SpoolOutput : public Output {
public:
    SpoolOutput(std::string dir, std::string file) : path_(dir + "/" + file) {}
    void write(const EventBatch& batch) override {
        std::string data;
        data.reserve(batch.raw_bytes() + batch.size());
        for (const EventView& e : batch) {
            data.append(e.raw);
            if (e.raw.empty() || e.raw.back() != '\n') data.push_back('\n');
        }
        try {
            FdWriter w(open_append(path_, false), "spool file '" + path_ + "'");
            w.append(data);
            try {
                w.flush();
            } catch (...) {
                ::close(w.fd());
                throw;
            }
            ::close(w.fd());
        } catch (const OutputError&) {
            stats_.failed += batch.size();
            throw;
        }
        stats_.events += batch.size();
        stats_.bytes += data.size();
    }
    std::string describe() const override { return "spool " + path_; }

private:
    std::string path_;
};

}  // namespace

std::unique_ptr<Output> make_file_output(const std::string& path, int64_t max_bytes, int64_t backup_files) {
    return std::make_unique<FileOutput>(path, max_bytes, backup_files);
}

std::unique_ptr<Output> make_spool_output(const std::string& dir, const std::string& file) {
    return std::make_unique<SpoolOutput>(dir, file);
}

}  // namespace eventgen
