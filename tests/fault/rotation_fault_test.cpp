// Fault cases of the file output: rotation under several writers (issue 18 item 1)
// and a huge fileBackupFiles (item 9).
#include <gtest/gtest.h>

#include <filesystem>

#include "fault_util.h"
#include "process.h"

namespace fs = std::filesystem;
using namespace eventgen::test;

namespace {

std::string with_file(const std::string& app, const std::string& conf_extra) {
    std::string out = app + "/out.log";
    write_file(app + "/default/eventgen.conf", read_text(app + "/default/eventgen.conf") + "fileName = " + out +
                                                   "\n" + conf_extra);
    return out;
}

}  // namespace

// Two workers writing one file directly (the default useOutputQueue = false) while it
// rotates: the rotating writer once reopened the file without O_APPEND and wrote over
// the other's lines (600 k of 1 M arrived, summary said 1 M, exit 0).
class RotationWithWorkers : public ::testing::TestWithParam<bool> {};

TEST_P(RotationWithWorkers, EveryLineIsInTheFileOrItsBackupsExactlyOnce) {
    const long count = 600000;
    std::string app = fault_ids_app("outputMode = file\ncount = " + std::to_string(count) + "\nend = 1\n");
    std::string out = with_file(app, "fileMaxBytes = 3000000\nfileBackupFiles = 1000\n");
    std::vector<std::string> args = {binary_path(), "generate", app, "--generators", "2"};
    if (GetParam()) args.push_back("--multiprocess");
    ProcessResult r = run_process(args, "", std::chrono::seconds(120));
    ASSERT_FALSE(r.timed_out);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto lines = lines_with_backups(out);
    // Files several times larger than a transfer slot (1 MiB): a writer keeps its
    // descriptor across batches after rotating, which is where it went wrong.
    EXPECT_TRUE(fs::exists(out + ".3")) << "the test needs several rotations";
    LostDoubled ld = lost_and_doubled(id_counts_of(lines), count);
    EXPECT_EQ(ld.lost, 0);
    EXPECT_EQ(ld.doubled, 0);
    EXPECT_EQ(summary_value(r.err, "events"), count) << r.err;
}

INSTANTIATE_TEST_SUITE_P(ThreadsAndProcesses, RotationWithWorkers, ::testing::Bool());

// fileBackupFiles = 9223372036854775807 hung forever at the first rotation.
TEST(FileBackups, AHugeCountIsRefusedWithItsLine) {
    std::string app = fault_ids_app("outputMode = file\ncount = 100\nend = 1\n");
    with_file(app, "fileMaxBytes = 1000\nfileBackupFiles = 9223372036854775807\n");
    ProcessResult r = run_process({binary_path(), "generate", app}, "", std::chrono::seconds(20));
    ASSERT_FALSE(r.timed_out) << "hung";
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("eventgen.conf:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("[ids] fileBackupFiles: must be between 0 and 100000"), std::string::npos) << r.err;
}

TEST(FileBackups, TheLargestAllowedCountRotatesQuickly) {
    std::string app = fault_ids_app("outputMode = file\ncount = 5000\nend = 1\n");
    std::string out = with_file(app, "fileMaxBytes = 2000\nfileBackupFiles = 100000\n");
    ProcessResult r = run_process({binary_path(), "generate", app}, "", std::chrono::seconds(30));
    ASSERT_FALSE(r.timed_out) << "rotation did not finish";
    EXPECT_EQ(r.exit_code, 0) << r.err;
    LostDoubled ld = lost_and_doubled(id_counts_of(lines_with_backups(out)), 5000);
    EXPECT_EQ(ld.lost, 0);
    EXPECT_EQ(ld.doubled, 0);
}
