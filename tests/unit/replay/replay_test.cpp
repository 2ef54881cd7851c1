// Replay mode on a manual clock: spacing, timeMultiple, passes, backfill, forever,
// CSV time fields, time zones and unreadable timestamps.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "engine_harness.h"

using namespace eventgen;
using namespace eventgen::test;

namespace {

constexpr TimeUs kStart = 1700000000LL * 1000000;  // 2023-11-14 22:13:20 UTC

const char* kTokens = R"(
token.0.token = \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}
token.0.replacementType = replaytimestamp
token.0.replacement = %Y-%m-%d %H:%M:%S
)";

int event_number(const std::string& data) {
    std::smatch m;
    std::regex re(R"(Event (\d+) of)");
    return std::regex_search(data, m, re) ? std::stoi(m[1]) : -1;
}

}  // namespace

TEST(Replay, GapsFollowTheSampleTimesTimeMultiple) {
    for (double multiple : {1.0, 2.0, 0.5}) {
        EngineHarness h;
        h.write("replay.log", kReplaySample);
        h.run("[replay.log]\nmode = replay\ntimezone = +0000\ninterval = 0\ntimeMultiple = " + std::to_string(multiple) + "\n" +
                  kTokens,
              kStart);
        const auto& ev = h.events();
        ASSERT_EQ(ev.size(), 12u) << "multiple " << multiple;  // end defaults to one pass, last event included
        for (size_t i = 0; i < ev.size(); ++i) {
            EXPECT_EQ(event_number(ev[i].data), static_cast<int>(i) + 1);
            double expected = kStart / 1e6 + kReplayOffsets[i] * multiple;
            EXPECT_NEAR(ev[i].time, expected, 0.010) << "event " << i + 1 << " multiple " << multiple;
            // The text carries the event's new time, not the original one.
            time_t secs = static_cast<time_t>(std::floor(ev[i].time));
            char buf[32];
            strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", gmtime(&secs));
            EXPECT_EQ(ev[i].data.substr(0, 19), buf);
        }
    }
}

TEST(Replay, PassesAreSeparatedByTheInterval) {
    EngineHarness h;
    h.write("replay.log", kReplaySample);
    h.run(std::string("[replay.log]\nmode = replay\ntimezone = +0000\ninterval = 5\nend = 3\n") + kTokens, kStart);
    const auto& ev = h.events();
    ASSERT_EQ(ev.size(), 36u);
    for (size_t i = 0; i < ev.size(); ++i) {
        size_t pass = i / 12, k = i % 12;
        double expected = kStart / 1e6 + pass * (21 + 5) + kReplayOffsets[k];
        EXPECT_NEAR(ev[i].time, expected, 0.010) << i;
    }
}

TEST(Replay, BackfillReplaysThePastExactlyThenContinues) {
    EngineHarness h;
    h.write("replay.log", kReplaySample);
    h.run(std::string("[replay.log]\nmode = replay\ntimezone = +0000\ninterval = 3\nbackfill = -120s\nend = 2\n") + kTokens,
          kStart);
    // Passes repeat every 21 + 3 s, the last backfilled one ending at the start:
    // count the events whose times fall in the backfill window (both ends included).
    size_t expected_backfill = 0;
    std::vector<double> expected_times;
    for (int pass = -10; pass < 0; ++pass)
        for (int off : kReplayOffsets) {
            double t = (pass + 1) * 24.0 - 21 + off;
            if (t >= -120 && t <= 0) {
                ++expected_backfill;
                expected_times.push_back(kStart / 1e6 + t);
            }
        }
    for (int pass = 0; pass < 2; ++pass)
        for (int off : kReplayOffsets) expected_times.push_back(kStart / 1e6 + pass * 24.0 + off);
    const auto& ev = h.events();
    ASSERT_EQ(ev.size(), expected_backfill + 24);
    EXPECT_EQ(expected_backfill, 62u);
    for (size_t i = 0; i < ev.size(); ++i) EXPECT_NEAR(ev[i].time, expected_times[i], 0.010) << i;
}

TEST(Replay, BackfillEndsWithTheSamplesLastEventsAtTheStart) {
    // The sample's last two events share its last second: both are backfilled, at the
    // start time, whatever the interval between passes.
    for (const char* interval : {"0", "60"}) {
        EngineHarness h;
        h.write("replay.log", kReplaySample);
        h.run(std::string("[replay.log]\nmode = replay\ntimezone = +0000\nbackfill = -5s\nend = 1\ninterval = ") +
                  interval + "\n" + kTokens,
              kStart);
        const auto& ev = h.events();
        ASSERT_EQ(ev.size(), 3u + 12u) << "interval " << interval;
        EXPECT_EQ(event_number(ev[0].data), 10);
        EXPECT_NEAR(ev[0].time, kStart / 1e6 - 1, 0.010);
        EXPECT_EQ(event_number(ev[1].data), 11);
        EXPECT_NEAR(ev[1].time, kStart / 1e6, 0.010);
        EXPECT_EQ(event_number(ev[2].data), 12);
        EXPECT_NEAR(ev[2].time, kStart / 1e6, 0.010);
        // Then the real-time pass, from the sample's first event at the start.
        EXPECT_EQ(event_number(ev[3].data), 1);
        EXPECT_NEAR(ev[3].time, kStart / 1e6, 0.010);
    }
}

