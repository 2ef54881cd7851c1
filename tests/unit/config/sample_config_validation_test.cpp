// Bad sample settings: each error names file, line, stanza and key.
#include <gtest/gtest.h>

#include <string>

#include "config_test_util.h"

namespace eventgen {
namespace {

using config_test::config_error_with;
using config_test::config_with;
using config_test::kConf;

// The message prefix for a key written on line 2 of stanza [s.log].
std::string at(const std::string& key) { return std::string(kConf) + ":2: [s.log] " + key + ": "; }

TEST(SampleConfigRates, TablesParse) {
    SampleConfig c = config_with({{"hourOfDayRate", "{ \"0\": 0.5, \"23\": 2, \"12\": \"1.5\" }"},
                                  {"dayOfWeekRate", "{\"0\": 0.1, \"6\": 0}"},
                                  {"minuteOfHourRate", "{\"59\": 3}"},
                                  {"dayOfMonthRate", "{\"1\": 0.2, \"31\": 0.3}"},
                                  {"monthOfYearRate", "{\"12\": 4}"}});
    EXPECT_DOUBLE_EQ(c.hour_of_day.at(0), 0.5);
    EXPECT_DOUBLE_EQ(c.hour_of_day.at(23), 2);
    EXPECT_DOUBLE_EQ(c.hour_of_day.at(12), 1.5);  // numbers written as strings are accepted
    EXPECT_DOUBLE_EQ(c.hour_of_day.at(5), 1.0);   // unset hours keep the full count
    EXPECT_DOUBLE_EQ(c.day_of_week.at(6), 0);
    EXPECT_DOUBLE_EQ(c.minute_of_hour.at(59), 3);
    EXPECT_DOUBLE_EQ(c.day_of_month.at(31), 0.3);
    EXPECT_DOUBLE_EQ(c.month_of_year.at(12), 4);
    EXPECT_TRUE(config_with({{"hourOfDayRate", " "}}).hour_of_day.empty());
    EXPECT_TRUE(config_with({{"hourOfDayRate", "{}"}}).hour_of_day.empty());
}

// count = 9223372036854775807 once gave 0 events silently; -5 and interval = -1 were
// taken. Each is refused with the line that set it.
TEST(SampleConfigRanges, CountIntervalAndBackupsAreBounded) {
    EXPECT_EQ(config_error_with({{"count", "9223372036854775807"}}),
              at("count") + "must be -1 (the whole sample) or between 0 and 1000000000000");
    EXPECT_EQ(config_error_with({{"count", "-5"}}),
              at("count") + "must be -1 (the whole sample) or between 0 and 1000000000000");
    EXPECT_EQ(config_error_with({{"interval", "-1"}}), at("interval") + "must not be negative");
    EXPECT_EQ(config_error_with({{"fileBackupFiles", "9223372036854775807"}, {"outputMode", "file"}}),
              at("fileBackupFiles") + "must be between 0 and 100000");
    EXPECT_EQ(config_with({{"count", "-1"}}).count, -1);
    EXPECT_EQ(config_with({{"count", "1000000000000"}}).count, 1000000000000);
    EXPECT_EQ(config_with({{"interval", "0"}}).interval, 0);
}

TEST(SampleConfigRates, BadJson) {
    for (const char* v : {"{ \"0\": 0.5, }", "0.5", "[1, 2]", "{\"0\": 1"}) {
        EXPECT_EQ(config_error_with({{"hourOfDayRate", v}}),
                  at("hourOfDayRate") + "expected a JSON object such as { \"0\": 0.5, \"1\": 1.0 } but found '" + v +
                      "'")
            << v;
    }
}

TEST(SampleConfigRates, KeysOutOfRange) {
    EXPECT_EQ(config_error_with({{"hourOfDayRate", "{\"24\": 1}"}}),
              at("hourOfDayRate") + "key '24' must be a number from 0 to 23");
    EXPECT_EQ(config_error_with({{"hourOfDayRate", "{\"-1\": 1}"}}),
              at("hourOfDayRate") + "key '-1' must be a number from 0 to 23");
    EXPECT_EQ(config_error_with({{"dayOfWeekRate", "{\"7\": 1}"}}),
              at("dayOfWeekRate") + "key '7' must be a number from 0 to 6");
    EXPECT_EQ(config_error_with({{"minuteOfHourRate", "{\"60\": 1}"}}),
              at("minuteOfHourRate") + "key '60' must be a number from 0 to 59");
    EXPECT_EQ(config_error_with({{"dayOfMonthRate", "{\"32\": 1}"}}),
              at("dayOfMonthRate") + "key '32' must be a number from 0 to 31");
    EXPECT_EQ(config_error_with({{"monthOfYearRate", "{\"13\": 1}"}}),
              at("monthOfYearRate") + "key '13' must be a number from 0 to 12");
    EXPECT_EQ(config_error_with({{"hourOfDayRate", "{\"noon\": 1}"}}),
              at("hourOfDayRate") + "key 'noon' must be a number from 0 to 23");
}

TEST(SampleConfigRates, BadFactors) {
    EXPECT_EQ(config_error_with({{"hourOfDayRate", "{\"1\": \"lots\"}"}}),
              at("hourOfDayRate") + "value for '1' must be a number");
    EXPECT_EQ(config_error_with({{"hourOfDayRate", "{\"1\": null}"}}),
              at("hourOfDayRate") + "value for '1' must be a number");
    EXPECT_EQ(config_error_with({{"hourOfDayRate", "{\"1\": -0.5}"}}),
              at("hourOfDayRate") + "value for '1' must not be negative");
}

TEST(SampleConfigEnd, CountsForeverAndTimes) {
    using Kind = EndCondition::Kind;
    EXPECT_EQ(config_with({{"end", ""}}).end.kind, Kind::Forever);
    EXPECT_EQ(config_with({{"end", "-1"}}).end.kind, Kind::Forever);
    SampleConfig zero = config_with({{"end", "0"}});
    EXPECT_EQ(zero.end.kind, Kind::Executions);
    EXPECT_EQ(zero.end.executions, 0);
    SampleConfig three = config_with({{"end", " 3 "}});
    EXPECT_EQ(three.end.kind, Kind::Executions);
    EXPECT_EQ(three.end.executions, 3);
    for (const char* t : {"2030-01-02T03:04:05", "2030-01-02 03:04:05", "2030-01-02", "+1h", "now"}) {
        SampleConfig c = config_with({{"end", t}});
        EXPECT_EQ(c.end.kind, Kind::AtTime) << t;
        EXPECT_EQ(c.end.time_spec, t);
    }
}

TEST(SampleConfigEnd, NotACountNorATime) {
    EXPECT_EQ(config_error_with({{"end", "tomorrow"}}),
              at("end") + "'tomorrow' is not a time: use now, a relative time such as -15m or -1h@h, an epoch time, "
                          "or YYYY-MM-DDTHH:MM:SS");
}

TEST(SampleConfigTimes, EarliestLatestAndBackfill) {
    for (const char* t : {"now", "-15m", "-1h@h", "@d", "-1d@d+8h", "1700000000", "2024-01-01T00:00:00"}) {
        EXPECT_EQ(config_with({{"earliest", t}}).earliest, t);
        EXPECT_EQ(config_with({{"latest", t}}).latest, t);
        EXPECT_EQ(config_with({{"backfill", t}}).backfill, t);
    }
    EXPECT_EQ(config_with({{"earliest", " -5m "}}).earliest, "-5m");
}

TEST(SampleConfigTimes, BadTimesNameTheirKey) {
    for (const char* key : {"earliest", "latest", "backfill"}) {
        std::string msg = config_error_with({{key, "15 minutes ago"}});
        EXPECT_EQ(msg.rfind(at(key) + "'15 minutes ago' is not a time", 0), 0u) << msg;
    }
}

TEST(SampleConfigNumbers, BadValues) {
    EXPECT_EQ(config_error_with({{"interval", "soon"}}), at("interval") + "expected a number but found 'soon'");
    EXPECT_EQ(config_error_with({{"count", "many"}}), at("count") + "expected an integer but found 'many'");
    EXPECT_EQ(config_error_with({{"count", "2.5"}}), at("count") + "expected an integer but found '2.5'");
    EXPECT_EQ(config_error_with({{"delay", "-1"}}), at("delay") + "must not be negative");
    EXPECT_EQ(config_error_with({{"randomizeCount", "-0.1"}}), at("randomizeCount") + "must not be negative");
    EXPECT_EQ(config_error_with({{"timeMultiple", "0"}}), at("timeMultiple") + "must be greater than 0");
    EXPECT_EQ(config_error_with({{"perDayVolume", "-2"}}), at("perDayVolume") + "must not be negative");
    EXPECT_EQ(config_error_with({{"perDayVolume", "big"}}), at("perDayVolume") + "expected a number but found 'big'");
    EXPECT_EQ(config_error_with({{"fileMaxBytes", "0"}, {"outputMode", "file"}}), at("fileMaxBytes") + "must be greater than 0");
    EXPECT_EQ(config_error_with({{"fileBackupFiles", "-1"}, {"outputMode", "file"}}), at("fileBackupFiles") + "must be between 0 and 100000");
    EXPECT_EQ(config_error_with({{"generatorWorkers", "0"}}), at("generatorWorkers") + "must be at least 1");
    EXPECT_EQ(config_error_with({{"seed", "abc"}}), at("seed") + "expected an integer but found 'abc'");
    EXPECT_EQ(config_error_with({{"splitSample", "x"}}), at("splitSample") + "expected an integer but found 'x'");
}

TEST(SampleConfigNumbers, NonFiniteNumbersAreRefused) {
    EXPECT_EQ(config_error_with({{"interval", "inf"}}), at("interval") + "expected a number but found 'inf'");
    EXPECT_EQ(config_error_with({{"timeMultiple", "nan"}}), at("timeMultiple") + "expected a number but found 'nan'");
    EXPECT_EQ(config_error_with({{"count", "1e30"}}), at("count") + "expected an integer but found '1e30'");
}

TEST(SampleConfigBooleans, BadValues) {
    for (const char* key : {"bundlelines", "randomizeEvents", "sequentialTimestamp", "useOutputQueue"})
        EXPECT_EQ(config_error_with({{key, "sometimes"}}), at(key) + "expected true or false but found 'sometimes'");
}

TEST(SampleConfigChoices, BadValues) {
    EXPECT_EQ(config_error_with({{"sampletype", "json"}}), at("sampletype") + "'json' is not one of: raw, csv");
    EXPECT_EQ(config_error_with({{"mode", "stream"}}), at("mode") + "'stream' is not one of: sample, replay");
    EXPECT_EQ(config_error_with({{"threading", "fork"}}), at("threading") + "'fork' is not one of: thread, process");
}

TEST(SampleConfigOutput, UnknownOutputModeListsTheAvailableOnes) {
    std::string msg = config_error_with({{"outputMode", "carrier_pigeon"}});
    EXPECT_EQ(msg.rfind(at("outputMode") + "output mode 'carrier_pigeon' is not available in this build (available: "
                                           "modinput, stdout, devnull, file, spool",
                        0),
              0u)
        << msg;
    for (const char* m : {"modinput", "stdout", "devnull", "file", "spool", " STDOUT "})
        EXPECT_NO_THROW(config_with({{"outputMode", m}})) << m;
}

TEST(SampleConfigBreaker, InvalidRegexIsAnError) {
    std::string msg = config_error_with({{"breaker", "(unclosed"}});
    EXPECT_EQ(msg.rfind(at("breaker") + "invalid regex: ", 0), 0u) << msg;
}

TEST(SampleConfigBreaker, DefaultBreakerWrittenOutIsStillLineMode) {
    EXPECT_TRUE(config_with({{"breaker", "[^\\r\\n\\s]+"}}).line_mode);
}

}  // namespace
}  // namespace eventgen
