// shift_backups: the rotation file outputs and the log file share.
#include "common/file_rotation.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "../temp_dir.h"

namespace eventgen {
namespace {

using testing::TempDir;

std::string text_of(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(FileRotation, ShiftsEveryBackupUpAndDropsTheOldest) {
    TempDir dir;
    std::string path = dir.write("out.log", "current");
    dir.write("out.log.1", "one");
    dir.write("out.log.2", "two");
    ASSERT_TRUE(shift_backups(path, 2));
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_EQ(text_of(path + ".1"), "current");
    EXPECT_EQ(text_of(path + ".2"), "one");
    EXPECT_FALSE(std::filesystem::exists(path + ".3"));  // "two" was the oldest kept
}

TEST(FileRotation, MissingBackupsAreNoProblem) {
    TempDir dir;
    std::string path = dir.write("out.log", "current");
    ASSERT_TRUE(shift_backups(path, 5));
    EXPECT_EQ(text_of(path + ".1"), "current");
}

// fileBackupFiles = 9223372036854775807 once hung at the first rotation: the work
// must follow the files on disk, not the setting.
TEST(FileRotation, AHugeBackupCountCostsOnlyTheFilesThatExist) {
    TempDir dir;
    std::string path = dir.write("out.log", "current");
    dir.write("out.log.1", "one");
    ASSERT_TRUE(shift_backups(path, INT64_MAX));
    EXPECT_EQ(text_of(path + ".1"), "current");
    EXPECT_EQ(text_of(path + ".2"), "one");
}

TEST(FileRotation, FailsWhenTheFileCannotBeRenamed) {
    TempDir dir;
    EXPECT_FALSE(shift_backups(dir.file("never-written.log"), 3));
}

}  // namespace
}  // namespace eventgen
