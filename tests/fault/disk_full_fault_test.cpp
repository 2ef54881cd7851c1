// A full disk (issue 18 item 7): the file ended with a torn partial event, and about
// 4,900 events that were in the file were counted failed. Now a failed write is cut
// back to whole events and the summary matches the file exactly.
//
// The disk is a 2 MB tmpfs when the test may mount one (root with CAP_SYS_ADMIN, as
// in CI); otherwise the same limit comes from RLIMIT_FSIZE (write() then fails with
// EFBIG at the limit instead of ENOSPC, the same path through the file output).
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>

#include "fault_util.h"
#include "process.h"

namespace fs = std::filesystem;
using namespace eventgen::test;

namespace {

constexpr long kDiskBytes = 2 * 1024 * 1024;

// A 2 MB tmpfs on `dir`, unmounted again at the end.
class SmallDisk {
public:
    explicit SmallDisk(const std::string& dir) : dir_(dir) {
        mounted_ = ::mount("tmpfs", dir.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "size=2m") == 0;
    }
    ~SmallDisk() {
        if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
    }
    bool mounted() const { return mounted_; }

private:
    std::string dir_;
    bool mounted_ = false;
};

}  // namespace

class DiskFull : public ::testing::TestWithParam<bool> {};

TEST_P(DiskFull, TheFileHoldsWholeEventsAndTheSummaryCountsThemExactly) {
    const bool queue = GetParam();
    const long count = 200000;  // about 5 MB of lines: more than the disk holds
    std::string app = fault_ids_app("outputMode = file\ncount = " + std::to_string(count) +
                                    "\nend = 1\nfileMaxBytes = 1000000000\nuseOutputQueue = " +
                                    (queue ? "true" : "false") + "\n");
    std::string disk = app + "/disk";
    fs::create_directories(disk);
    SmallDisk tmpfs(disk);
    long fsize_limit = tmpfs.mounted() ? 0 : kDiskBytes;
    if (!tmpfs.mounted())
        std::cerr << "note: cannot mount a tmpfs here (" << std::strerror(errno)
                  << "); the disk limit comes from RLIMIT_FSIZE instead\n";
    std::string out = disk + "/out.log";
    write_file(app + "/default/eventgen.conf", read_text(app + "/default/eventgen.conf") + "fileName = " + out + "\n");
    std::string log = app + "/stderr.log";
    int err_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    Child c({binary_path(), "generate", app, "--generators", "2", "--multiprocess"}, err_fd, err_fd, false,
            fsize_limit);
    ::close(err_fd);
    ASSERT_TRUE(c.wait_exit(60000)) << "hung on a full disk";
    std::string err = read_text(log);
    EXPECT_EQ(c.exit_code(), 1) << err;
    EXPECT_TRUE(err.find("No space left on device") != std::string::npos ||
                err.find("File too large") != std::string::npos)
        << err;
    std::string text = read_text(out);
    ASSERT_GT(text.size(), 100000u) << err;
    EXPECT_EQ(text.back(), '\n') << "a torn partial event at the end";
    auto lines = lines_of(text);
    auto counts = id_counts_of(lines);
    EXPECT_EQ(counts.count(-1), 0u) << "a line without a whole id";
    LostDoubled ld = lost_and_doubled(counts, count);
    EXPECT_EQ(ld.doubled, 0);
    long events = summary_value(err, "events"), failed = summary_value(err, "failed");
    EXPECT_EQ(events, static_cast<long>(lines.size())) << "the summary must count what is in the file: " << err;
    EXPECT_GT(failed, 0) << err;
    EXPECT_LE(events + failed, count) << err;
}

INSTANTIATE_TEST_SUITE_P(DirectAndQueued, DiskFull, ::testing::Bool());
