// End-to-end: generator = jinja on SA-Eventgen's jinja example configs and templates
// (tests/data/jinja, copied from SA-Eventgen) and on templates written here for the
// count types, includes/imports/extends, bad lines and errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <regex>

#include "process.h"
#include "splunkd_standin.h"

namespace fs = std::filesystem;
using namespace eventgen::test;

namespace {

// An app folder: `conf` as default/eventgen.conf, SA-Eventgen's templates both in
// samples/templates (our default) and default/templates (its examples' layout).
std::string make_jinja_app(const std::string& conf, const std::map<std::string, std::string>& templates = {}) {
    std::string dir = make_temp_dir("eg-jinja");
    copy_tree(data_dir() + "/jinja/templates", dir + "/samples/templates");
    copy_tree(data_dir() + "/jinja/templates", dir + "/default/templates");
    for (auto& [name, text] : templates) write_file(dir + "/samples/templates/" + name, text);
    write_file(dir + "/default/eventgen.conf", conf);
    return dir;
}

// An SA-Eventgen example config with its output switched to the modinput stream.
std::string sa_conf(const std::string& name) {
    std::string text = read_text(data_dir() + "/jinja/" + name);
    return std::regex_replace(text, std::regex("outputMode = \\w+"), "outputMode = modinput");
}

ParsedStream run_stream(const std::string& app, std::vector<std::string> extra = {}, ProcessResult* result = nullptr) {
    std::vector<std::string> args = {binary_path(), "generate", app};
    args.insert(args.end(), extra.begin(), extra.end());
    ProcessResult r = run_process(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    ParsedStream s = SplunkdStandin::parse_stream(r.out);
    EXPECT_TRUE(s.well_formed) << s.error;
    if (result) *result = r;
    return s;
}

size_t count_containing(const ParsedStream& s, const std::string& needle) {
    return static_cast<size_t>(std::count_if(s.events.begin(), s.events.end(),
                                             [&](const StreamEvent& e) { return e.data.find(needle) != std::string::npos; }));
}

TEST(JinjaGenerator, SaEventgenJinjaConfigGivesItsCounts) {
    // test_jinja: 1 cycle of 1 event; test_jinja_loop: count = 5 cycles of 1000;
    // test_jinja_timeslice: no count = 1 cycle of 1000.
    ParsedStream s = run_stream(make_jinja_app(sa_conf("eventgen.conf.jinja")));
    EXPECT_EQ(s.events.size(), 6001u);
    EXPECT_EQ(count_containing(s, "Im at: 0 out of: 1\n"), 1u);
    EXPECT_EQ(count_containing(s, "Im at: 1000 out of: 1000"), 6u);  // 5 loop cycles + 1 timeslice cycle
    for (const auto& e : s.events) {
        EXPECT_EQ(e.sourcetype, "eventgen");
        EXPECT_EQ(e.index, "main");
    }
}

TEST(JinjaGenerator, SaEventgenExamplesIncludeBlocksAndTimeExamples) {
    ParsedStream basic = run_stream(make_jinja_app(sa_conf("eventgen.conf.jinja_basic")));
    EXPECT_EQ(basic.events.size(), 10u);
    // The advanced example: 10 loop events plus the block from the included template.
    ParsedStream adv = run_stream(make_jinja_app(sa_conf("eventgen.conf.jinja_example")));
    ASSERT_EQ(adv.events.size(), 11u);
    EXPECT_EQ(adv.events.back().data, "If you see this, you successfully imported another jinja template.");
    EXPECT_EQ(adv.events[0].source, "user");
    std::regex guid("new guid is: (\\d{6})");
    std::set<std::string> guids;
    for (size_t k = 0; k < 10; ++k) {
        std::smatch m;
        ASSERT_TRUE(std::regex_search(adv.events[k].data, m, guid)) << adv.events[k].data;
        guids.insert(m[1]);
    }
    EXPECT_GT(guids.size(), 5u) << "random digits are drawn on every render";
    time_t before = time(nullptr);
    ParsedStream times = run_stream(make_jinja_app(sa_conf("eventgen.conf.jinja_time_examples")));
    time_t after = time(nullptr);
    ASSERT_EQ(times.events.size(), 26u);  // settings + 5 + 10 + 5 slices + 5 real-time slices
    double now_event = std::stod(times.events[0].time);
    EXPECT_GE(now_event, before - 1);
    EXPECT_LE(now_event, after + 1);
    EXPECT_EQ(times.events[1].time, "1456.200");
    for (size_t k = 21; k < 26; ++k) {  // slices of [eventgen_earliest_epoch, eventgen_latest_epoch]
        double t = std::stod(times.events[k].time);
        EXPECT_GE(t, before - 3 - 1) << times.events[k].data;
        EXPECT_LE(t, after + 1);
    }
}

TEST(JinjaGenerator, CountTypes) {
    std::string ten = "{% for i in range(10) %}{\"_time\": {{ eventgen_target_time_epoch }}, \"_raw\": \"c{{ eventgen_count }} e{{ i }} {{ lipsum(1, false, 3, 5) }}\"}\n{% endfor %}";
    std::string conf = R"([cycles]
generator = jinja
jinja_target_template = ten.template
count = 4
end = 1
earliest = -10m
latest = now
outputMode = modinput

[lines]
generator = jinja
jinja_target_template = ten.template
jinja_count_type = line_count
count = 25
end = 1
outputMode = modinput
)";
    time_t before = time(nullptr);
    ParsedStream s = run_stream(make_jinja_app(conf, {{"ten.template", ten}}));
    time_t after = time(nullptr);
    // cycles: 4 renders of 10; line_count: renders until 25 events, whole renders (30).
    EXPECT_EQ(s.events.size(), 70u);
    EXPECT_EQ(count_containing(s, "c3 e9"), 1u);   // cycle index 3 (cycles)
    EXPECT_EQ(count_containing(s, "c20 e0"), 1u);  // third render starts at 20 events (line_count)
    for (const auto& e : s.events) {
        if (e.data.find("c0 ") != 0 && e.data.find("c1 ") != 0 && e.data.find("c2 ") != 0 && e.data.find("c3 ") != 0) continue;
        double t = std::stod(e.time);  // eventgen_target_time_epoch lies in the interval's window
        EXPECT_GE(t, before - 600 - 1);
        EXPECT_LE(t, after + 1);
    }

    std::string vol = R"([volume]
generator = jinja
jinja_target_template = ten.template
perDayVolume = 0.0001
interval = 86400
end = 1
outputMode = modinput
)";
    ParsedStream v = run_stream(make_jinja_app(vol, {{"ten.template", ten}}));
    size_t bytes = 0;
    for (const auto& e : v.events) bytes += e.data.size();
    const double target = 0.0001 * 1024 * 1024 * 1024;  // GB per day, one interval of a day
    EXPECT_GE(static_cast<double>(bytes), target);
    EXPECT_LT(static_cast<double>(bytes), target + 10 * 80);  // at most one more render
    EXPECT_EQ(v.events.size() % 10, 0u);
}

