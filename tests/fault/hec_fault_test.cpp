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

// Whether one line of `log` holds both `what` and `names`.
bool line_with_names(const std::string& log, const std::string& what, const std::string& names) {
    for (const auto& line : lines_of(log))
        if (line.find(what) != std::string::npos && line.find(names) != std::string::npos) return true;
    return false;
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

// Direct HEC (useOutputQueue = false, the default) with worker processes killed by
// kill -9: the replacement re-sent whole batches the dead one had delivered (65,298
// received for 60,000). Now it starts after the last payload HEC confirmed; only the
// payload on the wire when the worker died goes out twice, and is counted `resent`.
TEST(HecKilledWorker, ResendsAtMostTheInFlightPayloadAndCountsIt) {
    HecServer server(hec_options());
    server.set_response_delay(std::chrono::milliseconds(150));
    const long count = 60000;
    std::string app = fault_ids_app("outputMode = httpevent\nhttpeventServers = " + servers_json(server.port()) +
                                    "\nhttpeventMaxPayloadSize = 100000\ncount = " + std::to_string(count) +
                                    "\nend = 1\n");
    RunningProcess p({binary_path(), "generate", app, "--generators", "2", "--multiprocess"});
    int kills = 0;
    size_t seen = 0;
    while (kills < 4) {
        // Both workers up and delivering since the last kill.
        std::vector<pid_t> kids;
        bool ready = wait_until(
            [&] {
                kids = children_of(p.pid());
                return kids.size() == 2 && server.event_count() > seen + 2000;
            },
            30000);
        if (!ready || server.event_count() > static_cast<size_t>(count) * 3 / 4) break;
        seen = server.event_count();
        kill(kids[kills % 2], SIGKILL);
        ++kills;
    }
    ASSERT_GE(kills, 2) << "the run ended before the workers could be killed twice";
    ASSERT_TRUE(p.wait_exit(std::chrono::seconds(120))) << p.err();
    EXPECT_EQ(p.exit_code(), 0) << p.err();
    std::vector<std::string> lines;
    for (const auto& e : server.events()) lines.push_back(e.event);
    LostDoubled ld = lost_and_doubled(id_counts_of(lines), count);
    long resent = summary_value(p.err(), "resent");
    EXPECT_EQ(ld.lost, 0);
    EXPECT_LE(ld.doubled, resent) << "duplicates the summary does not own up to";
    // At most one payload (about 770 events of ~130 bytes) per killed worker.
    EXPECT_LE(resent, kills * 1000L) << p.err();
    EXPECT_EQ(summary_value(p.err(), "events"), count) << p.err();
    EXPECT_EQ(summary_value(p.err(), "failed"), 0) << p.err();
    // Bytes count every delivered event once, those a dead worker delivered from the
    // batch it never published too (they were missing from the summary's bytes).
    std::map<long, size_t> length_by_id;
    for (const auto& line : lines) {
        size_t at = line.find("id=");
        if (at != std::string::npos) length_by_id[std::stol(line.substr(at + 3))] = line.size();
    }
    long distinct_bytes = 0;
    for (const auto& [id, length] : length_by_id) distinct_bytes += static_cast<long>(length);
    EXPECT_EQ(summary_value(p.err(), "bytes"), distinct_bytes) << p.err();
    std::cerr << "kills=" << kills << " received=" << lines.size() << " doubled=" << ld.doubled
              << " resent=" << resent << "\n";
}

// SIGTERM while a worker is retrying HEC (busy, or a request that never gets an
// answer): the worker missed the 3 s join deadline, was killed, and its 2,000 events
// were in no counter. Now retries and requests end within the stop grace and every
// event is counted delivered or failed.
class HecStopDuringRetries : public ::testing::TestWithParam<bool> {};

TEST_P(HecStopDuringRetries, EveryEventIsCountedAndTheRunEndsInTime) {
    const bool stall = GetParam();
    HecServer server(hec_options());
    if (stall)
        server.set_response_delay(std::chrono::minutes(10));
    else
        server.busy_for(std::chrono::minutes(10));
    std::string app = fault_ids_app("outputMode = httpevent\nhttpeventServers = " + servers_json(server.port()) +
                                    "\nhttpeventRetrySeconds = 120\nhttpeventTimeout = 120\ncount = 2000\nend = 1\n");
    RunningProcess p({binary_path(), "generate", app, "--generators", "2", "--multiprocess"});
    ASSERT_TRUE(wait_until([&] { return server.stats().requests >= 1; }, 20000));
    p.signal(SIGTERM);
    auto t0 = std::chrono::steady_clock::now();
    ASSERT_TRUE(p.wait_exit(std::chrono::seconds(20))) << p.err();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_LT(secs, 10.0) << p.err();
    EXPECT_EQ(p.exit_code(), 1) << p.err();
    EXPECT_EQ(summary_value(p.err(), "events") + summary_value(p.err(), "failed"), 2000) << p.err();
    EXPECT_EQ(p.err().find("did not stop in time"), std::string::npos) << p.err();
}

INSTANTIATE_TEST_SUITE_P(BusyAndStalled, HecStopDuringRetries, ::testing::Bool());

// A server that drops the connection after indexing (the client cannot know): the
// payload is sent again and the summary says so.
TEST(HecDroppedAnswers, ResendsAreCounted) {
    HecServer server(hec_options());
    server.inject(HecFault::close_after_index, 3);
    std::string app = fault_ids_app("outputMode = httpevent\nhttpeventServers = " + servers_json(server.port()) +
                                    "\nhttpeventMaxPayloadSize = 20000\ncount = 5000\nend = 1\n");
    ProcessResult r = run_process({binary_path(), "generate", app}, "", std::chrono::seconds(60));
    ASSERT_FALSE(r.timed_out);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> lines;
    for (const auto& e : server.events()) lines.push_back(e.event);
    LostDoubled ld = lost_and_doubled(id_counts_of(lines), 5000);
    EXPECT_EQ(ld.lost, 0);
    EXPECT_GT(ld.doubled, 0);
    EXPECT_EQ(ld.doubled, summary_value(r.err, "resent")) << r.err;
    EXPECT_NE(r.err.find("HEC attempt failed, retrying"), std::string::npos) << "the first failure is logged";
    EXPECT_TRUE(line_with_names(r.err, "HEC attempt failed", "[ids] outputMode = httpevent")) << r.err;
}

// A dead tcpout receiver: the retry warning and the final error name the stanza, and
// a stop request cuts the retries short.
TEST(TcpoutFailures, RetriesNameTheStanzaAndStopEndsThem) {
    std::string app = fault_ids_app("outputMode = tcpout\ntcpDestinationHost = 127.0.0.1\ntcpDestinationPort = " +
                                    std::to_string(closed_loopback_port()) + "\ncount = 10\nend = 1\n");
    RunningProcess p({binary_path(), "generate", app});
    ASSERT_TRUE(p.wait_for_error("retrying", std::chrono::seconds(20))) << p.err();
    p.signal(SIGTERM);
    ASSERT_TRUE(p.wait_exit(std::chrono::seconds(10))) << p.err();
    EXPECT_TRUE(line_with_names(p.err(), "retrying", "[ids] outputMode = tcpout (tcpout 127.0.0.1:")) << p.err();
    EXPECT_TRUE(line_with_names(p.err(), "giving up on 10 event(s)", "[ids] outputMode = tcpout")) << p.err();
    EXPECT_EQ(summary_value(p.err(), "failed"), 10) << p.err();
}
