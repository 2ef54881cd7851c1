// outputMode = s2s against the test receiver (tests/s2s): exactly-once delivery with
// every event's metadata across workers and indexers, acknowledgements that survive an
// indexer dying mid-stream, failover from refusing, stalling and declining indexers,
// TLS, compression, both protocol versions, and SA-Eventgen's own s2s sample config.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <map>
#include <regex>
#include <set>

#include "../s2s/s2s_receiver.h"
#include "id_events.h"
#include "process.h"

using namespace eventgen::test;
using namespace std::chrono_literals;

namespace {

std::string hosts_json(const std::vector<S2SReceiver*>& receivers) {
    std::string j = "[";
    for (size_t i = 0; i < receivers.size(); ++i)
        j += std::string(i ? ", " : "") + "\"127.0.0.1:" + std::to_string(receivers[i]->port()) + "\"";
    return j + "]";
}

std::string ids_app(const std::vector<S2SReceiver*>& receivers, const std::string& settings) {
    return make_ids_app("eg-s2s", R"(index = main
sourcetype = ids
source = ids.log
host = gen-01
outputMode = s2s
splunkHost = )" + hosts_json(receivers) + "\n" + settings);
}

// How often each id arrived, once the receivers read everything the run sent (without
// acknowledgements the run may end before the indexer has read its stream).
std::map<long, int> id_counts(const std::vector<S2SReceiver*>& receivers) {
    for (auto* r : receivers)
        EXPECT_TRUE(r->wait_for([](const S2SReceiverStats& s) { return s.open_connections == 0; }, 10s));
    std::map<long, int> counts;
    for (auto* r : receivers)
        for (const auto& e : r->events()) {
            count_id(e.raw, counts);
        }
    return counts;
}

// events= and failed= of the run's summary line.
std::pair<long, long> summary_counts(const std::string& err) {
    std::smatch m;
    static const std::regex re("summary events=(\\d+) bytes=\\d+ failed=(\\d+)");
    if (!std::regex_search(err, m, re)) return {-1, -1};
    return {std::stol(m[1]), std::stol(m[2])};
}

}  // namespace

// 200,000 events from 2 workers, each with its own connections, over 2 indexers.
class S2SExactlyOnce : public ::testing::TestWithParam<bool> {};

TEST_P(S2SExactlyOnce, EveryEventArrivesOnceWithItsMetadataAcrossWorkersAndIndexers) {
    const bool ack = GetParam();
    S2SReceiver a, b;
    const long count = 200000;
    std::string app = ids_app({&a, &b}, "count = " + std::to_string(count) +
                                            "\nend = 1\nuseOutputQueue = false\ns2sAutoLBVolume = 2000000\n"
                                            "s2sUseACK = " + (ack ? "true" : "false") + "\n");
    ProcessResult r = run_process({binary_path(), "generate", app, "--generators", "2"}, "", 120s);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(summary_counts(r.err), std::make_pair(count, 0L)) << r.err;
    expect_exactly_once(id_counts({&a, &b}), count);
    EXPECT_GT(a.event_count(), 0u);
    EXPECT_GT(b.event_count(), 0u);
    const int64_t now = std::time(nullptr);
    std::set<uint64_t> connections;
    for (auto* rec : {&a, &b})
        for (const auto& e : rec->events()) {
            ASSERT_EQ(e.host, "gen-01");
            ASSERT_EQ(e.source, "ids.log");
            ASSERT_EQ(e.sourcetype, "ids");
            ASSERT_EQ(e.index, "main");
            ASSERT_TRUE(e.has_time);
            ASSERT_LE(std::llabs(e.time - now), 600);
            ASSERT_EQ(e.version, 3);
            ASSERT_EQ(e.event_id.has_value(), ack);
            connections.insert(e.connection * 2 + (rec == &a));
        }
    // autoLB by volume: every worker moved between the indexers on fresh connections.
    EXPECT_GE(connections.size(), 4u);
    EXPECT_EQ(a.stats().malformed + b.stats().malformed, 0u);
    if (ack) {
        EXPECT_EQ(a.stats().acked + b.stats().acked, static_cast<uint64_t>(count));
    }
}