TEST(JinjaGenerator, IncludeImportExtendsAndEventFields) {
    std::string conf = R"([composed]
generator = jinja
jinja_target_template = child.template
jinja_variables = {"users": ["ann", "bo"], "site": "eu"}
host = stanza-host
sourcetype = stanza-st
count = 1
end = 1
outputMode = modinput
)";
    std::map<std::string, std::string> t = {
        {"base.template", "{% block events %}{% endblock %}\n{% include 'footer.template' %}"},
        {"footer.template", "{\"_time\": \"100.5\", \"_raw\": \"footer {{ site }}\", \"index\": \"idx\"}"},
        {"lib.template", "{% macro ev(u, n) %}{\"_time\": {{ n }}, \"_raw\": \"user={{ u }}\", \"host\": \"h-{{ u }}\"}{% endmacro %}"},
        {"child.template", "{% extends 'base.template' %}{% import 'lib.template' as lib %}"
                           "{% block events %}{% for u in users %}{{ lib.ev(u, loop.index) }}\n{% endfor %}{% endblock %}"},
    };
    ParsedStream s = run_stream(make_jinja_app(conf, t));
    ASSERT_EQ(s.events.size(), 3u);
    EXPECT_EQ(s.events[0].data, "user=ann");
    EXPECT_EQ(s.events[0].host, "h-ann");
    EXPECT_EQ(s.events[0].sourcetype, "stanza-st");
    EXPECT_EQ(s.events[0].time, "1.000");
    EXPECT_EQ(s.events[1].data, "user=bo");
    EXPECT_EQ(s.events[2].data, "footer eu");
    EXPECT_EQ(s.events[2].host, "stanza-host");
    EXPECT_EQ(s.events[2].index, "idx");
    EXPECT_EQ(s.events[2].time, "100.500");
}

