// Shards of one run on several processes (--shard, shard/shard_hosts in [global] and
// inputs.conf): for a seeded run the N shards together make byte for byte the events
// of the unsharded run, whatever each one's worker count; to HEC every event arrives
// exactly once; bad shard settings are located configuration errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>

#include "../hec/hec_server.h"
#include "process.h"

namespace fs = std::filesystem;
using namespace eventgen::test;

namespace {

// The same start for every process: backfill windows, replay passes and rate-table
// hours then agree between shards started apart.
const char* kStart = "2024-06-01T12:00:00";

// The shards fixture (sample mode with most token types and integerid, randomizeCount,
// a rate table, perDayVolume, replay), in a fresh folder.
std::string shards_app() {
    std::string dir = make_temp_dir("eg-shards");
    copy_tree(data_dir() + "/e2e/shards", dir);
    return dir;
}

// Runs `app` once with `extra` arguments, writing its file output to `out`; returns
// the lines written.
std::vector<std::string> run_to_file(const std::string& app, const std::string& out, std::vector<std::string> extra,
                                     const std::map<std::string, std::string>& env = {}) {
    std::vector<std::string> args = {binary_path(), "generate", app, "--seed", "42", "--now", kStart};
    args.insert(args.end(), extra.begin(), extra.end());
    std::map<std::string, std::string> e = env;
    e["SHARD_OUT"] = out;
    ProcessResult r = run_process(args, "", std::chrono::seconds(60), e);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return lines_of(read_text(out));
}

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

// The unsharded run, once per test program (it is the reference of several tests).
const std::vector<std::string>& reference_run() {
    static const std::vector<std::string> lines = [] {
        std::string dir = make_temp_dir("eg-shards-ref");
        return sorted(run_to_file(shards_app(), dir + "/single.log", {"--generators", "1"}));
    }();
    return lines;
}

void expect_same_events(const std::vector<std::string>& got, const std::vector<std::string>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) ASSERT_EQ(got[i], want[i]) << "first difference at sorted line " << i;
}

size_t count_matching(const std::vector<std::string>& lines, const std::string& needle) {
    return static_cast<size_t>(std::count_if(
        lines.begin(), lines.end(), [&](const std::string& l) { return l.find(needle) != std::string::npos; }));
}

}  // namespace

TEST(Shards, ReferenceRunHasEverySampleKind) {
    const auto& ref = reference_run();
    EXPECT_GT(count_matching(ref, " web "), 500u);
    EXPECT_GT(count_matching(ref, " db "), 500u);      // perDayVolume
    EXPECT_EQ(count_matching(ref, "sshd["), 2u * 3u);  // replay: 2 passes of 3 sshd lines
    EXPECT_EQ(count_matching(ref, "kernel: eth0"), 2u);
}

TEST(Shards, ThreeSeededShardsToFilesMakeExactlyTheSingleRun) {
    std::string app = shards_app();
    std::string dir = make_temp_dir("eg-shards-out");
    // Different worker counts and modes on each shard: the events do not depend on them.
    std::vector<std::vector<std::string>> how = {{"--shard", "0/3", "--generators", "1"},
                                                 {"--shard", "1/3", "--generators", "3", "--multiprocess"},
                                                 {"--shard=2/3", "--generators", "2"}};
    std::vector<std::string> all;
    std::vector<size_t> sizes;
    for (size_t i = 0; i < how.size(); ++i) {
        auto lines = run_to_file(app, dir + "/shard" + std::to_string(i) + ".log", how[i]);
        sizes.push_back(lines.size());
        all.insert(all.end(), lines.begin(), lines.end());
    }
    expect_same_events(sorted(all), reference_run());
    // Each shard makes about a third (every third sequence number of each sample).
    for (size_t n : sizes) EXPECT_NEAR(static_cast<double>(n), reference_run().size() / 3.0, 10.0);
}

