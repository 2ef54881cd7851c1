#include "engine/run_metrics.h"

#include <gtest/gtest.h>

namespace eventgen {
namespace {

RunFigures figures(double seconds, uint64_t events, uint64_t bytes, uint64_t failed, bool final_report = false) {
    RunFigures f;
    f.final_report = final_report;
    f.seconds = seconds;
    f.workers = 2;
    f.processes = true;
    f.ring_depths = {0, 3};
    f.samples.push_back(SampleFigures{"web.sample", "app_web", events, bytes, failed, 0});
    f.samples.push_back(SampleFigures{"db sample", "app_db", 10, 100, 0, 1});
    return f;
}

TEST(RunMetrics, OneRunLineAndOneLinePerSampleWithTotalsAndDeltas) {
    MetricsReporter r(MetricsIdentity{"idx-01", "", ""});
    auto first = r.lines(figures(10, 1000, 50000, 0));
    ASSERT_EQ(first.size(), 3u);
    EXPECT_EQ(first[0],
              "metrics events=1010 bytes=50100 failed=0 resent=1 events_per_second=101.0 bytes_per_second=5010 "
              "delta_events=1010 delta_bytes=50100 delta_failed=0 delta_resent=1 delta_seconds=10.000 seconds=10.000 "
              "scope=run host=idx-01 samples=2 workers=2 worker_mode=process worker_restarts=0 ring_depth=0,3");
    EXPECT_EQ(first[1],
              "metrics events=1000 bytes=50000 failed=0 resent=0 events_per_second=100.0 bytes_per_second=5000 "
              "delta_events=1000 delta_bytes=50000 delta_failed=0 delta_resent=0 delta_seconds=10.000 "
              "scope=sample sample=web.sample app=app_web host=idx-01");
    // A name with a space is quoted, as Splunk's key="value" extraction expects.
    EXPECT_NE(first[2].find(" sample=\"db sample\" app=app_db "), std::string::npos) << first[2];

    auto second = r.lines(figures(15, 1500, 75000, 2));
    EXPECT_NE(second[1].find("metrics events=1500 bytes=75000 failed=2 resent=0 events_per_second=100.0 "
                             "bytes_per_second=5000 delta_events=500 delta_bytes=25000 delta_failed=2 delta_resent=0 "
                             "delta_seconds=5.000 "),
              std::string::npos)
        << second[1];
    EXPECT_NE(second[2].find(" delta_events=0 "), std::string::npos) << second[2];
}

TEST(RunMetrics, SummaryRatesCoverTheWholeRunAndOutputsAreListed) {
    MetricsReporter r(MetricsIdentity{"h", "run-7", "2/4"});
    r.lines(figures(10, 1000, 50000, 0));
    RunFigures f = figures(20, 1000, 50000, 0, true);
    f.outputs.push_back(OutputFigures{"modinput", 1010, 60000, 0});
    auto lines = r.lines(f);
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[1].rfind("summary events=1000 bytes=50000 failed=0 resent=0 events_per_second=50.0 "
                             "bytes_per_second=2500 delta_events=0 ",
                             0),
              0u)
        << lines[1];
    EXPECT_NE(lines[1].find(" host=h run_id=run-7 shard=2/4"), std::string::npos) << lines[1];
    EXPECT_EQ(lines[3], "summary scope=output output=modinput events=1010 written_bytes=60000 failed=0 host=h "
                        "run_id=run-7 shard=2/4");
}

TEST(RunMetrics, ValuesAreQuotedOnlyWhenNeeded) {
    EXPECT_EQ(metrics_value("web.sample"), "web.sample");
    EXPECT_EQ(metrics_value(""), "\"\"");
    EXPECT_EQ(metrics_value("a \"b\"\\c"), "\"a \\\"b\\\"\\\\c\"");
    EXPECT_EQ(metrics_value("x=y"), "\"x=y\"");
}

}  // namespace
}  // namespace eventgen