TEST(JinjaGenerator, BadLinesAreReportedOncePerTemplateLineAndCountedFailed) {
    std::string conf = R"([bad]
generator = jinja
jinja_target_template = bad.template
count = 3
end = 1
outputMode = modinput
)";
    std::string tmpl = "{% for i in range(4) %}\n{\"_time\": 1, \"_raw\": \"ok {{ i }}\"}\nnot json {{ i }}\n{% endfor %}";
    std::string app = make_jinja_app(conf, {{"bad.template", tmpl}});
    ProcessResult r = run_process({binary_path(), "generate", app});
    EXPECT_NE(r.exit_code, 0) << "failed events fail the run";
    ParsedStream s = SplunkdStandin::parse_stream(r.out);
    EXPECT_EQ(s.events.size(), 12u);
    std::regex warn("bad\\.template:3: line is not a JSON event");
    auto hits = std::distance(std::sregex_iterator(r.err.begin(), r.err.end(), warn), std::sregex_iterator());
    EXPECT_EQ(hits, 1) << r.err;
    EXPECT_NE(r.err.find("failed=12"), std::string::npos) << r.err;
}

TEST(JinjaGenerator, ConfigAndTemplateErrorsAreLocated) {
    std::string app = make_jinja_app("[s]\ngenerator = jinja\njinja_target_template = test_jinja.template\n"
                                     "jinja_variables = {\"a\": \n");
    ProcessResult r = run_process({binary_path(), "generate", app});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("eventgen.conf:4: [s] jinja_variables: is not valid JSON"), std::string::npos) << r.err;

    app = make_jinja_app("[s]\ngenerator = jinja\njinja_target_template = broken.template\n",
                         {{"broken.template", "fine\n{% for x in y %}\n  {{ x | }}\n{% endfor %}"}});
    r = run_process({binary_path(), "generate", app});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("eventgen.conf:3: [s] jinja_target_template: template error:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("broken.template:3:10:"), std::string::npos) << r.err;

    app = make_jinja_app("[s]\ngenerator = jinja\njinja_target_template = nope.template\n");
    r = run_process({binary_path(), "generate", app});
    EXPECT_NE(r.err.find("template 'nope.template' not found"), std::string::npos) << r.err;
    app = make_jinja_app("[s]\ngenerator = jinja\njinja_target_template = import_test.template\n");
    r = run_process({binary_path(), "generate", app});  // SA-Eventgen's own broken template
    EXPECT_NE(r.err.find("import_test.template:2:"), std::string::npos) << r.err;
}

TEST(JinjaGenerator, SeededRunsRepeatWithAnyWorkerCount) {
    std::string conf = R"([seeded]
generator = jinja
jinja_target_template = r.template
count = 400
end = 2
interval = 1
splitSample = 2
earliest = -1m
latest = now
outputMode = modinput
)";
    std::string tmpl = "{\"_time\": {{ eventgen_target_time_epoch }}, \"_raw\": \"{{ range(1000000)|random }} {{ ['a','b','c']|random }}\"}";
    auto run = [&](const char* workers) {
        std::string app = make_jinja_app(conf, {{"r.template", tmpl}});
        ParsedStream s = run_stream(app, {"--seed", "7", "--generators", workers});
        std::vector<std::string> raws;
        for (auto& e : s.events) raws.push_back(e.data);
        std::sort(raws.begin(), raws.end());
        return raws;
    };
    auto one = run("1");
    EXPECT_EQ(one.size(), 800u);
    EXPECT_EQ(one, run("2"));
}

}  // namespace
