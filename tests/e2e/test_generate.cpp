// End-to-end: the real binary on real SA-Eventgen samples, checked from its output.
#include <gtest/gtest.h>

#include <csignal>
#include <ctime>
#include <filesystem>
#include <regex>
#include <set>

#include "process.h"
#include "splunkd_standin.h"

namespace fs = std::filesystem;
using namespace eventgen::test;

namespace {

// A temporary copy of a fixture folder with `conf` as its eventgen.conf.
std::string make_app(const std::string& fixture, const std::string& conf) {
    std::string dir = make_temp_dir("eg-e2e");
    copy_tree(data_dir() + "/e2e/" + fixture, dir);
    write_file(dir + "/default/eventgen.conf", conf);
    return dir;
}

ProcessResult generate(const std::string& app, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {binary_path(), "generate", app};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_process(args);
}

const char* kFiveTokens = R"(
token.0.token = \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}
token.0.replacementType = timestamp
token.0.replacement = %Y-%m-%d %H:%M:%S
token.1.token = @@int1
token.1.replacementType = random
token.1.replacement = integer[0:9]
token.2.token = @@int2
token.2.replacementType = random
token.2.replacement = integer[0:9]
token.3.token = @@int3
token.3.replacementType = random
token.3.replacement = integer[0:9]
token.4.token = \d{2}:\d{2}:\d{2}
token.4.replacementType = timestamp
token.4.replacement = %H:%M:%S
)";

time_t utc_epoch(int y, int mo, int d, int h, int mi, int s) {
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return timegm(&tm);
}

}  // namespace

TEST(GenerateCli, FiveTokenSampleCountsRangesAndWindow) {
    std::string app = make_app("perf", std::string(R"([windbag-5-tokens]
outputMode = stdout
count = 1000
end = 1
earliest = -1h
latest = now
timezone = +0000
)") + kFiveTokens);
    time_t before = time(nullptr);
    ProcessResult r = generate(app);
    time_t after = time(nullptr);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto lines = lines_of(r.out);
    ASSERT_EQ(lines.size(), 1000u);
    std::regex shape(R"((\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) WINDBAG Event (\d) of 5 (\d) (\d) (\d) (\d{2}:\d{2}:\d{2}))");
    std::set<int> seen_digits;
    for (size_t i = 0; i < lines.size(); ++i) {
        std::smatch m;
        ASSERT_TRUE(std::regex_match(lines[i], m, shape)) << lines[i];
        time_t t = utc_epoch(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]), std::stoi(m[4]), std::stoi(m[5]),
                             std::stoi(m[6]));
        EXPECT_GE(t, before - 3600 - 1) << lines[i];
        EXPECT_LE(t, after + 1) << lines[i];
        // Events cycle through the sample in order.
        EXPECT_EQ(std::stoi(m[7]), static_cast<int>(i % 5) + 1);
        // The second timestamp token renders the same event time.
        EXPECT_EQ(m[11].str(), m[4].str() + ":" + m[5].str() + ":" + m[6].str());
        for (int g : {8, 9, 10}) seen_digits.insert(std::stoi(m[g]));
    }
    EXPECT_EQ(seen_digits.size(), 10u);  // integer[0:9] reaches every value
}

TEST(GenerateCli, SameSeedSameBytesDifferentSeedDifferentBytes) {
    std::string conf = std::string(R"([windbag-5-tokens]
outputMode = stdout
count = 500
end = 1
earliest = 2024-03-01T00:00:00
latest = 2024-03-01T06:00:00
)") + kFiveTokens;
    std::string app = make_app("perf", conf);
    ProcessResult a = generate(app, {"--seed", "42"});
    ProcessResult b = generate(app, {"--seed", "42"});
    ProcessResult c = generate(app, {"--seed", "43"});
    ASSERT_EQ(a.exit_code, 0) << a.err;
    EXPECT_EQ(lines_of(a.out).size(), 500u);
    EXPECT_EQ(a.out, b.out);
    EXPECT_NE(a.out, c.out);
    // A seed in the config works the same way.
    std::string seeded = make_app("perf", "[global]\nseed = 42\n" + conf);
    ProcessResult d = generate(seeded);
    EXPECT_EQ(d.out, a.out);
    for (const auto& line : lines_of(a.out)) ASSERT_EQ(line.rfind("2024-03-01 0", 0), 0u) << line;
}

