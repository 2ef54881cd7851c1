// `| eventgen` driven the way splunkd drives a chunked custom search command, through
// the packaged app installed into a fake $SPLUNK_HOME (see splunkd_search.cpp).
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "packaged_app.h"
#include "process.h"
#include "splunkd_standin.h"

namespace fs = std::filesystem;
using namespace eventgen::test;

namespace {

const char* kWebConf = R"([web.sample]
index = web
host = web-01
sourcetype = access_combined
count = 5
earliest = -1m
latest = now
token.0.token = \d{2}/\w{3}/\d{4}:\d{2}:\d{2}:\d{2}
token.0.replacementType = timestamp
token.0.replacement = %d/%b/%Y:%H:%M:%S
)";

// Quotes, commas and an ampersand: the CSV and XML layers must carry them unchanged.
const char* kWebSample =
    "10.1.2.3 - - [01/Jan/2020:00:00:00 +0000] \"GET /cart?a=1&b=2 HTTP/1.1\" 200 512\n"
    "10.1.2.4 - - [01/Jan/2020:00:00:01 +0000] \"GET /<home>, x HTTP/1.1\" 404 0\n";

std::string make_home() {
    std::string home = make_splunk_home_with_app();
    write_file(home + "/etc/apps/app_web/default/eventgen.conf", kWebConf);
    write_file(home + "/etc/apps/app_web/samples/web.sample", kWebSample);
    write_file(home + "/etc/apps/app_db/default/eventgen.conf",
               "[db.sample]\nindex = db\nhost = db-01\nsourcetype = db:default\ncount = 3\nend = 1\n");
    write_file(home + "/etc/apps/app_db/local/eventgen.conf", "[db.sample]\nsourcetype = db:local\n");
    write_file(home + "/etc/apps/app_db/samples/db.sample", "db query ok rows=1\n");
    return home;
}

// The run's single ERROR message, or a test failure naming what came instead.
std::string only_error(const SearchRun& r) {
    auto errors = r.messages_of("ERROR");
    EXPECT_EQ(errors.size(), 1u) << "messages: " << r.messages.size() << "; stderr: " << r.err;
    return errors.empty() ? "" : errors.front();
}

void expect_clean(const SearchRun& r) {
    EXPECT_TRUE(r.completed) << r.protocol_error << "\nstderr: " << r.err;
    EXPECT_EQ(r.protocol_error, "");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(r.timed_out);
}

}  // namespace

TEST(SearchCommand, PackagedCommandsConfDeclaresAChunkedCommandThroughTheWrapper) {
    std::string home = make_home();
    SplunkdStandin splunkd(home);
    SearchRun r = splunkd.search("| eventgen stanza=web.sample");
    expect_clean(r);
    ASSERT_GE(r.argv.size(), 2u);
    EXPECT_EQ(r.argv[0], home + "/etc/apps/SA-Eventgen/linux_" EVENTGEN_TARGET_ARCH "/bin/modinput_eventgen.sh");
    EXPECT_EQ(r.argv[1], "search-command");
    EXPECT_EQ(r.cwd.find(home + "/var/run/splunk/dispatch/"), 0u);
    EXPECT_EQ(r.getinfo_type, "events");
    EXPECT_TRUE(r.generating);
}

TEST(SearchCommand, PreviewGivesTenEventsWithTheirMetadataByDefault) {
    SplunkdStandin splunkd(make_home());
    SearchRun r = splunkd.search("| eventgen stanza=web.sample | stats count by status");
    expect_clean(r);
    EXPECT_EQ(r.fields, (std::vector<std::string>{"_time", "_raw", "host", "source", "sourcetype", "index"}));
    ASSERT_EQ(r.rows.size(), 10u);
    EXPECT_TRUE(r.messages_of("ERROR").empty());
    double now = static_cast<double>(time(nullptr));
    std::set<std::string> raws;
    for (const auto& row : r.rows) {
        EXPECT_EQ(row.at("host"), "web-01");
        EXPECT_EQ(row.at("index"), "web");
        EXPECT_EQ(row.at("sourcetype"), "access_combined");
        EXPECT_EQ(row.at("source"), "web.sample");
        const std::string& raw = row.at("_raw");
        EXPECT_EQ(raw.find("01/Jan/2020"), std::string::npos) << raw;  // the timestamp token ran
        EXPECT_TRUE(raw.find("\"GET /cart?a=1&b=2 HTTP/1.1\" 200 512") != std::string::npos ||
                    raw.find("\"GET /<home>, x HTTP/1.1\" 404 0") != std::string::npos)
            << raw;
        // _time: epoch seconds with milliseconds, from the last minute to the coming intervals.
        double t = std::stod(row.at("_time"));
        EXPECT_GT(t, now - 120);
        EXPECT_LT(t, now + 600);
        raws.insert(raw.substr(0, 8));
    }
    EXPECT_EQ(raws.size(), 2u);  // both sample lines
}

