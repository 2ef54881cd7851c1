// The preview and check behind `| eventgen`, in process: the real engine on a small app.
#include "splunk/search_preview.h"

#include <gtest/gtest.h>

#include "config/eventgen_conf.h"
#include "splunk/search_check.h"
#include "../temp_dir.h"

using namespace eventgen;
using namespace eventgen::search;

namespace {

// One app folder with `conf` as default/eventgen.conf and one sample file.
EventgenConf app_conf(const eventgen::testing::TempDir& dir, const std::string& conf, const std::string& sample_name,
                      const std::string& sample) {
    std::string path = dir.write("app/default/eventgen.conf", conf);
    dir.write("app/samples/" + sample_name, sample);
    return load_eventgen_conf({ConfSource{path, "app", dir.file("app")}});
}

PreviewRequest request(const std::string& stanza, int64_t count) {
    PreviewRequest r;
    r.stanza = stanza;
    r.count = count;
    return r;
}

const char* kConf = R"([web.log]
host = h1
index = idx
sourcetype = st
source = src
count = 3
earliest = 2024-01-01T00:00:00
latest = 2024-01-01T01:00:00
outputMode = httpevent
httpeventServers = {"servers": [{"protocol": "http", "address": "127.0.0.1", "port": "9", "key": "k"}]}
token.0.token = n=(\d+)
token.0.replacementType = random
token.0.replacement = integer[0:1000000]
)";

}  // namespace

TEST(SearchPreview, RowsCarryTheEventsAndTheirMetadata) {
    eventgen::testing::TempDir dir;
    EventgenConf conf = app_conf(dir, kConf, "web.log", "GET n=1\nPOST n=2\n");
    CommandLimits limits;
    PreviewResult r = run_preview({conf}, request("web.log", 7), limits);
    ASSERT_EQ(r.rows.size(), 7u);
    for (size_t i = 0; i < r.rows.size(); ++i) {
        const PreviewRow& row = r.rows[i];
        EXPECT_EQ(row.host, "h1");
        EXPECT_EQ(row.index, "idx");
        EXPECT_EQ(row.sourcetype, "st");
        EXPECT_EQ(row.source, "src");
        // count = 3 per interval over a two-line sample: GET POST GET, GET POST GET, ...
        EXPECT_EQ(row.raw.rfind(i % 3 % 2 == 0 ? "GET n=" : "POST n=", 0), 0u) << i << ": " << row.raw;
        double t = std::stod(row.time);
        EXPECT_GE(t, 1704067200.0);  // 2024-01-01T00:00:00 local or UTC: within a day
        EXPECT_LE(t, 1704067200.0 + 86400 + 3600);
    }
    for (const auto& m : r.messages) EXPECT_NE(m.level, "ERROR") << m.text;
}

TEST(SearchPreview, SeedRepeatsAndNothingReachesTheConfiguredOutput) {
    eventgen::testing::TempDir dir;
    EventgenConf conf = app_conf(dir, kConf, "web.log", "GET n=1\nPOST n=2\n");
    CommandLimits limits;
    PreviewRequest req = request("web.log", 20);
    req.seed = 7;
    PreviewResult a = run_preview({conf}, req, limits);
    PreviewResult b = run_preview({conf}, req, limits);
    req.seed = 8;
    PreviewResult c = run_preview({conf}, req, limits);
    ASSERT_EQ(a.rows.size(), 20u);
    auto raws = [](const PreviewResult& r) {
        std::vector<std::string> out;
        for (const auto& row : r.rows) out.push_back(row.raw);
        return out;
    };
    EXPECT_EQ(raws(a), raws(b));
    EXPECT_NE(raws(a), raws(c));
    // httpevent to a closed port would have failed the run: the preview never opened it.
    for (const auto& m : a.messages) EXPECT_NE(m.level, "ERROR") << m.text;
}

TEST(SearchPreview, UnknownStanzaAndBadOverridesAreOneError) {
    eventgen::testing::TempDir dir;
    EventgenConf conf = app_conf(dir, kConf, "web.log", "GET n=1\n");
    CommandLimits limits;
    PreviewResult none = run_preview({conf}, request("nope.log", 5), limits);
    EXPECT_TRUE(none.rows.empty());
    ASSERT_FALSE(none.messages.empty());
    EXPECT_EQ(none.messages.front().level, "ERROR");
    EXPECT_NE(none.messages.front().text.find("stanzas: web.log"), std::string::npos) << none.messages.front().text;

    PreviewRequest bad = request("web.log", 5);
    bad.latest = "not-a-time";
    PreviewResult r = run_preview({conf}, bad, limits);
    EXPECT_TRUE(r.rows.empty());
    ASSERT_FALSE(r.messages.empty());
    EXPECT_EQ(r.messages.front().level, "ERROR");
    EXPECT_NE(r.messages.front().text.find("latest"), std::string::npos) << r.messages.front().text;
}

TEST(SearchPreview, TimeBudgetStopsAStanzaThatMakesNothing) {
    eventgen::testing::TempDir dir;
    std::string rates;
    for (int h = 0; h < 24; ++h) rates += (h ? ", \"" : "\"") + std::to_string(h) + "\": 0";
    EventgenConf conf =
        app_conf(dir, "[quiet.log]\ncount = 5\nhourOfDayRate = {" + rates + "}\n", "quiet.log", "x\n");
    CommandLimits limits;
    limits.time_budget = 0.2;
    auto t0 = std::chrono::steady_clock::now();
    PreviewResult r = run_preview({conf}, request("quiet.log", 5), limits);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_TRUE(r.rows.empty());
    EXPECT_LT(secs, 5.0);
    ASSERT_FALSE(r.messages.empty());
    EXPECT_EQ(r.messages.back().level, "WARN");
    EXPECT_NE(r.messages.back().text.find("time budget"), std::string::npos);
}

TEST(SearchCheck, CleanConfigurationIsOneOkRowAndProblemsAreLocated) {
    eventgen::testing::TempDir dir;
    EventgenConf clean = app_conf(dir, "[web.log]\ncount = 3\n", "web.log", "x\n");
    std::vector<InspectorMessage> messages;
    auto ok = run_check({clean}, CheckRequest{}, messages);
    ASSERT_EQ(ok.size(), 1u);
    EXPECT_EQ(ok[0][0], "ok");
    EXPECT_EQ(ok[0].size(), check_fields().size());

    eventgen::testing::TempDir dir2;
    EventgenConf bad = app_conf(dir2, "[web.log]\ncount = lots\n", "web.log", "x\n");
    messages.clear();
    auto rows = run_check({bad}, CheckRequest{}, messages);
    ASSERT_FALSE(rows.empty());
    bool located = false;
    for (const auto& row : rows) {
        ASSERT_EQ(row.size(), check_fields().size());
        if (row[5] == "count") {
            located = true;
            EXPECT_EQ(row[0], "error");
            EXPECT_EQ(row[2], dir2.file("app/default/eventgen.conf"));
            EXPECT_EQ(row[3], "2");
            EXPECT_EQ(row[4], "web.log");
        }
    }
    EXPECT_TRUE(located);
    ASSERT_FALSE(messages.empty());
    EXPECT_EQ(messages[0].level, "WARN");
}