TEST(Shards, IntegerIdsOfShardsInterleaveAndNeverCollide) {
    std::string app = shards_app();
    std::string dir = make_temp_dir("eg-shards-ids");
    std::map<long, int> seen;
    for (int i = 0; i < 3; ++i) {
        auto lines = run_to_file(app, dir + "/s" + std::to_string(i), {"--shard", std::to_string(i) + "/3"});
        for (const auto& l : lines) {
            std::smatch m;
            if (!std::regex_search(l, m, std::regex(" web .* id=(\\d+) "))) continue;
            long id = std::stol(m[1]);
            EXPECT_EQ((id - 1000) % 3, i) << l;  // id = start + sequence number, which falls to shard i
            ++seen[id];
        }
    }
    ASSERT_FALSE(seen.empty());
    EXPECT_EQ(seen.begin()->first, 1000);
    EXPECT_EQ(seen.rbegin()->first, 1000 + static_cast<long>(seen.size()) - 1);  // dense: nothing missing
    for (const auto& [id, n] : seen) ASSERT_EQ(n, 1) << "id " << id;
}

TEST(Shards, ShardHostsGiveEachHostItsIndex) {
    std::string app = shards_app();
    std::string conf = read_text(app + "/default/eventgen.conf");
    write_file(app + "/default/eventgen.conf", "[global]\nshard_hosts = gen-a, GEN-B ,gen-c\n\n" + conf);
    std::string dir = make_temp_dir("eg-shards-hosts");
    std::vector<std::string> all;
    for (const char* host : {"gen-a", "gen-b", "Gen-C"}) {
        auto lines = run_to_file(app, dir + "/" + host, {}, {{"EVENTGEN_HOST", host}});
        all.insert(all.end(), lines.begin(), lines.end());
    }
    expect_same_events(sorted(all), reference_run());
}