TEST(SearchCommand, CountCapsTheRowsAndPagesByMaxResultRows) {
    SplunkdStandin splunkd(make_home());
    SearchRun three = splunkd.search("| eventgen stanza=web.sample count=3");
    expect_clean(three);
    EXPECT_EQ(three.rows.size(), 3u);

    SearchOptions small;
    small.maxresultrows = 4;
    SearchRun paged = splunkd.search("| eventgen stanza=web.sample count=10", small);
    expect_clean(paged);
    EXPECT_EQ(paged.rows.size(), 10u);
    EXPECT_EQ(paged.rows_per_chunk, (std::vector<size_t>{4, 4, 2}));
    EXPECT_EQ(paged.execute_chunks, 3u);
}

TEST(SearchCommand, AppChoosesTheConfigurationAndLocalBeatsDefault) {
    SplunkdStandin splunkd(make_home());
    SearchRun db = splunkd.search("| eventgen stanza=db.sample app=app_db count=5");
    expect_clean(db);
    // end = 1 and count = 3 per interval: the preview runs on past `end` to give five.
    ASSERT_EQ(db.rows.size(), 5u);
    EXPECT_EQ(db.rows[0].at("sourcetype"), "db:local");
    EXPECT_EQ(db.rows[0].at("_raw"), "db query ok rows=1");
    EXPECT_LT(std::stod(db.rows[0].at("_time")), std::stod(db.rows[4].at("_time")));  // a later interval

    SearchRun wrong_app = splunkd.search("| eventgen stanza=db.sample app=app_web");
    expect_clean(wrong_app);
    EXPECT_TRUE(wrong_app.rows.empty());
    EXPECT_NE(only_error(wrong_app).find("no sample matches stanza=db.sample in app app_web"), std::string::npos);

    SearchRun no_app = splunkd.search("| eventgen stanza=db.sample app=nope");
    expect_clean(no_app);
    EXPECT_NE(only_error(no_app).find("there is no app 'nope'"), std::string::npos);
}

TEST(SearchCommand, BadArgumentsGiveOneClearErrorAndNoRows) {
    SplunkdStandin splunkd(make_home());
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"| eventgen", "stanza=<name> is required"},
        {"| eventgen count=5", "stanza=<name> is required"},
        {"| eventgen stanza=web.sample count=0", "count=0 is not a whole number of at least 1"},
        {"| eventgen stanza=web.sample count=ten", "count=ten is not a whole number"},
        {"| eventgen stanza=web.sample count=10001", "above this command's limit of 10000"},
        {"| eventgen stanza=web.sample seed=-1", "seed=-1 is not a whole number"},
        {"| eventgen stanza=web.sample colour=red", "unknown argument 'colour'"},
        {"| eventgen stanza=web.sample stanza=db.sample", "'stanza' is given twice"},
        {"| eventgen stanza=", "'stanza=' needs a value"},
        {"| eventgen preview stanza=web.sample", "unexpected argument 'preview'"},
        {"| eventgen check count=3", "unknown argument 'count' for check"},
        {"| eventgen stanza=nope", "no sample matches stanza=nope (stanzas: "},
        {"| eventgen stanza=web.sample earliest=yesterday-ish", "earliest"},
    };
    for (const auto& [spl, expected] : cases) {
        SCOPED_TRACE(spl);
        SearchRun r = splunkd.search(spl);
        expect_clean(r);
        EXPECT_TRUE(r.rows.empty());
        std::string error = only_error(r);
        EXPECT_NE(error.find(expected), std::string::npos) << error;
        EXPECT_EQ(r.err.find("terminate"), std::string::npos) << r.err;
    }
}

TEST(SearchCommand, QuotedArgumentsArriveWithoutTheirQuotes) {
    SplunkdStandin splunkd(make_home());
    SearchRun r = splunkd.search("| eventgen stanza=\"web.sample\" count=\"2\" earliest=\"-2h\"");
    expect_clean(r);
    EXPECT_EQ(r.rows.size(), 2u);
}

