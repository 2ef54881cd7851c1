// End-to-end: what a migrating SA-Eventgen user meets first — the usage when the
// binary is started by hand, -s patterns, apps that name SA-Eventgen's replacement
// files under $SPLUNK_HOME, and where integerid state lives.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <set>

#include "process.h"

namespace fs = std::filesystem;
using namespace eventgen::test;

namespace {

// An app folder with `samples` (file name -> text) and `conf` as its eventgen.conf.
std::string make_app(const std::map<std::string, std::string>& samples, const std::string& conf) {
    std::string dir = make_temp_dir("eg-first-run");
    fs::create_directories(dir + "/default");
    fs::create_directories(dir + "/samples");
    write_file(dir + "/default/eventgen.conf", conf);
    for (const auto& [name, text] : samples) write_file(dir + "/samples/" + name, text);
    return dir;
}

}  // namespace

TEST(FirstRun, NoArgumentsAndEmptyStdinPrintTheUsage) {
    ProcessResult r = run_process({binary_path()}, "");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Usage: eventgen generate CONFIG"), std::string::npos) << r.out;
    EXPECT_EQ(r.err.find("malformed"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("no input configuration on stdin"), std::string::npos) << r.err;
    // Blank input is no document either.
    ProcessResult blank = run_process({binary_path()}, "\n  \n");
    EXPECT_EQ(blank.exit_code, 0);
    EXPECT_NE(blank.out.find("Usage:"), std::string::npos);
}

TEST(FirstRun, SampleOptionSelectsByPattern) {
    std::string app = make_app({{"web_1.log", "w1\n"}, {"web_2.log", "w2\n"}, {"db.log", "d\n"}},
                               "[global]\noutputMode = stdout\ncount = 1\nend = 1\n"
                               "[web_\\d\\.log]\n[db.log]\n");
    auto run = [&](const std::string& pattern) {
        ProcessResult r = run_process({binary_path(), "generate", app, "-s", pattern});
        EXPECT_EQ(r.exit_code, 0) << pattern << ": " << r.err;
        auto lines = lines_of(r.out);
        return std::set<std::string>(lines.begin(), lines.end());
    };
    EXPECT_EQ(run("web_.*"), (std::set<std::string>{"w1", "w2"}));
    EXPECT_EQ(run("*.log"), (std::set<std::string>{"w1", "w2", "d"}));
    EXPECT_EQ(run("web_\\d\\.log"), (std::set<std::string>{"w1", "w2"}));
    EXPECT_EQ(run("db.log"), (std::set<std::string>{"d"}));
    ProcessResult none = run_process({binary_path(), "generate", app, "-s", "nothing*"});
    EXPECT_EQ(none.exit_code, 1);
    EXPECT_NE(none.err.find("no sample to run"), std::string::npos) << none.err;
}

TEST(FirstRun, SaEventgenReplacementFilesComeFromTheBundledCopies) {
    std::string app = make_app({{"ips.log", "client=@@ip\n"}},
                               "[ips.log]\noutputMode = stdout\ncount = 5\nend = 1\n"
                               "token.0.token = @@ip\ntoken.0.replacementType = file\n"
                               "token.0.replacement = $SPLUNK_HOME/etc/apps/SA-Eventgen/samples/external_ips.sample\n");
    std::set<std::string> ips;
    for (const auto& l : lines_of(read_text(std::string(EVENTGEN_SOURCE_DIR) + "/samples/external_ips.sample")))
        ips.insert("client=" + l);
    // SPLUNK_HOME points at a Splunk without SA-Eventgen (and the app's samples lack the file).
    ProcessResult r = run_process({binary_path(), "generate", app}, "", std::chrono::seconds(60),
                                  {{"SPLUNK_HOME", app + "/no-splunk"}});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto lines = lines_of(r.out);
    ASSERT_EQ(lines.size(), 5u);
    for (const auto& l : lines) EXPECT_EQ(ips.count(l), 1u) << l;
    EXPECT_NE(r.err.find("using the copy bundled with eventgen"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("WARN"), std::string::npos) << r.err;  // an info line, not a warning
}

TEST(FirstRun, IntegeridStateIsAnnouncedAndCanBeReset) {
    std::string app = make_app({{"tx.log", "id=1\n"}},
                               "[tx.log]\noutputMode = stdout\ncount = 3\nend = 1\n"
                               "token.0.token = id=(\\d+)\ntoken.0.replacementType = integerid\n"
                               "token.0.replacement = 100\n");
    auto run = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = {binary_path(), "generate", app};
        args.insert(args.end(), extra.begin(), extra.end());
        ProcessResult r = run_process(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return r;
    };
    ProcessResult first = run({});
    EXPECT_EQ(lines_of(first.out), (std::vector<std::string>{"id=100", "id=101", "id=102"}));
    EXPECT_NE(first.err.find("integerid state saved to " + app + "/samples/state."), std::string::npos) << first.err;
    EXPECT_NE(first.err.find("--reset-state"), std::string::npos) << first.err;

    ProcessResult second = run({});
    EXPECT_EQ(lines_of(second.out), (std::vector<std::string>{"id=103", "id=104", "id=105"}));
    EXPECT_NE(second.err.find("continues from 103, saved by an earlier run in " + app + "/samples/state."),
              std::string::npos)
        << second.err;
    EXPECT_EQ(second.err.find("state saved to"), std::string::npos) << second.err;  // said once, when created

    ProcessResult reset = run({"--reset-state"});
    EXPECT_EQ(lines_of(reset.out), (std::vector<std::string>{"id=100", "id=101", "id=102"}));
    EXPECT_EQ(reset.err.find("continues from"), std::string::npos) << reset.err;
    ProcessResult after = run({});
    EXPECT_EQ(lines_of(after.out).front(), "id=103");  // the reset run saved its own state
}

namespace {

std::string backfill_app() {
    return make_app({{"windbag", "2014-01-04 20:54:34 WINDBAG Event 1 of 1\n"}},
                    "[windbag]\noutputMode = stdout\ncount = 500\ninterval = 1\nearliest = -1s\nlatest = now\n"
                    "end = 1\ntoken.0.token = \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\n"
                    "token.0.replacementType = timestamp\ntoken.0.replacement = %Y-%m-%d %H:%M:%S\n");
}

}  // namespace

TEST(FirstRun, LongBackfillShowsProgressEarly) {
    // 7 days at 500 events a second: 302 M events, far longer than the waits below.
    RunningProcess p({binary_path(), "generate", backfill_app(), "-b", "-7d", "--devnull"});
    auto started = std::chrono::steady_clock::now();
    // The first line is due 2 s in; the bound leaves room for a loaded machine.
    ASSERT_TRUE(p.wait_for_error("INFO backfill ", std::chrono::seconds(10))) << p.err();
    double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("first backfill progress line after %.2f s\n", waited);
    ASSERT_TRUE(p.wait_for_error(" left\n", std::chrono::seconds(10))) << p.err();
    std::smatch m;
    std::string err = p.err();
    ASSERT_TRUE(std::regex_search(err, m, std::regex(R"(INFO backfill (\d+\.\d)% done \(-7d\): (\d+) events, (\d+) events/s, about \S+ left)")))
        << err;
    EXPECT_LT(std::stod(m[1]), 100.0);
    EXPECT_GT(std::stoull(m[2]), 0u);
    p.signal(SIGTERM);
    ASSERT_TRUE(p.wait_exit(std::chrono::seconds(30)));
}

TEST(FirstRun, MetricsKeepComingDuringABackfill) {
    RunningProcess p({binary_path(), "generate", backfill_app(), "-b", "-7d", "--devnull", "--metrics-interval", "1"});
    ASSERT_TRUE(p.wait_for_error("INFO metrics ", std::chrono::seconds(10))) << p.err();
    ASSERT_TRUE(p.wait_for_error("INFO backfill ", std::chrono::seconds(10))) << p.err();
    EXPECT_EQ(p.err().find("backfill done"), std::string::npos) << p.err();  // still backfilling
    p.signal(SIGTERM);
    ASSERT_TRUE(p.wait_exit(std::chrono::seconds(30)));
}

TEST(FirstRun, BackfillSaysWhenDoneAndQuietSaysNothing) {
    std::string app = backfill_app();
    ProcessResult loud = run_process({binary_path(), "generate", app, "-b", "-1h", "--devnull"});
    ASSERT_EQ(loud.exit_code, 0) << loud.err;
    EXPECT_NE(loud.err.find("INFO backfill done: 1800000 events in "), std::string::npos) << loud.err;
    ProcessResult quiet = run_process({binary_path(), "generate", app, "-b", "-1h", "--devnull", "-q"});
    ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
    EXPECT_EQ(quiet.err, "");
}

TEST(FirstRun, AWorkerThatDiesDuringABackfillIsReplaced) {
    RunningProcess p({binary_path(), "generate", backfill_app(), "-b", "-7d", "--devnull", "--multiprocess",
                      "--generators", "2"});
    ASSERT_TRUE(p.wait_for_error("INFO backfill ", std::chrono::seconds(10))) << p.err();
    // The forked generator workers are the children of the main process.
    std::string children = read_text("/proc/" + std::to_string(p.pid()) + "/task/" + std::to_string(p.pid()) + "/children");
    ASSERT_FALSE(children.empty());
    pid_t worker = static_cast<pid_t>(std::stol(children));
    ASSERT_EQ(::kill(worker, SIGKILL), 0);
    ASSERT_TRUE(p.wait_for_error("(pid " + std::to_string(worker) + ")", std::chrono::seconds(10))) << p.err();
    // Progress goes on and counts the restart.
    ASSERT_TRUE(p.wait_for_error("1 worker restart(s)", std::chrono::seconds(15))) << p.err();
    p.signal(SIGTERM);
    ASSERT_TRUE(p.wait_exit(std::chrono::seconds(30)));
}
