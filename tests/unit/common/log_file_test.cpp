// The log file: every line with time and pid, rotated to .1 .. .N at its size limit.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "common/log.h"

namespace eventgen {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

TEST(LogFile, LinesCarryTimeLevelPidAndRotate) {
    std::random_device rd;
    fs::path dir = fs::temp_directory_path() / ("eg-log-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
    fs::create_directories(dir);
    fs::path log = dir / "eventgen.log";
    LogLevel before = log_level();
    set_log_level(LogLevel::Info);
    ASSERT_TRUE(open_log_file(log.string(), 400, 2));
    for (int i = 0; i < 40; ++i) log_line(LogLevel::Info, "message number " + std::to_string(i) + "\nsecond line");
    close_log_file();
    set_log_level(before);

    EXPECT_TRUE(fs::exists(log));
    EXPECT_TRUE(fs::exists(dir / "eventgen.log.1"));
    EXPECT_TRUE(fs::exists(dir / "eventgen.log.2"));
    EXPECT_FALSE(fs::exists(dir / "eventgen.log.3"));  // only fileBackupFiles copies are kept
    for (const char* name : {"eventgen.log", "eventgen.log.1", "eventgen.log.2"}) EXPECT_LE(fs::file_size(dir / name), 400u);
    std::string last = read_all(log);
    EXPECT_NE(last.find("message number 39 second line"), std::string::npos) << last;  // one line per message
    std::istringstream lines(last);
    std::string line;
    while (std::getline(lines, line)) {
        // 2026-11-23 14:00:00.123 INFO pid=123 message
        EXPECT_EQ(line.size() > 24 && line[4] == '-' && line[10] == ' ' && line[19] == '.', true) << line;
        EXPECT_NE(line.find(" INFO pid=" + std::to_string(getpid()) + " message number "), std::string::npos) << line;
    }
    fs::remove_all(dir);
}

}  // namespace
}  // namespace eventgen
