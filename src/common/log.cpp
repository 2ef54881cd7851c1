#include "common/log.h"

#include <unistd.h>

#include <atomic>

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

void log_line(LogLevel level, const std::string& message) {
    std::string line = level_name(level);
    line += ' ';
    // One message, one line: splunkd treats every line as its own entry.
    for (char c : message) line += (c == '\n' || c == '\r') ? ' ' : c;
    line += '\n';
    size_t done = 0;
    while (done < line.size()) {
        ssize_t n = ::write(2, line.data() + done, line.size() - done);
        if (n <= 0) break;
        done += static_cast<size_t>(n);
    }
}

LogLevel log_level_from_verbosity(int v) {
    if (v <= 10) return LogLevel::Debug;
    if (v <= 20) return LogLevel::Info;
    if (v <= 30) return LogLevel::Warning;
    if (v <= 40) return LogLevel::Error;
    return LogLevel::Critical;
}

}  // namespace eventgen