TEST(SearchCommand, SeededPreviewEqualsEventgenGenerateByteForByte) {
    std::string home = make_home();
    std::string out_file = make_temp_dir("eg-gen") + "/events.log";
    // Fixed times, so the two runs do not depend on when they start.
    write_file(home + "/etc/apps/app_seed/default/eventgen.conf", R"([seeded.sample]
outputMode = file
fileName = )" + out_file + R"(
count = 200
end = 1
earliest = 2024-03-01T00:00:00
latest = 2024-03-01T06:00:00
token.0.token = \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}
token.0.replacementType = timestamp
token.0.replacement = %Y-%m-%d %H:%M:%S
token.1.token = user=(\w+)
token.1.replacementType = random
token.1.replacement = string(8)
token.2.token = bytes=(\d+)
token.2.replacementType = random
token.2.replacement = integer[1:99999]
token.3.token = id=(\d+)
token.3.replacementType = integerid
token.3.replacement = 100
)");
    write_file(home + "/etc/apps/app_seed/samples/seeded.sample",
               "2020-01-01 00:00:00 login user=alice bytes=10 id=1\n"
               "2020-01-01 00:00:01 \"quoted\", comma user=bob bytes=20 id=2\n"
               "2020-01-01 00:00:02 logout user=carol bytes=30 id=3\n");
    SplunkdStandin splunkd(home);
    SearchRun a = splunkd.search("| eventgen stanza=seeded.sample seed=42 count=50");
    expect_clean(a);
    ASSERT_EQ(a.rows.size(), 50u);
    EXPECT_FALSE(fs::exists(out_file)) << "the preview wrote to the sample's output";
    EXPECT_FALSE(fs::exists(home + "/etc/apps/app_seed/samples/state.id%3D%28%5Cd%2B%29"));

    ProcessResult gen = run_process({binary_path(), "generate", home + "/etc/apps/app_seed", "--seed", "42"});
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    std::string generated = read_text(out_file);
    std::string previewed;
    for (const auto& row : a.rows) previewed += row.at("_raw") + "\n";
    ASSERT_GE(generated.size(), previewed.size());
    EXPECT_EQ(generated.substr(0, previewed.size()), previewed);
    EXPECT_EQ(a.rows[0].at("_raw").rfind("2024-03-01 0", 0), 0u) << a.rows[0].at("_raw");

    // Same seed, same events; another seed, others.
    SearchRun again = splunkd.search("| eventgen stanza=seeded.sample seed=42 count=50");
    SearchRun other = splunkd.search("| eventgen stanza=seeded.sample seed=43 count=50");
    ASSERT_EQ(again.rows.size(), 50u);
    ASSERT_EQ(other.rows.size(), 50u);
    EXPECT_EQ(again.rows, a.rows);
    EXPECT_NE(other.rows, a.rows);
}

TEST(SearchCommand, TimeBudgetFromCommandsConfStopsAPreviewWithAWarning) {
    std::string home = make_home();
    // Every hour rated 0: the stanza makes nothing, interval after interval.
    write_file(home + "/etc/apps/app_web/local/eventgen.conf",
               "[web.sample]\nhourOfDayRate = {" + [] {
                   std::string s;
                   for (int h = 0; h < 24; ++h) s += (h ? ", \"" : "\"") + std::to_string(h) + "\": 0";
                   return s;
               }() + "}\n");
    // An admin's local/commands.conf overrides the packaged limits.
    write_file(home + "/etc/apps/SA-Eventgen/local/commands.conf",
               "[eventgen]\ncommand.arg.3 = --time-budget=0.5\n");
    SplunkdStandin splunkd(home);
    auto t0 = std::chrono::steady_clock::now();
    SearchRun r = splunkd.search("| eventgen stanza=web.sample count=5");
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    expect_clean(r);
    EXPECT_TRUE(r.rows.empty());
    auto warnings = r.messages_of("WARN");
    ASSERT_FALSE(warnings.empty()) << r.err;
    EXPECT_NE(warnings.back().find("time budget"), std::string::npos) << warnings.back();
    EXPECT_LT(secs, 5.0);
}

