#include "common/log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "common/file_rotation.h"

namespace eventgen {

namespace {
std::atomic<int> g_level{static_cast<int>(LogLevel::Info)};

const char* level_name(LogLevel l) {
    switch (l) {
        case LogLevel::Debug: return "DEBUG";
        case LogLevel::Info: return "INFO";
        case LogLevel::Warning: return "WARN";
        case LogLevel::Error: return "ERROR";
        case LogLevel::Critical: return "FATAL";
    }
    return "INFO";
}
}  // namespace

void set_log_level(LogLevel level) { g_level.store(static_cast<int>(level)); }
LogLevel log_level() { return static_cast<LogLevel>(g_level.load()); }
bool log_enabled(LogLevel level) { return static_cast<int>(level) >= g_level.load(std::memory_order_relaxed); }

namespace {

struct LogFile {
    std::mutex mu;
    int fd = -1;
    std::string path;
    int64_t max_bytes = 0;
    int backups = 0;
    int64_t size = 0;
};
LogFile g_file;

std::mutex g_observer_mu;
std::function<void(LogLevel, const std::string&)> g_observer;

void write_fully(int fd, const std::string& s) {
    size_t done = 0;
    while (done < s.size()) {
        ssize_t n = ::write(fd, s.data() + done, s.size() - done);
        if (n <= 0) break;
        done += static_cast<size_t>(n);
    }
}

void rotate_log_locked() {
    ::close(g_file.fd);
    shift_backups(g_file.path, g_file.backups);  // on failure the file simply grows on
    g_file.fd = ::open(g_file.path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    g_file.size = 0;
}

std::string timestamp_now() {
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tmv {};
    localtime_r(&ts.tv_sec, &tmv);
    char buf[64];
    size_t n = strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tmv);
    snprintf(buf + n, sizeof buf - n, ".%03ld", ts.tv_nsec / 1000000);
    return buf;
}

}  // namespace

namespace {
void write_line(LogLevel level, const std::string& message, bool to_stderr) {
    // One message, one line: splunkd treats every line as its own entry.
    std::string text = message;
    for (char& c : text)
        if (c == '\n' || c == '\r') c = ' ';
    if (to_stderr) {
        write_fully(2, std::string(level_name(level)) + " " + text + "\n");
        std::lock_guard<std::mutex> lock(g_observer_mu);
        if (g_observer) g_observer(level, text);
    }
    std::lock_guard<std::mutex> lock(g_file.mu);
    if (g_file.fd < 0) return;
    std::string file_line =
        timestamp_now() + " " + level_name(level) + " pid=" + std::to_string(getpid()) + " " + text + "\n";
    if (g_file.max_bytes > 0 && g_file.size + static_cast<int64_t>(file_line.size()) > g_file.max_bytes) rotate_log_locked();
    if (g_file.fd < 0) return;
    write_fully(g_file.fd, file_line);
    g_file.size += static_cast<int64_t>(file_line.size());
}
}  // namespace

void log_line(LogLevel level, const std::string& message) { write_line(level, message, true); }

void log_metrics_line(const std::string& message) {
    write_line(LogLevel::Info, message, log_enabled(LogLevel::Info));
}

void set_log_observer(std::function<void(LogLevel, const std::string&)> observer) {
    std::lock_guard<std::mutex> lock(g_observer_mu);
    g_observer = std::move(observer);
}

bool open_log_file(const std::string& path, int64_t max_bytes, int backups) {
    std::lock_guard<std::mutex> lock(g_file.mu);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    if (g_file.fd >= 0) ::close(g_file.fd);
    g_file.fd = fd;
    g_file.path = path;
    g_file.max_bytes = max_bytes;
    g_file.backups = backups;
    struct stat st {};
    g_file.size = ::fstat(fd, &st) == 0 ? st.st_size : 0;
    return true;
}

void close_log_file() {
    std::lock_guard<std::mutex> lock(g_file.mu);
    if (g_file.fd >= 0) ::close(g_file.fd);
    g_file.fd = -1;
}

LogLevel log_level_from_verbosity(int v) {
    if (v <= 10) return LogLevel::Debug;
    if (v <= 20) return LogLevel::Info;
    if (v <= 30) return LogLevel::Warning;
    if (v <= 40) return LogLevel::Error;
    return LogLevel::Critical;
}

}  // namespace eventgen
