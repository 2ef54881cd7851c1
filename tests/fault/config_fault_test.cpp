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