TEST(SearchCommand, LimitsInCommandsConfAreChecked) {
    std::string home = make_home();
    write_file(home + "/etc/apps/SA-Eventgen/local/commands.conf", "[eventgen]\ncommand.arg.2 = --max-count=5\n");
    SplunkdStandin splunkd(home);
    SearchRun over = splunkd.search("| eventgen stanza=web.sample count=6");
    expect_clean(over);
    EXPECT_NE(only_error(over).find("above this command's limit of 5"), std::string::npos);
    SearchRun by_default = splunkd.search("| eventgen stanza=web.sample");  // 10 capped to the limit
    expect_clean(by_default);
    EXPECT_EQ(by_default.rows.size(), 5u);

    write_file(home + "/etc/apps/SA-Eventgen/local/commands.conf", "[eventgen]\ncommand.arg.2 = --max-count=lots\n");
    SearchRun bad = splunkd.search("| eventgen stanza=web.sample");
    expect_clean(bad);
    EXPECT_NE(only_error(bad).find("commands.conf: --max-count lots"), std::string::npos);
}

TEST(SearchCommand, WarningsOfTheSampleReachTheInspector) {
    std::string home = make_home();
    write_file(home + "/etc/apps/app_web/local/eventgen.conf", "[web.sample]\ncuont = 3\n");
    SplunkdStandin splunkd(home);
    SearchRun r = splunkd.search("| eventgen stanza=web.sample count=2");
    expect_clean(r);
    EXPECT_EQ(r.rows.size(), 2u);
    bool found = false;
    for (const auto& w : r.messages_of("WARN")) found = found || w.find("cuont") != std::string::npos;
    EXPECT_TRUE(found) << r.err;
}

TEST(SearchCommand, CheckGivesOneOkRowForACleanConfiguration) {
    SplunkdStandin splunkd(make_home());
    SearchRun r = splunkd.search("| eventgen check app=app_web");
    expect_clean(r);
    ASSERT_EQ(r.rows.size(), 1u) << (r.rows.empty() ? "" : r.rows[0].at("message"));
    EXPECT_EQ(r.fields,
              (std::vector<std::string>{"severity", "code", "file", "line", "stanza", "key", "message", "suggestion"}));
    EXPECT_EQ(r.rows[0].at("severity"), "ok");
}

TEST(SearchCommand, CheckListsEachFindingWithItsPlace) {
    std::string home = make_home();
    write_file(home + "/etc/apps/app_web/local/eventgen.conf", "[web.sample]\ncount = many\noutputMdoe = file\n");
    SplunkdStandin splunkd(home);
    SearchRun r = splunkd.search("| eventgen check app=app_web");
    expect_clean(r);
    ASSERT_GE(r.rows.size(), 1u);
    bool bad_count = false;
    for (const auto& row : r.rows) {
        EXPECT_TRUE(row.at("severity") == "error" || row.at("severity") == "warning") << row.at("severity");
        if (row.at("key") == "count") {
            bad_count = true;
            EXPECT_EQ(row.at("severity"), "error");
            EXPECT_EQ(row.at("file"), home + "/etc/apps/app_web/local/eventgen.conf");
            EXPECT_EQ(row.at("line"), "2");
            EXPECT_EQ(row.at("stanza"), "web.sample");
        }
    }
    EXPECT_TRUE(bad_count);
    // Every app when app= is not given: app_web's findings are among them.
    SearchRun all = splunkd.search("| eventgen check");
    expect_clean(all);
    size_t web_rows = 0;
    for (const auto& row : all.rows) web_rows += row.at("file").find("/app_web/") != std::string::npos;
    EXPECT_EQ(web_rows, r.rows.size());
}

TEST(SearchCommand, BrokenProtocolFromSplunkdEndsTheCommandWithoutAHang) {
    std::string home = make_home();
    SplunkdStandin splunkd(home);
    std::string exe = home + "/etc/apps/SA-Eventgen/linux_" EVENTGEN_TARGET_ARCH "/bin/modinput_eventgen.sh";
    for (const std::string& input : {std::string("hello\n"), std::string("chunked 1.0,5,0\n{\"ac"),
                                     std::string("chunked 1.0,2,0\n[]"), std::string("")}) {
        ProcessResult p = run_process({exe, "search-command"}, input, std::chrono::seconds(10),
                                      {{"SPLUNK_HOME", home}, {"LD_LIBRARY_PATH", splunkd.hostile_library_path()}});
        EXPECT_FALSE(p.timed_out);
        EXPECT_EQ(p.exit_code, 1) << input;
        EXPECT_NE(p.err.find("search command protocol"), std::string::npos) << p.err;
    }
}