TEST(GenerateCli, NowFixesTheRunsTimeSoRelativeWindowsRepeat) {
    std::string app = make_app("perf", std::string(R"([windbag-5-tokens]
outputMode = stdout
count = 2000
end = 1
earliest = -1h
latest = now
timezone = +0000
)") + kFiveTokens);
    ProcessResult a = generate(app, {"--seed", "5", "--now", "2026-01-01T12:00:00"});
    ProcessResult b = generate(app, {"--seed", "5", "--now", "2026-01-01T12:00:00"});
    ASSERT_EQ(a.exit_code, 0) << a.err;
    EXPECT_EQ(a.out, b.out);
    auto lines = lines_of(a.out);
    ASSERT_EQ(lines.size(), 2000u);
    // earliest = -1h and latest = now count from --now: 11:00:00 to 12:00:00 that day.
    for (const auto& line : lines) {
        std::string t = line.substr(0, 19);
        ASSERT_GE(t, "2026-01-01 11:00:00") << line;
        ASSERT_LE(t, "2026-01-01 12:00:00") << line;
    }
    // An epoch works too and gives the same instant.
    ProcessResult c = generate(app, {"--seed", "5", "--now", "1767268800"});
    EXPECT_EQ(c.out, a.out) << c.err;
    ProcessResult bad = generate(app, {"--now", "noon"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("--now needs a time"), std::string::npos) << bad.err;
}

TEST(GenerateCli, RealTutorialConfigWithFileMvfileIntegeridGuid) {
    std::string app = make_temp_dir("eg-e2e");
    copy_tree(EVENTGEN_SOURCE_DIR "/examples/quickstart", app);
    for (const auto& f : fs::directory_iterator(app + "/samples"))
        if (f.path().filename().string().rfind("state.", 0) == 0) fs::remove(f.path());  // left by a manual run
    ProcessResult r = generate(app, {"-s", "sample.tutorial3", "-c", "200"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto lines = lines_of(r.out);
    ASSERT_EQ(lines.size(), 200u);
    std::regex shape(
        R"re(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{6} transType=(New|Change|Delete) transID=(\d+) )re"
        R"re(transGUID=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12} userName=\w+ )re"
        R"re(city="([^"]+)" state=([A-Z]{2}) zip=(\d+) value=(\d+\.\d{3}))re");
    std::string markets = read_text(app + "/samples/markets.sample");
    for (size_t i = 0; i < lines.size(); ++i) {
        std::smatch m;
        ASSERT_TRUE(std::regex_match(lines[i], m, shape)) << lines[i];
        EXPECT_EQ(std::stoll(m[2]), 10000 + static_cast<long long>(i));  // integerid counts up
        // mvfile: zip, city and state come from the same row of markets.sample.
        std::string row = m[5].str() + "," + m[3].str() + "," + m[4].str() + ",";
        EXPECT_NE(markets.find(row), std::string::npos) << row;
        double v = std::stod(m[6]);
        EXPECT_GE(v, 0.0);
        EXPECT_LE(v, 10.0);
    }
    // The next run continues the ids where this one stopped (state file).
    ProcessResult again = generate(app, {"-s", "sample.tutorial3", "-c", "1"});
    EXPECT_NE(again.out.find("transID=10200 "), std::string::npos) << again.out;
    // ... and a run that itself started from saved state saves where it stopped.
    ProcessResult third = generate(app, {"-s", "sample.tutorial3", "-c", "1"});
    EXPECT_NE(third.out.find("transID=10201 "), std::string::npos) << third.out;
}

TEST(GenerateCli, CsvSampleKeepsPerRowMetadataInModinputStream) {
    std::string app = make_app("tutorial1", R"([sample.tutorial1]
sampletype = csv
outputMode = modinput
count = 50
end = 1
earliest = -10m
latest = now
token.0.token = \d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}.\d{3,6}
token.0.replacementType = timestamp
token.0.replacement = %m-%d-%Y %H:%M:%S.%f
)");
    time_t before = time(nullptr);
    ProcessResult r = generate(app);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ParsedStream stream = SplunkdStandin::parse_stream(r.out);
    ASSERT_TRUE(stream.well_formed) << stream.error << "\n" << r.out.substr(0, 500);
    for (const auto& e : stream.events) {
        EXPECT_EQ(e.index, "main");
        EXPECT_EQ(e.host, "csharp-mbp15.local");
        EXPECT_EQ(e.sourcetype, "splunkd");
        EXPECT_NE(e.source.find("/var/log/splunk/"), std::string::npos);
        double t = std::stod(e.time);
        EXPECT_GE(t, before - 600 - 1);
        EXPECT_LE(t, time(nullptr) + 1);
        EXPECT_EQ(e.data.find("09-15-2012"), std::string::npos);
    }
    EXPECT_EQ(stream.events.size(), 50u);
    EXPECT_TRUE(stream.closed);
}

TEST(GenerateCli, BreakerMakesMultiLineEvents) {
    std::string app = make_app("breaker", R"([breakersample]
outputMode = modinput
count = 6
end = 1
earliest = -3s
latest = now
breaker = ^\d{14}\.\d{6}
token.0.token = ^(\d{14})\.\d{6}
token.0.replacementType = timestamp
token.0.replacement = %Y%m%d%H%M%S
)");
    ProcessResult r = generate(app);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ParsedStream stream = SplunkdStandin::parse_stream(r.out);
    ASSERT_TRUE(stream.well_formed) << stream.error;
    for (const auto& e : stream.events) {
        EXPECT_EQ(std::count(e.data.begin(), e.data.end(), '\n'), 3) << e.data;  // four lines per event
        EXPECT_EQ(e.data.find("20110414"), std::string::npos) << e.data;       // timestamp replaced
    }
    EXPECT_EQ(stream.events.size(), 6u);
}

TEST(GenerateCli, BundlelinesRepeatsWholeSampleAsOneEvent) {
    std::string app = make_app("bundlelines", R"([raw]
outputMode = modinput
count = 3
end = 1
bundlelines = true
)");
    ProcessResult r = generate(app);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ParsedStream stream = SplunkdStandin::parse_stream(r.out);
    ASSERT_TRUE(stream.well_formed) << stream.error;
    for (const auto& e : stream.events) {
        EXPECT_NE(e.data.find("Event 1 of 5"), std::string::npos);
        EXPECT_NE(e.data.find("Event 5 of 5"), std::string::npos);
    }
    EXPECT_EQ(stream.events.size(), 3u);
}

TEST(GenerateCli, BackfillFillsThePastInIntervalSlices) {
    std::string app = make_app("perf", R"([windbag]
outputMode = stdout
count = 10
interval = 600
earliest = -10m
latest = now
timezone = +0000
token.0.token = \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}
token.0.replacementType = timestamp
token.0.replacement = %Y-%m-%d %H:%M:%S
)");
    time_t before = time(nullptr);
    ProcessResult r = generate(app, {"-b", "-1h", "-e", "1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto lines = lines_of(r.out);
    ASSERT_EQ(lines.size(), 60u);  // six 10-minute slices of 10 events
    std::vector<int> per_slice(6, 0);
    for (const auto& line : lines) {
        std::tm tm{};
        ASSERT_NE(strptime(line.c_str(), "%Y-%m-%d %H:%M:%S", &tm), nullptr) << line;
        time_t t = timegm(&tm);
        ASSERT_GE(t, before - 3600 - 1);
        ASSERT_LE(t, time(nullptr) + 1);
        int slice = static_cast<int>((t - (before - 3600)) / 600);
        per_slice[std::clamp(slice, 0, 5)]++;
    }
    for (int s = 0; s < 6; ++s) EXPECT_GE(per_slice[s], 8) << "slice " << s;  // each slice has its 10 (+/- edges)
}

TEST(GenerateCli, RateTablesScaleTheCount) {
    std::string app = make_app("perf", R"([windbag]
outputMode = stdout
count = 100
end = 1
hourOfDayRate = { "0": 0.5, "1": 0.5, "2": 0.5, "3": 0.5, "4": 0.5, "5": 0.5, "6": 0.5, "7": 0.5, "8": 0.5, "9": 0.5, "10": 0.5, "11": 0.5, "12": 0.5, "13": 0.5, "14": 0.5, "15": 0.5, "16": 0.5, "17": 0.5, "18": 0.5, "19": 0.5, "20": 0.5, "21": 0.5, "22": 0.5, "23": 0.5 }
dayOfWeekRate = { "0": 0.4, "1": 0.4, "2": 0.4, "3": 0.4, "4": 0.4, "5": 0.4, "6": 0.4 }
)");
    ProcessResult r = generate(app);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(lines_of(r.out).size(), 20u);
}

TEST(GenerateCli, PerDayVolumeHitsItsByteTarget) {
    // 0.01 GB/day over one day of hourly backfill slices = 10737418 bytes.
    std::string app = make_app("tutorial3", R"([sample.tutorial3]
outputMode = file
fileName = OUT
fileMaxBytes = 1000000000
interval = 3600
perDayVolume = 0.01
backfill = -24h
end = 1
token.0.token = transGUID=([0-9a-fA-F]+)
token.0.replacementType = random
token.0.replacement = guid
token.1.token = userName=(\w+)
token.1.replacementType = file
token.1.replacement = userName.sample
)");
    std::string out = app + "/out.log";
    std::string conf = read_text(app + "/default/eventgen.conf");
    conf.replace(conf.find("OUT"), 3, out);
    write_file(app + "/default/eventgen.conf", conf);
    ProcessResult r = generate(app);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    double bytes = static_cast<double>(fs::file_size(out));
    double target = 0.01 * 1024 * 1024 * 1024;
    EXPECT_NEAR(bytes / target, 1.0, 0.02) << bytes;
}

TEST(GenerateCli, FileOutputRotates) {
    std::string app = make_app("perf", R"([windbag]
outputMode = file
fileName = OUT
fileMaxBytes = 2000
fileBackupFiles = 2
count = 500
end = 1
)");
    std::string out = app + "/rot.log";
    std::string conf = read_text(app + "/default/eventgen.conf");
    conf.replace(conf.find("OUT"), 3, out);
    write_file(app + "/default/eventgen.conf", conf);
    ProcessResult r = generate(app);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::exists(out));
    EXPECT_TRUE(fs::exists(out + ".1"));
    EXPECT_TRUE(fs::exists(out + ".2"));
    EXPECT_FALSE(fs::exists(out + ".3"));
    for (const auto& f : {out, out + ".1", out + ".2"}) EXPECT_LE(fs::file_size(f), 2000u) << f;
}

TEST(GenerateCli, BadConfigurationLinesAreNamedAndOtherSamplesStillRun) {
    std::string app = make_app("perf", R"([windbag]
outputMode = stdout
count = 5
end = 1
this line is broken

[windbag-5-tokens]
outputMode = stdout
count = 5
end = 1
token.0.token = @@int1
token.0.replacementType = randomm
token.0.replacement = integer[0:9]
)");
    ProcessResult r = generate(app);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(lines_of(r.out).size(), 5u);  // windbag still ran
    std::string conf = app + "/default/eventgen.conf";
    EXPECT_NE(r.err.find(fs::path(conf).lexically_normal().string() + ":5: [windbag]"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(":12: [windbag-5-tokens] token.0.replacementType"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("randomm"), std::string::npos) << r.err;
}

TEST(GenerateCli, BadValuesGiveClearErrors) {
    struct Case {
        std::string settings, expect;
    };
    std::vector<Case> cases = {
        {"token.0.token = ([\ntoken.0.replacementType = static\ntoken.0.replacement = x\n", "token.0.token: invalid token regex"},
        {"hourOfDayRate = { \"0\": 0.5,\n", "hourOfDayRate: expected a JSON object"},
        {"count = many\n", "count: expected an integer"},
        {"earliest = yesterday-ish\n", "earliest: 'yesterday-ish' is not a time"},
        {"outputMode = carrierpigeon\n", "outputMode: output mode 'carrierpigeon'"},
        {"token.0.token = x\ntoken.0.replacementType = file\ntoken.0.replacement = nosuchfile.txt\n",
         "token.0.replacement: replacement file 'nosuchfile.txt' not found"},
        {"breaker = (unclosed\n", "breaker: invalid regex"},
    };
    for (const auto& c : cases) {
        std::string app = make_app("perf", "[windbag]\noutputMode = stdout\nend = 1\n" + c.settings);
        ProcessResult r = generate(app);
        EXPECT_EQ(r.exit_code, 1) << c.settings;
        EXPECT_NE(r.err.find("[windbag] " + c.expect), std::string::npos) << "expected '" << c.expect << "' in:\n" << r.err;
        EXPECT_EQ(r.signal, 0);
    }
}

TEST(GenerateCli, MissingConfigAndUsageErrors) {
    ProcessResult missing = run_process({binary_path(), "generate", "/nonexistent/eventgen.conf"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("/nonexistent/eventgen.conf"), std::string::npos);
    ProcessResult bad_flag = run_process({binary_path(), "generate", "x", "--bogus"});
    EXPECT_EQ(bad_flag.exit_code, 2);
    EXPECT_NE(bad_flag.err.find("--bogus"), std::string::npos);
    ProcessResult help = run_process({binary_path(), "--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("--backfill"), std::string::npos);
    ProcessResult version = run_process({binary_path(), "--version"});
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_EQ(version.out.rfind("eventgen ", 0), 0u);
}

TEST(GenerateCli, SigtermEndsAnEndlessRunWithAClosedStream) {
    std::string app = make_app("perf", R"([windbag]
outputMode = modinput
count = 5
interval = 1
end = -1
)");
    RunningProcess p({binary_path(), "generate", app});
    ASSERT_TRUE(p.wait_for_output("</event>", std::chrono::seconds(10))) << p.err();
    p.signal(SIGTERM);
    ASSERT_TRUE(p.wait_exit(std::chrono::seconds(5)));
    EXPECT_EQ(p.exit_code(), 143) << p.err();  // 128 + SIGTERM
    ParsedStream stream = SplunkdStandin::parse_stream(p.out());
    EXPECT_TRUE(stream.well_formed) << stream.error << "\n" << p.out();
    EXPECT_TRUE(stream.closed);
}

TEST(GenerateCli, ClosedStdoutIsAnErrorNotACrash) {
    std::string app = make_app("perf", R"([windbag]
outputMode = stdout
count = 100000
end = 1
)");
    // Run through a shell whose reader exits at once: writes then fail with EPIPE.
    ProcessResult r = run_process({"/bin/sh", "-c", emulator_prefix() + binary_path() + " generate " + app + " | head -c 10 >/dev/null; echo rc=${PIPESTATUS:-done}"});
    EXPECT_EQ(r.signal, 0);
    EXPECT_NE(r.err.find("cannot write to standard output"), std::string::npos) << r.err;
}