TEST(Shards, ThreeShardsToHecDeliverEveryEventExactlyOnce) {
    HecServerOptions o;
    HecToken t;
    t.token = "11111111-2222-3333-4444-555555555555";
    o.tokens.push_back(t);
    HecServer hec(o);
    std::string app = shards_app();
    std::string conf = read_text(app + "/default/eventgen.conf");
    const std::string file_output = "outputMode = file\nfileName = $SHARD_OUT\n";
    const std::string hec_output =
        "outputMode = httpevent\nhttpeventServers = {\"servers\": [{\"protocol\": \"http\", "
        "\"address\": \"127.0.0.1\", \"port\": \"" +
        std::to_string(hec.port()) + "\", \"key\": \"$SHARD_HEC_TOKEN\"}]}\n";
    for (size_t p = conf.find(file_output); p != std::string::npos; p = conf.find(file_output))
        conf.replace(p, file_output.size(), hec_output);
    write_file(app + "/default/eventgen.conf", conf);
    for (int i = 0; i < 3; ++i) {
        ProcessResult r = run_process({binary_path(), "generate", app, "--seed", "42", "--now", kStart,
                                       "--shard", std::to_string(i) + "/3", "--generators", "2"},
                                      "", std::chrono::seconds(60), {{"SHARD_HEC_TOKEN", t.token}});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    std::vector<std::string> got;
    for (const auto& e : hec.events()) got.push_back(e.event);
    expect_same_events(sorted(got), reference_run());
    // The token came from the environment; without it the run refuses to start.
    ProcessResult unset = run_process({binary_path(), "generate", app, "--shard", "0/3"});
    EXPECT_EQ(unset.exit_code, 1);
    EXPECT_NE(unset.err.find("httpeventServers: server key '$SHARD_HEC_TOKEN' names an environment variable that is "
                             "not set"),
              std::string::npos)
        << unset.err;
}

TEST(Shards, BadShardOnTheCommandLineIsAnError) {
    std::string app = shards_app();
    for (const char* bad : {"0/0", "3/3", "a/b", "-1/2", "1/0", "1", "1/2/3", ""}) {
        ProcessResult r = run_process({binary_path(), "generate", app, "--shard", bad});
        EXPECT_EQ(r.exit_code, 2) << bad << ": " << r.err;
        EXPECT_NE(r.err.find("--shard"), std::string::npos) << bad << ": " << r.err;
        EXPECT_NE(r.err.find("shard"), std::string::npos) << r.err;
    }
    ProcessResult r = run_process({binary_path(), "generate", app, "--shard", "3/3"});
    EXPECT_NE(r.err.find("from 0 to 2"), std::string::npos) << r.err;
}

TEST(Shards, BadShardSettingsInGlobalAreLocatedErrors) {
    struct Case {
        std::string global, key, says;
    };
    std::vector<Case> cases = {
        {"shard = 0/0", "shard", "N (the number of shards)"},
        {"shard = 3/3", "shard", "from 0 to 2"},
        {"shard = a/b", "shard", "must be I/N"},
        {"shard = -1/2", "shard", "must be I/N"},
        {"shard = 1/0", "shard", "N (the number of shards)"},
        {"shard_hosts = gen-a,gen-b", "shard_hosts", "this host (gen-z) is not in shard_hosts"},
        {"shard_hosts = gen-z,gen-b,gen-z", "shard_hosts", "names gen-z twice"},
        {"shard = 0/2\nshard_hosts = gen-z,gen-b", "shard", "both set"},
    };
    for (const auto& c : cases) {
        std::string app = shards_app();
        std::string conf_path = app + "/default/eventgen.conf";
        write_file(conf_path, "# shards\n[global]\n" + c.global + "\n\n" + read_text(conf_path));
        ProcessResult r = run_process({binary_path(), "generate", app, "--seed", "1"}, "", std::chrono::seconds(60),
                                      {{"EVENTGEN_HOST", "gen-z"}, {"SHARD_OUT", app + "/out"}});
        EXPECT_EQ(r.exit_code, 1) << c.global;
        EXPECT_NE(r.err.find(fs::path(conf_path).lexically_normal().string() + ":3"), std::string::npos)
            << c.global << ": " << r.err;
        EXPECT_NE(r.err.find("[global] " + c.key), std::string::npos) << c.global << ": " << r.err;
        EXPECT_NE(r.err.find(c.says), std::string::npos) << c.global << ": " << r.err;
        EXPECT_FALSE(fs::exists(app + "/out")) << "nothing may be generated: " << c.global;
    }
}

TEST(Shards, FileLessGeneratorsShardTooJinjaLineCountByWholeRenders) {
    // jinja (cycles and line_count), windbag, counter and weblog, to stdout.
    std::string dir = make_temp_dir("eg-shards-gen");
    write_file(
        dir + "/samples/templates/ten.template",
        "{% for i in range(10) %}{\"_time\": {{ eventgen_target_time_epoch }}, \"_raw\": \"c{{ eventgen_count }} "
        "e{{ i }} {{ lipsum(1, false, 3, 5) }}\"}\n{% endfor %}");
    write_file(
        dir + "/samples/templates/lines.template",
        "{% for i in range(10) %}{\"_time\": {{ eventgen_target_time_epoch }}, \"_raw\": \"render{{ eventgen_count }} "
        "e{{ i }} {{ lipsum(1, false, 3, 5) }}\"}\n{% endfor %}");
    write_file(dir + "/default/eventgen.conf", R"([cycles]
generator = jinja
jinja_target_template = ten.template
count = 7
end = 1
earliest = -10m
latest = now
outputMode = stdout

[lines]
generator = jinja
jinja_target_template = lines.template
jinja_count_type = line_count
count = 45
end = 1
outputMode = stdout

[windbag]
generator = windbag
count = 50
backfill = -5m
end = 1
outputMode = stdout

[counter]
generator = counter
start_count = 0
end_count = 40
count_by = 2
count = 2
end = 1
outputMode = stdout

[weblog]
generator = weblog
count = 60
randomizeCount = 0.3
end = 1
outputMode = stdout
)");
    auto run = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = {binary_path(), "generate", dir, "--seed", "9", "--now", kStart};
        args.insert(args.end(), extra.begin(), extra.end());
        ProcessResult r = run_process(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return lines_of(r.out);
    };
    auto single = sorted(run({}));
    ASSERT_GT(single.size(), 300u);
    std::vector<std::string> all;
    for (int i = 0; i < 3; ++i) {
        auto lines = run({"--shard", std::to_string(i) + "/3", "--generators", "2"});
        // line_count: a shard keeps whole renders (10 events each), never part of one.
        std::map<std::string, int> per_render;
        for (const auto& l : lines)
            if (l.rfind("render", 0) == 0) ++per_render[l.substr(0, l.find(' '))];
        for (const auto& [render, n] : per_render) EXPECT_EQ(n, 10) << render << " on shard " << i;
        all.insert(all.end(), lines.begin(), lines.end());
    }
    expect_same_events(sorted(all), single);
}

TEST(Shards, UnseededShardsKeepTheirOwnIntegeridStateAndNeverRepeatAnId) {
    // Two shards sharing one sample folder, each run twice; counts drawn at random
    // (randomizeCount) differ between the shards, yet no id comes out twice.
    std::string dir = make_temp_dir("eg-shards-state");
    copy_tree(data_dir() + "/e2e/ids", dir);
    write_file(dir + "/default/eventgen.conf", R"([ids]
outputMode = stdout
count = 50
randomizeCount = 0.6
end = 3
interval = 0.01
token.0.token = @@id
token.0.replacementType = integerid
token.0.replacement = 0
token.1.token = @@seq
token.1.replacementType = random
token.1.replacement = integer[0:999999]
)");
    std::map<long, int> seen;
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 2; ++i) {
            ProcessResult r = run_process({binary_path(), "generate", dir, "--shard", std::to_string(i) + "/2"});
            ASSERT_EQ(r.exit_code, 0) << r.err;
            for (const auto& l : lines_of(r.out)) {
                long id = std::stol(l.substr(l.find("id=") + 3));
                EXPECT_EQ(id % 2, i) << l;
                ++seen[id];
            }
        }
    }
    for (const auto& [id, n] : seen) ASSERT_EQ(n, 1) << "id " << id << " came out twice";
    EXPECT_TRUE(fs::exists(dir + "/samples/state.%40%40id.shard-0-of-2"));
    EXPECT_TRUE(fs::exists(dir + "/samples/state.%40%40id.shard-1-of-2"));
    EXPECT_FALSE(fs::exists(dir + "/samples/state.%40%40id"));
}

