// Stopping a run by signal (issue 18 items 4, 5 and 12): a blocked reader, SIGTERM to
// the whole process group, a worker that cannot stop, a stop during a large sample's
// compile, SIGHUP, and the exit status that says a signal ended it.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <regex>

#include "fault_util.h"
#include "process.h"

namespace fs = std::filesystem;
using namespace eventgen::test;

namespace {

// Bytes waiting in a pipe or FIFO, read end `fd`; -1 on error.
int queued_bytes(int fd) {
    int n = 0;
    return ioctl(fd, FIONREAD, &n) == 0 ? n : -1;
}

struct Pipe {
    int fd[2] = {-1, -1};
    Pipe() { EXPECT_EQ(pipe2(fd, O_CLOEXEC), 0); }
    ~Pipe() {
        for (int f : fd)
            if (f >= 0) close(f);
    }
    int queued() const { return queued_bytes(fd[0]); }
};

int open_log(const std::string& path) { return open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644); }

// True when every thread of `pid` is asleep (state S).
bool all_threads_asleep(pid_t pid) {
    const std::vector<char> states = thread_states(pid);
    return !states.empty() && std::all_of(states.begin(), states.end(), [](char s) { return s == 'S'; });
}

// The events of every "worker N was killed with K event(s)" line in `log`, summed.
long events_counted_for_killed_workers(const std::string& log) {
    static const std::regex line(R"(was killed with (\d+) event\(s\))");
    long sum = 0;
    for (std::sregex_iterator it(log.begin(), log.end(), line), end; it != end; ++it) sum += std::stol((*it)[1]);
    return sum;
}

}  // namespace

// `generate ... | (sleep 20; cat)`: SIGTERM was only acted on once the reader resumed,
// and never if it did not. Now a stopping run gives a blocked reader a short grace,
// counts what it could not write as failed and exits.
class BlockedReader : public ::testing::TestWithParam<const char*> {};

TEST_P(BlockedReader, SigtermEndsTheRunWithinSeconds) {
    std::string app = fault_ids_app(std::string("outputMode = ") + GetParam() + "\ncount = 20000\ninterval = 1\nend = -1\n");
    Pipe out;
    std::string log = app + "/stderr.log";
    int err_fd = open_log(log);
    Child c({binary_path(), "generate", app}, out.fd[1], err_fd, false);
    close(err_fd);
    // Until the pipe (enlarged to 1 MiB by eventgen) is full: the writer is blocked.
    ASSERT_TRUE(wait_until([&] { return out.queued() >= 1024 * 1024 - 65536; }, 20000)) << read_text(log);
    kill(c.pid(), SIGTERM);
    auto t0 = std::chrono::steady_clock::now();
    ASSERT_TRUE(c.wait_exit(8000)) << "still running 8 s after SIGTERM with a blocked reader";
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_LT(secs, 6.0);
    std::string err = read_text(log);
    EXPECT_EQ(c.exit_code(), 1) << err;  // events were lost to the blocked output: an output failure
    EXPECT_NE(err.find("the reader took no data"), std::string::npos) << err;
    EXPECT_NE(err.find("summary events="), std::string::npos) << err;
    EXPECT_GT(summary_value(err, "failed"), 0) << err;
}

INSTANTIATE_TEST_SUITE_P(StdoutAndModinput, BlockedReader, ::testing::Values("stdout", "modinput"));

// systemd's default, timeout(1) and `kill -- -PGID` signal every process of the group:
// workers were killed mid-write, leaving a torn line and 5-10 k events more in the
// file than the summary counted.
TEST(ProcessGroupSigterm, LeavesWholeLinesAndTheSummaryMatchesTheFile) {
    for (const char* queue : {"false", "true"}) {
        std::string app = fault_ids_app(std::string("outputMode = file\ncount = 50000\ninterval = 1\nend = -1\n") +
                                        "useOutputQueue = " + queue + "\n");
        std::string out = app + "/out.log";
        write_file(app + "/default/eventgen.conf",
                   read_text(app + "/default/eventgen.conf") + "fileName = " + out + "\nfileMaxBytes = 1000000000\n");
        std::string log = app + "/stderr.log";
        int err_fd = open_log(log);
        Child c({binary_path(), "generate", app, "--generators", "2", "--multiprocess"}, err_fd, err_fd, true);
        close(err_fd);
        ASSERT_TRUE(wait_until(
            [&] {
                std::error_code ec;
                return children_of(c.pid()).size() == 2 && fs::file_size(out, ec) > 2000000 && !ec;
            },
            20000))
            << read_text(log);
        ASSERT_EQ(kill(-c.pid(), SIGTERM), 0);
        ASSERT_TRUE(c.wait_exit(10000)) << "did not stop";
        std::string err = read_text(log);
        EXPECT_EQ(c.exit_code(), 143) << err;
        std::string text = read_text(out);
        ASSERT_FALSE(text.empty());
        EXPECT_EQ(text.back(), '\n') << "torn last line, useOutputQueue = " << queue;
        auto lines = lines_of(text);
        auto counts = id_counts_of(lines);
        EXPECT_EQ(counts.count(-1), 0u) << "a line without an id";
        long doubled = 0;
        for (const auto& [id, n] : counts) doubled += n - 1;
        EXPECT_EQ(doubled, 0);
        EXPECT_EQ(summary_value(err, "events"), static_cast<long>(lines.size())) << err;
        EXPECT_EQ(summary_value(err, "failed"), 0) << err;
    }
}

