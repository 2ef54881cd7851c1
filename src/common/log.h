#pragma once
// Logging to stderr, one line per message with the level first: the form splunkd
// reads from a modular input's stderr into splunkd.log.
#include <cstdint>
#include <functional>
#include <sstream>
#include <string>

namespace eventgen {

enum class LogLevel { Debug = 10, Info = 20, Warning = 30, Error = 40, Critical = 50 };

void set_log_level(LogLevel level);
LogLevel log_level();
bool log_enabled(LogLevel level);
// Writes one line with a single write() so lines from threads never interleave.
void log_line(LogLevel level, const std::string& message);

// A metrics or summary line: always written to the log file (the Status page and
// admins' searches read it from eventgen.log), to stderr when INFO is enabled.
void log_metrics_line(const std::string& message);

// Also appends every line to `path` (with time and pid), rotating it to path.1 ..
// path.N at max_bytes. Returns false (and keeps logging to stderr) if it cannot open.
bool open_log_file(const std::string& path, int64_t max_bytes = 10 * 1024 * 1024, int backups = 5);
void close_log_file();

// Also hands every line that passes the level to `observer` (the search command turns
// warnings into Splunk inspector messages); an empty function removes it.
void set_log_observer(std::function<void(LogLevel, const std::string&)> observer);

// Maps Eventgen's verbosity numbers (10..50) to a level.
LogLevel log_level_from_verbosity(int verbosity);

}  // namespace eventgen

#define EG_LOG(level, expr)                                 \
    do {                                                    \
        if (::eventgen::log_enabled(level)) {               \
            std::ostringstream eg_log_stream_;              \
            eg_log_stream_ << expr;                         \
            ::eventgen::log_line(level, eg_log_stream_.str()); \
        }                                                   \
    } while (0)
#define LOG_DEBUG(expr) EG_LOG(::eventgen::LogLevel::Debug, expr)
#define LOG_INFO(expr) EG_LOG(::eventgen::LogLevel::Info, expr)
#define LOG_WARN(expr) EG_LOG(::eventgen::LogLevel::Warning, expr)
#define LOG_ERROR(expr) EG_LOG(::eventgen::LogLevel::Error, expr)
