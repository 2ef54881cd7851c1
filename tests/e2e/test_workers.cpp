// End-to-end tests of the worker engine: threads and forked processes, exact counts,
// no duplicates, clean shutdown, and recovery from a worker process that dies.
#include <gtest/gtest.h>

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include "id_events.h"
#include "process.h"
#include "splunkd_standin.h"

namespace fs = std::filesystem;
using namespace eventgen::test;

namespace {

// One event per line: "evt id=<integerid> seq=<integer>".
std::string ids_app(const std::string& extra) { return make_ids_app("eg-workers", extra); }

// Checks that `lines` hold ids 0..count-1 exactly once each.
void expect_ids_exactly_once(const std::vector<std::string>& lines, size_t count) {
    ASSERT_EQ(lines.size(), count);
    std::vector<bool> seen(count, false);
    for (const auto& line : lines) {
        size_t p = line.find("id=");
        ASSERT_NE(p, std::string::npos) << line;
        size_t id = std::stoull(line.substr(p + 3));
        ASSERT_LT(id, count) << line;
        ASSERT_FALSE(seen[id]) << "duplicate id " << id;
        seen[id] = true;
    }
}

}  // namespace

class WorkerCounts : public ::testing::TestWithParam<std::tuple<int, bool>> {};

TEST_P(WorkerCounts, ExactCountsUniqueIdsSameEventsForAnyWorkerCount) {
    auto [workers, process] = GetParam();
    std::string app = ids_app("outputMode = stdout\ncount = 60000\nend = 1\nearliest = 2024-01-01T00:00:00\nlatest = 2024-01-01T00:01:00\n");
    std::vector<std::string> args = {binary_path(), "generate", app, "--seed", "7", "--generators", std::to_string(workers)};
    if (process) args.push_back("--multiprocess");
    ProcessResult r = run_process(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto lines = lines_of(r.out);
    expect_ids_exactly_once(lines, 60000);
    // The same events whatever the number of workers: compare with one worker, sorted.
    ProcessResult one = run_process({binary_path(), "generate", app, "--seed", "7", "--generators", "1"});
    auto reference = lines_of(one.out);
    std::sort(lines.begin(), lines.end());
    std::sort(reference.begin(), reference.end());
    EXPECT_TRUE(lines == reference);
}

INSTANTIATE_TEST_SUITE_P(ThreadsAndProcesses, WorkerCounts,
                         ::testing::Combine(::testing::Values(1, 2, 3), ::testing::Bool()));

TEST(Workers, SplitSampleAndManyIntervalsKeepCounts) {
    std::string app = ids_app("outputMode = stdout\ncount = 1000\nbackfill = -50m\ninterval = 60\nend = 1\nsplitSample = 1\n");
    ProcessResult r = run_process({binary_path(), "generate", app, "--generators", "3", "--multiprocess"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_ids_exactly_once(lines_of(r.out), 50 * 1000);
}

TEST(Workers, SigtermMidRunLeavesAWellFormedModinputStream) {
    for (bool process : {false, true}) {
        std::string app = ids_app("outputMode = modinput\ncount = 20000\ninterval = 1\nend = -1\n");
        std::vector<std::string> args = {binary_path(), "generate", app, "--generators", "2"};
        if (process) args.push_back("--multiprocess");
        RunningProcess p(args);
        ASSERT_TRUE(p.wait_for_output("</event>", std::chrono::seconds(10))) << p.err();
        auto kids = children_of(p.pid());
        p.signal(SIGTERM);
        ASSERT_TRUE(p.wait_exit(std::chrono::seconds(5))) << "did not stop within 5 s";
        EXPECT_EQ(p.exit_code(), 143) << p.err();  // 128 + SIGTERM: the shell's convention
        ParsedStream stream = SplunkdStandin::parse_stream(p.out());
        ASSERT_TRUE(stream.well_formed) << "stream not well formed, process=" << process << ": " << stream.error;
        for (const auto& e : stream.events) ASSERT_NE(e.data.find("evt id="), std::string::npos);
        EXPECT_GT(stream.events.size(), 0u);
        EXPECT_TRUE(stream.closed);
        for (pid_t k : kids) EXPECT_EQ(process_state(k), 0) << "worker " << k << " still exists";
    }
}

// Both delivery paths: workers writing the file themselves (useOutputQueue = false,
// the default) and the single writer thread (useOutputQueue = true).
class KilledWorker : public ::testing::TestWithParam<bool> {};

TEST_P(KilledWorker, IsReplacedAndEveryEventStillWrittenOnce) {
    const size_t count = 3000000;
    std::string queue = GetParam() ? "true" : "false";
    std::string app = ids_app("outputMode = file\nfileName = OUT\nfileMaxBytes = 100000000000\ncount = " +
                              std::to_string(count) + "\nend = 1\nuseOutputQueue = " + queue + "\n");
    std::string out = app + "/ids.log";
    std::string conf = read_text(app + "/default/eventgen.conf");
    conf.replace(conf.find("OUT"), 3, out);
    write_file(app + "/default/eventgen.conf", conf);

    RunningProcess p({binary_path(), "generate", app, "--generators", "2", "--multiprocess"});
    // Wait until both workers exist and output has started, then kill one mid-job.
    std::vector<pid_t> kids;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        kids = children_of(p.pid());
        std::error_code ec;
        if (kids.size() == 2 && fs::exists(out) && fs::file_size(out, ec) > 1000000) break;
        std::this_thread::yield();
    }
    ASSERT_EQ(kids.size(), 2u);
    kill(kids[0], SIGKILL);
    ASSERT_TRUE(p.wait_exit(std::chrono::seconds(60))) << p.err();
    EXPECT_EQ(p.exit_code(), 0) << p.err();
    EXPECT_NE(p.err().find("was killed by signal 9"), std::string::npos) << p.err();
    EXPECT_NE(p.err().find("worker_restarts=1"), std::string::npos) << p.err();
    EXPECT_EQ(process_state(kids[0]), 0) << "the killed worker was not reaped";
    auto lines = lines_of(read_text(out));
    expect_ids_exactly_once(lines, count);
    // The summary's bytes are the text of every event once, including those the dead
    // worker wrote from a batch it never published.
    size_t text_bytes = 0;
    for (const auto& line : lines) text_bytes += line.size();
    size_t at = p.err().find("summary events=");
    ASSERT_NE(at, std::string::npos) << p.err();
    size_t b = p.err().find(" bytes=", at);
    ASSERT_NE(b, std::string::npos) << p.err();
    EXPECT_EQ(std::stoull(p.err().substr(b + 7)), text_bytes) << p.err().substr(at, 300);
}

INSTANTIATE_TEST_SUITE_P(OutputQueueOnAndOff, KilledWorker, ::testing::Bool());

TEST(Workers, OutputFailureStopsTheRunWithAClearError) {
    std::string app = ids_app("outputMode = file\nfileName = /dev/full\ncount = 100000\ninterval = 1\nend = -1\n");
    ProcessResult r = run_process({binary_path(), "generate", app, "--generators", "2", "--multiprocess"},
                                  "", std::chrono::seconds(20));
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("/dev/full"), std::string::npos) << r.err;
}

TEST(Workers, MetricsAreLoggedPeriodicallyAndSummarizedOnce) {
    std::string app = ids_app("outputMode = devnull\ncount = 1000\ninterval = 1\nend = 2\n");
    ProcessResult r = run_process({binary_path(), "generate", app, "--generators", "2", "--metrics-interval", "0.25"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    size_t metrics = 0, summaries = 0, sample_metrics = 0, output_summaries = 0;
    for (const auto& line : lines_of(r.err)) {
        if (line.rfind("INFO metrics events=", 0) == 0 && line.find(" scope=run ") != std::string::npos) {
            ++metrics;
            EXPECT_NE(line.find("ring_depth="), std::string::npos) << line;
        }
        if (line.rfind("INFO metrics events=", 0) == 0 && line.find(" scope=sample sample=ids ") != std::string::npos)
            ++sample_metrics;
        if (line.rfind("INFO summary events=2000 ", 0) == 0 && line.find(" scope=run ") != std::string::npos) ++summaries;
        if (line.rfind("INFO summary scope=output output=devnull events=2000 ", 0) == 0) ++output_summaries;
    }
    EXPECT_GE(metrics, 2u);
    EXPECT_EQ(sample_metrics, metrics) << r.err;
    EXPECT_EQ(summaries, 1u) << r.err;
    EXPECT_EQ(output_summaries, 1u) << r.err;
}