// A worker whose output never returns (a file output into a FIFO that nobody reads)
// cannot stop, and is killed once the stop's grace has passed. What it made is then
// counted failed: the slot its sender was writing, and the filled slots queued for
// its sender (Engine::account_unsent_slots), none of them lost from the summary.
TEST(KilledWhileStopping, TheSlotsQueuedForItsSenderAreCountedFailed) {
    std::string app = fault_ids_app("");
    const std::string fifo = app + "/out.fifo";
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    // One interval of 50,000 events: four slots of at most 16,384 events, all of which
    // the worker can hand to its sender (kSlotsInDelivery), so it makes all of them.
    write_file(app + "/default/eventgen.conf", read_text(app + "/default/eventgen.conf") +
                                                   "outputMode = file\nfileName = " + fifo +
                                                   "\nfileMaxBytes = 1000000000\nuseOutputQueue = false\n"
                                                   "count = 50000\ninterval = 3600\nend = -1\n");
    // Opened for reading (and never read) first, so that eventgen's open for writing
    // does not block and its writes do once the FIFO is full.
    int reader = open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    ASSERT_GE(reader, 0);
    std::string log = app + "/stderr.log";
    int err_fd = open_log(log);
    Child c({binary_path(), "generate", app, "--generators", "1", "--multiprocess"}, err_fd, err_fd, false);
    close(err_fd);
    // The FIFO full, and the worker's generator and sender both asleep: the sender in
    // its write, the generator done with the interval.
    ASSERT_TRUE(wait_until(
        [&] {
            auto workers = children_of(c.pid());
            return queued_bytes(reader) >= 4096 && workers.size() == 1 && all_threads_asleep(workers[0]);
        },
        20000))
        << read_text(log);
    kill(c.pid(), SIGTERM);
    ASSERT_TRUE(c.wait_exit(20000)) << "did not stop";
    close(reader);
    std::string err = read_text(log);
    EXPECT_EQ(c.exit_code(), 1) << err;  // events were lost to the output: an output failure
    EXPECT_NE(err.find("did not stop in time; killing it"), std::string::npos) << err;
    EXPECT_NE(err.find("made but not yet written; counted failed"), std::string::npos) << err;
    const long events = summary_value(err, "events"), failed = summary_value(err, "failed");
    EXPECT_EQ(events + failed, 50000) << err;
    EXPECT_EQ(events_counted_for_killed_workers(err), failed) << err;
}

// A sample of a million lines takes seconds to compile; SIGTERM then waited for the
// compile to end. Now the compile polls the stop and the run ends at once.
TEST(SigtermWhilePreparing, ALargeSampleStopsCompilingAtOnce) {
    std::string app = fault_ids_app("outputMode = stdout\ncount = 10\ninterval = 1\nend = -1\n");
    {
        std::ofstream sample(app + "/samples/ids", std::ios::trunc);
        for (int i = 0; i < 1'000'000; ++i)
            sample << "2014-01-04 20:54:" << (i % 60 < 10 ? "0" : "") << i % 60 << " evt " << i
                   << " id=@@id seq=@@seq 20:54:34\n";
    }
    write_file(app + "/default/eventgen.conf",
               read_text(app + "/default/eventgen.conf") +
                   "token.2.token = \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\ntoken.2.replacementType = timestamp\n"
                   "token.2.replacement = %Y-%m-%d %H:%M:%S\ntoken.3.token = \\d{2}:\\d{2}:\\d{2}\n"
                   "token.3.replacementType = timestamp\ntoken.3.replacement = %H:%M:%S\n");
    std::string log = app + "/stderr.log";
    int err_fd = open_log(log);
    int out_fd = open((app + "/out.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    Child c({binary_path(), "generate", app}, out_fd, err_fd, false);
    close(err_fd);
    close(out_fd);
    // Half a CPU second in: reading the file is done and the compile (several seconds
    // on this machine) is under way.
    ASSERT_TRUE(wait_until([&] { return cpu_seconds(c.pid()) >= 0.5; }, 20000)) << read_text(log);
    kill(c.pid(), SIGTERM);
    auto t0 = std::chrono::steady_clock::now();
    ASSERT_TRUE(c.wait_exit(10000)) << "did not stop";
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::string err = read_text(log);
    EXPECT_LT(secs, 1.0) << err;
    EXPECT_EQ(c.exit_code(), 143) << err;
    EXPECT_NE(err.find("stop requested while preparing the samples"), std::string::npos) << err;
    EXPECT_EQ(read_text(app + "/out.log"), "");
}

// SIGHUP killed the process without a summary; now it stops the run like SIGTERM.
TEST(Hangup, StopsWithASummaryAndTheSignalStatus) {
    std::string app = fault_ids_app("outputMode = stdout\ncount = 1000\ninterval = 1\nend = -1\n");
    RunningProcess p({binary_path(), "generate", app});
    ASSERT_TRUE(p.wait_for_output("evt id=", std::chrono::seconds(10))) << p.err();
    p.signal(SIGHUP);
    ASSERT_TRUE(p.wait_exit(std::chrono::seconds(10)));
    EXPECT_EQ(p.exit_code(), 129) << p.err();
    EXPECT_NE(p.err().find("summary events="), std::string::npos) << p.err();
    EXPECT_EQ(summary_value(p.err(), "events"), static_cast<long>(lines_of(p.out()).size())) << p.err();
}

TEST(Sigterm, ExitsWithTheConventionalStatus) {
    for (int sig : {SIGTERM, SIGINT}) {
        std::string app = fault_ids_app("outputMode = stdout\ncount = 1000\ninterval = 1\nend = -1\n");
        RunningProcess p({binary_path(), "generate", app});
        ASSERT_TRUE(p.wait_for_output("evt id=", std::chrono::seconds(10))) << p.err();
        p.signal(sig);
        ASSERT_TRUE(p.wait_exit(std::chrono::seconds(10)));
        EXPECT_EQ(p.exit_code(), 128 + sig) << p.err();
    }
}
