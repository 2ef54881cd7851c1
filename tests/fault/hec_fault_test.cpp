// Fault cases of the httpevent output (issue 18 items 2, 3, 6): dead and slow
// servers, killed workers and stop requests during retries.
#include <gtest/gtest.h>

#include <csignal>

#include "fault_util.h"
#include "hec_server.h"
#include "process.h"

using namespace eventgen::test;

namespace {

const char* kToken = "11111111-2222-3333-4444-555555555555";

HecServerOptions hec_options() {
    HecServerOptions o;
    HecToken t;
    t.token = kToken;
    o.tokens.push_back(t);
    return o;
}

std::string servers_json(int port, const std::string& protocol = "http") {
    return "{\"servers\": [{\"protocol\": \"" + protocol + "\", \"address\": \"127.0.0.1\", \"port\": \"" +
           std::to_string(port) + "\", \"key\": \"" + kToken + "\"}]}";
}

}  // namespace

// Every event failed (events=0 failed=4000) and the exit status was still 0.
TEST(HecFailures, AnUnreachableServerFailsTheRun) {
    std::string app = fault_ids_app("outputMode = httpevent\nhttpeventServers = " + servers_json(closed_loopback_port()) +
                                    "\nhttpeventRetrySeconds = 0.5\ncount = 2000\nend = 2\ninterval = 0.1\n");
    ProcessResult r = run_process({binary_path(), "generate", app}, "", std::chrono::seconds(60));
    ASSERT_FALSE(r.timed_out);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(summary_value(r.err, "events"), 0) << r.err;
    EXPECT_EQ(summary_value(r.err, "failed"), 4000) << r.err;
    EXPECT_EQ(summary_value(r.err, "bytes"), 0) << "failed events are not delivered bytes: " << r.err;
    EXPECT_NE(r.err.find("4000 of 4000 events could not be delivered"), std::string::npos) << r.err;
}

TEST(HecFailures, HttpsAgainstAPlainServerFailsTheRun) {
    HecServer plain(hec_options());
    std::string app = fault_ids_app("outputMode = httpevent\nhttpeventServers = " + servers_json(plain.port(), "https") +
                                    "\nhttpeventRetrySeconds = 0.5\ncount = 100\nend = 1\n");
    ProcessResult r = run_process({binary_path(), "generate", app}, "", std::chrono::seconds(60));
    ASSERT_FALSE(r.timed_out);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(plain.event_count(), 0u);
}

TEST(HecFailures, EventsOverThePayloadLimitFailTheRun) {
    HecServerOptions o = hec_options();
    o.max_content_length = 200;
    HecServer small(o);
    std::string app = fault_ids_app("outputMode = httpevent\nhttpeventServers = " + servers_json(small.port()) +
                                    "\ncount = 100\nend = 1\n");
    ProcessResult r = run_process({binary_path(), "generate", app}, "", std::chrono::seconds(60));
    ASSERT_FALSE(r.timed_out);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_GT(summary_value(r.err, "failed"), 0) << r.err;
}