TEST(SearchCommand, ReplayPreviewNeedsNoRealTimeAndLoopsPastOnePass) {
    std::string home = make_home();
    write_file(home + "/etc/apps/app_replay/default/eventgen.conf", R"([replay.sample]
mode = replay
sourcetype = replayed
token.0.token = \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}
token.0.replacementType = replaytimestamp
token.0.replacement = %Y-%m-%d %H:%M:%S
)");
    // Five minutes between events: a real-time replay would take a quarter of an hour.
    write_file(home + "/etc/apps/app_replay/samples/replay.sample",
               "2020-01-01 00:00:00 first\n2020-01-01 00:05:00 second\n2020-01-01 00:10:00 third\n");
    SplunkdStandin splunkd(home);
    auto t0 = std::chrono::steady_clock::now();
    SearchRun r = splunkd.search("| eventgen stanza=replay.sample count=7");
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    expect_clean(r);
    EXPECT_LT(secs, 10.0);
    ASSERT_EQ(r.rows.size(), 7u);
    const char* words[] = {"first", "second", "third"};
    for (size_t i = 0; i < r.rows.size(); ++i) {
        const std::string& raw = r.rows[i].at("_raw");
        EXPECT_NE(raw.find(words[i % 3]), std::string::npos) << raw;
        EXPECT_EQ(raw.find("2020-01-01"), std::string::npos) << raw;
        EXPECT_EQ(r.rows[i].at("sourcetype"), "replayed");
        if (i == 0) continue;
        // Five minutes apart within a pass; the next pass starts an interval (60 s) later.
        double gap = std::stod(r.rows[i].at("_time")) - std::stod(r.rows[i - 1].at("_time"));
        EXPECT_NEAR(gap, i % 3 == 0 ? 60 : 300, 0.01) << i;
    }
}

TEST(SearchCommand, PreviewNeitherReadsNorWritesIntegeridState) {
    std::string home = make_home();
    write_file(home + "/etc/apps/app_ids/default/eventgen.conf", R"([ids.sample]
count = 4
token.0.token = id=(\d+)
token.0.replacementType = integerid
token.0.replacement = 100
)");
    write_file(home + "/etc/apps/app_ids/samples/ids.sample", "txn id=1\n");
    // What a modular input run left behind: the next id would be 5000.
    std::string state = home + "/etc/apps/app_ids/samples/state." + "id%3D%28%5Cd%2B%29";
    write_file(state, "5000");
    SplunkdStandin splunkd(home);
    SearchRun r = splunkd.search("| eventgen stanza=ids.sample count=4");
    expect_clean(r);
    ASSERT_EQ(r.rows.size(), 4u);
    for (const auto& row : r.rows) {
        int id = std::stoi(row.at("_raw").substr(row.at("_raw").find("id=") + 3));
        EXPECT_GE(id, 100);
        EXPECT_LT(id, 200) << "the preview started from the saved state";
    }
    EXPECT_EQ(read_text(state), "5000");
    // The modular input's own state lives in its checkpoint folder: untouched too.
    EXPECT_FALSE(fs::exists(home + "/var/lib/splunk/modinputs/modinput_eventgen"));
}

TEST(SearchCommand, JinjaStanzaPreviewsWithTheTemplatesFields) {
    std::string home = make_home();
    write_file(home + "/etc/apps/app_jinja/default/eventgen.conf", R"([composed]
generator = jinja
jinja_target_template = users.template
jinja_variables = {"users": ["ann", "bo", "cy"]}
host = stanza-host
sourcetype = stanza-st
count = 1
end = 1
)");
    write_file(home + "/etc/apps/app_jinja/samples/templates/users.template",
               "{% for u in users %}{\"_time\": {{ loop.index }}, \"_raw\": \"user={{ u }}\", \"host\": \"h-{{ u }}\"}\n"
               "{% endfor %}");
    SplunkdStandin splunkd(home);
    SearchRun r = splunkd.search("| eventgen stanza=composed app=app_jinja count=4");
    expect_clean(r);
    ASSERT_EQ(r.rows.size(), 4u) << (r.messages.empty() ? "" : r.messages.front().text);
    EXPECT_EQ(r.rows[0].at("_raw"), "user=ann");
    EXPECT_EQ(r.rows[0].at("host"), "h-ann");
    EXPECT_EQ(r.rows[0].at("sourcetype"), "stanza-st");
    EXPECT_EQ(r.rows[0].at("_time"), "1.000");
    EXPECT_EQ(r.rows[2].at("_raw"), "user=cy");
    EXPECT_EQ(r.rows[3].at("_raw"), "user=ann");  // the next render (past end = 1)
}