TEST(Replay, ForeverModeKeepsRunning) {
    EngineHarness h;
    h.write("replay.log", kReplaySample);
    RunResult r = h.run(std::string("[replay.log]\nmode = replay\ntimezone = +0000\ninterval = 1\nend = -1\n") + kTokens,
                        kStart, 1, 12 * 20);
    EXPECT_EQ(r.exit_code, 0);
    const auto& ev = h.events();
    ASSERT_GE(ev.size(), 12u * 20);
    for (size_t i = 1; i < ev.size(); ++i) EXPECT_GE(ev[i].time, ev[i - 1].time);
    // Pass 19 starts 19 * 22 s after the first.
    EXPECT_NEAR(ev[12 * 19].time, kStart / 1e6 + 19 * 22, 0.010);
}

TEST(Replay, CsvTimeFieldAndNewestFirstExports) {
    EngineHarness h;
    h.write("export.csv",
            "_time,_raw,index,host,source,sourcetype\n"
            "2015-08-18T16:29:04.500-0700,\"third event\",web,h3,s3,st\n"
            "2015-08-18T16:28:58.000-0700,\"second event\",web,h2,s2,st\n"
            "2015-08-18T16:28:54.000-0700,\"first event\",web,h1,s1,st\n");
    h.run(R"([export.csv]
mode = replay
sampletype = csv
timeField = _time
interval = 0
token.0.token = \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}
token.0.replacementType = timestamp
token.0.replacement = %Y-%m-%dT%H:%M:%S
)",
          kStart);
    const auto& ev = h.events();
    ASSERT_EQ(ev.size(), 3u);
    EXPECT_EQ(ev[0].data, "first event");
    EXPECT_EQ(ev[1].data, "second event");
    EXPECT_EQ(ev[2].data, "third event");
    EXPECT_EQ(ev[0].host, "h1");
    EXPECT_EQ(ev[2].index, "web");
    EXPECT_NEAR(ev[1].time - ev[0].time, 4.0, 0.010);
    EXPECT_NEAR(ev[2].time - ev[1].time, 6.0, 0.010);  // whole seconds: the token reads no fraction
}

TEST(Replay, TimeZoneShapesTheTextNotTheEpoch) {
    EngineHarness h;
    h.write("replay.log", kReplaySample);
    h.run(std::string("[replay.log]\nmode = replay\ntimezone = +0530\ninterval = 0\n") + kTokens, kStart);
    const auto& ev = h.events();
    ASSERT_EQ(ev.size(), 12u);
    EXPECT_NEAR(ev[0].time, kStart / 1e6, 0.010);
    // 22:13:20 UTC is 03:43:20 the next day at +05:30.
    EXPECT_EQ(ev[0].data.substr(0, 19), "2023-11-15 03:43:20");
}

TEST(Replay, UnreadableTimestampsAreSkippedOrKept) {
    const std::string sample =
        "2014-01-04 20:00:00 first\nno time here\n2014-01-04 20:00:02 third\n";
    for (const char* mode : {"skip", "keep"}) {
        EngineHarness h;
        h.write("bad.log", sample);
        h.run(std::string("[bad.log]\nmode = replay\ninterval = 0\nreplayBadTimestamps = ") + mode + "\n" + kTokens,
              kStart);
        const auto& ev = h.events();
        if (std::string(mode) == "skip") {
            ASSERT_EQ(ev.size(), 2u);
            EXPECT_NEAR(ev[1].time - ev[0].time, 2.0, 0.010);
        } else {
            ASSERT_EQ(ev.size(), 3u);
            EXPECT_EQ(ev[1].data, "no time here");
            EXPECT_NEAR(ev[1].time - ev[0].time, 0.0, 0.010);
            EXPECT_NEAR(ev[2].time - ev[0].time, 2.0, 0.010);
        }
    }
}

TEST(Replay, JsonListOfFormatsPicksEachEventsOwn) {
    EngineHarness h;
    // Without a year the syslog-style time takes the current year, as Eventgen does.
    h.write("mixed.log", "Jan 04 20:00:00:000 syslog style\n2023-01-04 20:00:01:000 iso style\n");
    h.run(R"([mixed.log]
mode = replay
interval = 0
timezone = +0000
token.0.token = ((\w+\s+\d+\s+\d{2}:\d{2}:\d{2}:\d{3})|(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}:\d{3}))
token.0.replacementType = replaytimestamp
token.0.replacement = ["%b %d %H:%M:%S:%f", "%Y-%m-%d %H:%M:%S:%f"]
)",
          kStart);
    const auto& ev = h.events();
    ASSERT_EQ(ev.size(), 2u);
    EXPECT_TRUE(std::regex_match(ev[0].data, std::regex(R"(Nov 14 22:13:20:\d{6} syslog style)"))) << ev[0].data;
    EXPECT_TRUE(std::regex_match(ev[1].data, std::regex(R"(2023-11-14 22:13:21:\d{6} iso style)"))) << ev[1].data;
}
