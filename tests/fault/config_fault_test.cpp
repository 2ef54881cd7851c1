// Bad configurations under the error boundary (issue 18 item 8, issue 10 item 4): a
// token regex that hits PCRE2's match limit ((a+)+b in the report; (a+)+$ here, as PCRE2
// rejects the former at once when no b is present) aborted the whole run with no file, line
// or stanza, and the valid samples never ran.
#include <gtest/gtest.h>

#include "fault_util.h"
#include "process.h"

using namespace eventgen::test;

TEST(ErrorBoundary, ARegexHittingTheMatchLimitSkipsOnlyItsSample) {
    std::string app = fault_ids_app("outputMode = stdout\ncount = 100\nend = 1\n\n"
                                    "[runaway]\noutputMode = stdout\ncount = 10\nend = 1\n"
                                    "token.0.token = (a+)+$\ntoken.0.replacementType = static\n"
                                    "token.0.replacement = x\n");
    write_file(app + "/samples/runaway", std::string(5000, 'a') + "!\n");
    ProcessResult r = run_process({binary_path(), "generate", app}, "", std::chrono::seconds(60));
    ASSERT_FALSE(r.timed_out);
    ASSERT_EQ(r.signal, 0) << "the run was killed by a signal (std::terminate?): " << r.err;
    EXPECT_EQ(r.exit_code, 1) << r.err;  // a configuration error, reported
    EXPECT_EQ(lines_of(r.out).size(), 100u) << "the valid sample must still run: " << r.err;
    // file:line: [stanza] key: what went wrong
    EXPECT_NE(r.err.find("eventgen.conf:16: [runaway] token.0.token: regex match failed"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("sample 'runaway' skipped"), std::string::npos) << r.err;
}

// Issue 18 item 11: a stanza with 100,000 tokens took minutes to load (each key found by
// a scan of the keys before it) and then never finished compiling (the template's 16-bit
// token index wrapped past 65,535). More tokens than a template covers now apply one by
// one; the run ends and every token did its work. Not a timing test: the old code never
// ends, and the ctest timeout would say so.
TEST(ManyTokens, MoreTokensThanATemplateCoversStillRun) {
    const int tokens = 70000;
    std::string conf = "[many]\noutputMode = stdout\ncount = 5\nend = 1\n";
    conf.reserve(static_cast<size_t>(tokens) * 100);
    for (int i = 0; i < tokens; ++i) {
        std::string k = "token." + std::to_string(i);
        conf += k + ".token = @@t" + std::to_string(i) + "\\b\n" + k + ".replacementType = static\n" + k +
                ".replacement = v" + std::to_string(i) + "\n";
    }
    std::string app = make_temp_dir("eg-many-tokens");
    write_file(app + "/default/eventgen.conf", conf);
    write_file(app + "/samples/many", "event @@t0 @@t1 @@t69999 end\n");
    ProcessResult r = run_process({binary_path(), "generate", app, "-v", "-v"}, "", std::chrono::seconds(240));
    ASSERT_FALSE(r.timed_out) << r.err.substr(0, 2000);
    EXPECT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
    auto lines = lines_of(r.out);
    ASSERT_EQ(lines.size(), 5u) << r.err.substr(0, 2000);
    for (const auto& l : lines) EXPECT_EQ(l, "event v0 v1 v69999 end");
    EXPECT_NE(r.err.find("1 of 1 events apply tokens one by one"), std::string::npos) << r.err.substr(0, 2000);
}