TEST(Shards, CheckReportsBadShardSettingsWithTheirPlace) {
    std::string app = shards_app();
    std::string conf_path = app + "/default/eventgen.conf";
    std::string conf = read_text(conf_path);
    write_file(conf_path, "[global]\nshard = 2/2\n\n" + conf);
    ProcessResult r = run_process({binary_path(), "check", app});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE((r.out + r.err).find("eventgen.conf:2: [global] shard: error: shard '2/2': I must be from 0 to 1"),
              std::string::npos)
        << r.out << r.err;
    // In a sample's stanza the shard would split nothing: check and generate say so.
    write_file(conf_path, conf + "\n[db.sample]\nshard = 1/2\n");
    r = run_process({binary_path(), "check", app});
    EXPECT_NE((r.out + r.err).find("[db.sample] shard: warning: ignored here: shard applies to the whole run"),
              std::string::npos)
        << r.out << r.err;
    // A fleet this host is not part of (check may run on the deployment server): a warning.
    write_file(conf_path, "[global]\nshard_hosts = uf-01,uf-02\n\n" + conf);
    r = run_process({binary_path(), "check", app}, "", std::chrono::seconds(60), {{"EVENTGEN_HOST", "ds-01"}});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE((r.out + r.err).find("[global] shard_hosts: warning: this host (ds-01) is not in shard_hosts"),
              std::string::npos)
        << r.out << r.err;
}