INSTANTIATE_TEST_SUITE_P(AckedAndNot, S2SExactlyOnce, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "WithAcks" : "WithoutAcks"; });

TEST(S2S, AnIndexerKilledMidStreamLosesNothingAcknowledged) {
    S2SReceiver a, b;
    std::string app = ids_app({&a, &b}, "count = 20000\ninterval = 1\nend = 3\ns2sUseACK = true\n"
                                        "s2sAutoLBVolume = 300000\n");
    RunningProcess p({binary_path(), "generate", app});
    ASSERT_TRUE(a.wait_for_events(100, 20s));
    a.kill();  // gone for good, mid-run
    ASSERT_TRUE(p.wait_exit(60s)) << p.err();
    EXPECT_EQ(p.exit_code(), 0) << p.err();
    EXPECT_EQ(summary_counts(p.err()), std::make_pair(60000L, 0L)) << p.err();
    // Everything was acknowledged by one indexer or the other. What the dying one took
    // in without acknowledging was resent, so an id may be there twice, never missing.
    auto counts = id_counts({&a, &b});
    EXPECT_EQ(static_cast<long>(counts.size()), 60000);
    long duplicates = 0;
    for (const auto& [id, n] : counts) duplicates += n - 1;
    EXPECT_LT(duplicates, 2000);
    EXPECT_GT(a.stats().acked, 0u);
    EXPECT_GT(b.event_count(), 0u);
}

TEST(S2S, WithEveryIndexerGoneTheRestCountsFailedAndNothingDeliveredIsMissing) {
    S2SReceiver a;
    std::string app = ids_app({&a}, "count = 5000\ninterval = 1\nend = 4\ns2sUseACK = true\ns2sRetrySeconds = 1\n");
    RunningProcess p({binary_path(), "generate", app});
    ASSERT_TRUE(a.wait_for_events(5000, 20s));
    a.kill();
    ASSERT_TRUE(p.wait_exit(60s)) << p.err();
    auto [delivered, failed] = summary_counts(p.err());
    EXPECT_EQ(delivered + failed, 20000) << p.err();
    EXPECT_GT(failed, 0) << p.err();
    EXPECT_GE(static_cast<long>(id_counts({&a}).size()), delivered);
    EXPECT_EQ(static_cast<long>(a.stats().acked), delivered);
    EXPECT_NE(p.err().find("giving up on"), std::string::npos) << p.err();
}

TEST(S2S, RefusingStallingAndDecliningIndexersAreFailedOver) {
    S2SReceiver refusing, stalling, declining, good;
    refusing.stop_listening();
    stalling.stall(true);
    declining.decline_capabilities(true);
    std::string app = ids_app({&refusing, &stalling, &declining, &good},
                              "count = 3000\nend = 1\ns2sUseACK = true\ns2sTimeout = 1\ns2sAutoLBVolume = 20000\n");
    ProcessResult r = run_process({binary_path(), "generate", app});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_exactly_once(id_counts({&good}), 3000);
    EXPECT_EQ(stalling.event_count() + declining.event_count(), 0u);
}

TEST(S2S, StalledAcknowledgementsAreResentElsewhere) {
    S2SReceiver mute, good;
    mute.withhold_acks(true);
    std::string app = ids_app({&mute, &good}, "count = 2000\nend = 1\ns2sUseACK = true\ns2sTimeout = 1\n"
                                              "s2sAutoLBVolume = 50000\n");
    ProcessResult r = run_process({binary_path(), "generate", app});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // The good indexer has everything; the mute one may hold copies nobody confirmed.
    expect_exactly_once(id_counts({&good}), 2000);
}

