// perdayvolume accuracy over several intervals and the file-less generators.
#include <gtest/gtest.h>

#include <regex>

#include "engine_harness.h"

using namespace eventgen;
using namespace eventgen::test;

namespace {
constexpr TimeUs kStart = 1700000000LL * 1000000;
}

TEST(PerDayVolume, HitsTheTargetWithinTwoPercentOverSeveralIntervals) {
    // Events of very different sizes: the byte target must hold whatever tokens make.
    EngineHarness h;
    h.write("mixed.sample", "short @@v\nmuch longer event text that carries a lot more bytes @@v @@v @@v\n@@v\n");
    h.write("values.txt", "a\nbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\nccc\n");
    h.run(R"([mixed.sample]
perDayVolume = 0.05
interval = 600
end = 12
randomizeEvents = true
token.0.token = @@v
token.0.replacementType = file
token.0.replacement = values.txt
)",
          kStart);
    double bytes = 0;
    for (const auto& e : h.events()) bytes += e.data.size() + 1;
    double target = 0.05 * 1024 * 1024 * 1024 * 12 * 600 / 86400;
    EXPECT_NEAR(bytes / target, 1.0, 0.02) << bytes << " of " << target;
}

TEST(Generators, WindbagCountsAndSpreadsTimes) {
    EngineHarness h;
    h.run("[windbag]\ngenerator = windbag\ncount = 10\nend = 1\nearliest = -10s\nlatest = now\ntimezone = +0000\n", kStart);
    const auto& ev = h.events();
    ASSERT_EQ(ev.size(), 10u);
    for (size_t i = 0; i < ev.size(); ++i) {
        EXPECT_NE(ev[i].data.find("WINDBAG Event " + std::to_string(i + 1) + " of 10"), std::string::npos) << ev[i].data;
        EXPECT_NEAR(ev[i].time, kStart / 1e6 - 10 + (i + 1), 0.010);
        EXPECT_EQ(ev[i].source, "windbag");
    }
}

TEST(Generators, CounterCountsUpDownAndByFractions) {
    EngineHarness h;
    h.run(R"([up]
generator = counter
start_count = 1
end_count = 5
count = 2
end = 1
count_template = {current_count} of {end_count} cycle {loop_count}/{max_loop}
[down]
generator = counter
start_count = 1
end_count = 0
count_by = -0.25
end = 1
count_template = {current_count}
)",
          kStart);
    std::vector<std::string> up, down;
    for (const auto& e : h.events()) (e.source == "counter" && e.data.find("cycle") != std::string::npos ? up : down).push_back(e.data);
    std::vector<std::string> expected_up;
    for (int cycle = 1; cycle <= 2; ++cycle)
        for (int v = 1; v <= 5; ++v) expected_up.push_back(std::to_string(v) + " of 5 cycle " + std::to_string(cycle) + "/2");
    std::sort(up.begin(), up.end());
    std::sort(expected_up.begin(), expected_up.end());
    EXPECT_EQ(up, expected_up);
    std::sort(down.begin(), down.end());
    EXPECT_EQ(down, (std::vector<std::string>{"0.0", "0.25", "0.5", "0.75", "1.0"}));
}

TEST(Generators, WeblogWritesAccessLines) {
    EngineHarness h;
    h.run("[weblog]\ngenerator = weblog\ncount = 50\nend = 1\nearliest = -1m\nlatest = now\n", kStart);
    ASSERT_EQ(h.events().size(), 50u);
    std::regex line(R"(\S+ \S+ - - \[\d{2}/\w{3}/\d{4} \d{2}:\d{2}:\d{2}:\d{6}\] "GET /product\.screen\S* HTTP 1\.1" \d{3} \d+ "[^"]*" "[^"]*" \d+)");
    for (const auto& e : h.events()) EXPECT_TRUE(std::regex_match(e.data, line)) << e.data;
}

TEST(Generators, UnknownGeneratorIsAConfigError) {
    EngineHarness h;
    try {
        h.configs("[x]\ngenerator = hologram\n");
        FAIL() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("[x] generator: unknown generator 'hologram'"), std::string::npos) << e.what();
    }
}

TEST(Autotimestamp, FindsKnownTimestampShapesWithoutTokens) {
    EngineHarness h;
    h.write("auto.log", "2014-01-04 20:00:00 first\n04/Jan/2014:20:00:01 second\nno time\n");
    h.run("[auto.log]\nautotimestamp = true\ncount = 3\nend = 1\nearliest = -1m\nlatest = now\ntimezone = +0000\n",
          kStart);
    const auto& ev = h.events();
    ASSERT_EQ(ev.size(), 3u);
    // 2023-11-14 22:13:20 UTC minus at most a minute.
    EXPECT_TRUE(std::regex_match(ev[0].data, std::regex(R"(2023-11-14 22:1[23]:\d{2} first)"))) << ev[0].data;
    EXPECT_TRUE(std::regex_match(ev[1].data, std::regex(R"(14/Nov/2023:22:1[23]:\d{2} second)"))) << ev[1].data;
    EXPECT_EQ(ev[2].data, "no time");
}