TEST(S2S, TlsIsVerifiedUnlessTurnedOff) {
    S2SReceiverOptions o;
    o.tls = true;
    S2SReceiver a(o);
    ProcessResult no_ca = run_process({binary_path(), "generate", ids_app({&a}, "s2sUseSSL = true\ncount = 10\nend = 1\n")});
    EXPECT_EQ(no_ca.exit_code, 1);
    EXPECT_NE(no_ca.err.find("cannot verify the TLS certificate of 127.0.0.1:" + std::to_string(a.port())),
              std::string::npos)
        << no_ca.err;
    ProcessResult with_ca = run_process(
        {binary_path(), "generate",
         ids_app({&a}, "s2sUseSSL = true\ns2sUseACK = true\ns2sSSLCAFile = " + a.ca_path() + "\ncount = 10\nend = 1\n")});
    EXPECT_EQ(with_ca.exit_code, 0) << with_ca.err;
    ProcessResult unverified = run_process(
        {binary_path(), "generate", ids_app({&a}, "s2sUseSSL = true\ns2sSSLVerify = false\ncount = 10\nend = 1\n")});
    EXPECT_EQ(unverified.exit_code, 0) << unverified.err;
    // Without acks the last events may still be in the receiver's socket when the
    // sender exits: wait for them.
    ASSERT_TRUE(a.wait_for([](const S2SReceiverStats& s) { return s.events >= 20 && s.open_connections == 0; }, 10s));
    EXPECT_EQ(a.event_count(), 20u);
    EXPECT_GE(a.stats().tls_connections, 2u);
}

TEST(S2S, CompressionShrinksTheStream) {
    S2SReceiver a;
    std::string app = ids_app({&a}, "count = 20000\nend = 1\ns2sCompressed = true\ns2sUseACK = true\n");
    ProcessResult r = run_process({binary_path(), "generate", app});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_exactly_once(id_counts({&a}), 20000);
    EXPECT_EQ(a.stats().compressed_connections, 1u);
    // Connection closed by now, so its stream bytes are counted.
    ASSERT_TRUE(a.wait_for([](const S2SReceiverStats& s) { return s.open_connections == 0; }, 5s));
    EXPECT_LT(a.stats().wire_bytes * 3, a.stats().stream_bytes);
}

TEST(S2S, Version2IsSaEventgensPlainCookedStream) {
    S2SReceiver a;
    ProcessResult r = run_process({binary_path(), "generate", ids_app({&a}, "s2sVersion = 2\ncount = 5000\nend = 1\n")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Version 2 has no acknowledgements: the sender may exit before the receiver has
    // read its stream (seen under load), so wait for the events themselves.
    ASSERT_TRUE(a.wait_for([](const S2SReceiverStats& s) { return s.events >= 5000 && s.open_connections == 0; }, 10s))
        << a.stats().events << " events arrived";
    expect_exactly_once(id_counts({&a}), 5000);
    EXPECT_EQ(a.stats().v2_connections, 1u);
    EXPECT_EQ(a.events()[0].version, 2);
}

TEST(S2S, PerEventMetadataFromCsvRowsAndHostTokens) {
    S2SReceiver a;
    std::string dir = make_temp_dir("eg-s2s-csv");
    write_file(dir + "/samples/rows.csv", "index,host,source,sourcetype,_raw\n"
                                          "idx_a,web-01,/var/log/a.log,st_a,first row\n"
                                          "idx_b,web-02,/var/log/b.log,st_b,second row\n");
    write_file(dir + "/samples/hosts.txt", "renamed-7\n");
    write_file(dir + "/default/eventgen.conf", "[rows.csv]\nsampletype = csv\noutputMode = s2s\nsplunkHost = 127.0.0.1:" +
                                                   std::to_string(a.port()) + "\nend = 1\n");
    ProcessResult r = run_process({binary_path(), "generate", dir});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_TRUE(a.wait_for([](const S2SReceiverStats& s) { return s.open_connections == 0 && s.connections > 0; }, 10s));
    auto events = a.events();
    ASSERT_EQ(events.size(), 2u);
    std::map<std::string, S2SReceivedEvent> by_raw;
    for (auto& e : events) by_raw[e.raw] = e;
    EXPECT_EQ(by_raw["first row"].host, "web-01");
    EXPECT_EQ(by_raw["first row"].index, "idx_a");
    EXPECT_EQ(by_raw["first row"].source, "/var/log/a.log");
    EXPECT_EQ(by_raw["first row"].sourcetype, "st_a");
    EXPECT_EQ(by_raw["second row"].host, "web-02");
    EXPECT_EQ(by_raw["second row"].index, "idx_b");
    EXPECT_EQ(by_raw["second row"].sourcetype, "st_b");
}

TEST(S2S, HostTokenReplacementTravelsPerEvent) {
    S2SReceiver a;
    std::string dir = make_temp_dir("eg-s2s-host");
    write_file(dir + "/samples/line", "an event\n");
    write_file(dir + "/samples/hosts.txt", "host-a\nhost-b\nhost-c\n");
    write_file(dir + "/default/eventgen.conf", "[line]\nhost = web-XX\nhost.token = XX\nhost.replacement = hosts.txt\n"
                                               "count = 300\nend = 1\noutputMode = s2s\nsplunkHost = 127.0.0.1:" +
                                                   std::to_string(a.port()) + "\n");
    ProcessResult r = run_process({binary_path(), "generate", dir});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Wait for the events themselves: the receiver may accept a later connection
    // after an earlier one closed.
    ASSERT_TRUE(a.wait_for([](const S2SReceiverStats& s) { return s.events >= 300 && s.open_connections == 0; }, 10s))
        << r.err;
    std::set<std::string> hosts;
    for (const auto& e : a.events()) hosts.insert(e.host);
    EXPECT_EQ(a.event_count(), 300u);
    EXPECT_EQ(hosts, (std::set<std::string>{"web-host-a", "web-host-b", "web-host-c"}));
}

// SA-Eventgen's own s2s example (conf-examples/perf/eventgen.conf.perfsampleweblog-s2s),
// pointed at the receiver and with a short backfill instead of three days.
TEST(S2S, SaEventgensS2SSampleConfigIsAccountedEventForEvent) {
    S2SReceiver a;
    std::string dir = make_temp_dir("eg-s2s-weblog");
    copy_tree(data_dir() + "/e2e/weblog_s2s", dir);
    write_file(dir + "/local/eventgen.conf", "[sample.shoppingapacheBrowse]\nsplunkPort = " + std::to_string(a.port()) +
                                                 "\nbackfill = -9s\nend = 3\n");
    ProcessResult r = run_process({binary_path(), "generate", dir}, "", 60s);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto [delivered, failed] = summary_counts(r.err);
    // count = 2000 per interval scaled by the config's hourOfDayRate (0.10 from 01:00 to
    // 04:00), dayOfWeekRate (0.55 on Saturdays) and randomizeCount (-33%): about 70 per
    // interval at the quietest hour of the week, about 5 intervals. A bound that holds at
    // every hour: a real run, not a handful of events.
    EXPECT_GT(delivered, 200) << r.err;
    EXPECT_EQ(failed, 0);
    ASSERT_TRUE(a.wait_for([](const S2SReceiverStats& s) { return s.open_connections == 0; }, 10s));
    EXPECT_EQ(static_cast<long>(a.event_count()), delivered);
    for (const auto& e : a.events()) {
        ASSERT_EQ(e.host, "log.buttercupgames.com");
        ASSERT_EQ(e.source, "/opt/access_combined.log");
        ASSERT_EQ(e.sourcetype, "access_combined");
        ASSERT_EQ(e.index, "main");
        ASSERT_EQ(e.raw.find("XXXXXXXXXX"), std::string::npos);
    }
}

// A certificate for another name (issue 18 item 12): the error said only "certificate
// verify failed"; now it says host name mismatch and names the certificate's names.
TEST(S2S, AHostNameMismatchIsNamedWithTheCertificatesNames) {
    S2SReceiverOptions o;
    o.tls = true;
    o.tls_names = "DNS:indexer7.example.com,DNS:idx.example.com";
    S2SReceiver a(o);
    ProcessResult r = run_process(
        {binary_path(), "generate",
         ids_app({&a}, "s2sUseSSL = true\ns2sSSLCAFile = " + a.ca_path() + "\ncount = 10\nend = 1\n")});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("TLS host name mismatch: the certificate of 127.0.0.1:" + std::to_string(a.port()) +
                         " is for DNS:indexer7.example.com, DNS:idx.example.com, not '127.0.0.1'"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(a.event_count(), 0u);
}
