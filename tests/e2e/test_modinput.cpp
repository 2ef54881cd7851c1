// The modular input driven the way splunkd drives it, through the packaged app
// installed into a fake $SPLUNK_HOME.
#include <gtest/gtest.h>
#include <pugixml.hpp>
#include <sys/stat.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "process.h"
#include "splunkd_standin.h"

namespace fs = std::filesystem;
using namespace eventgen::test;

namespace {

// package.sh run once for the whole test program, from the binary under test.
const std::string& package() {
    static std::string tarball = [] {
        std::string out = make_temp_dir("eg-package");
        ProcessResult r = run_process({"/bin/bash", EVENTGEN_SOURCE_DIR "/package.sh", "--binary", binary_path(), "--out", out},
                                      "", std::chrono::seconds(120));
        if (r.exit_code != 0) throw std::runtime_error("package.sh failed: " + r.err + r.out);
        return lines_of(r.out).back();
    }();
    return tarball;
}

// A fake $SPLUNK_HOME with the packaged app installed and two apps that carry
// eventgen.conf and samples.
std::string make_splunk_home() {
    std::string home = make_temp_dir("eg-splunk");
    fs::create_directories(home + "/etc/apps");
    ProcessResult r = run_process({"/bin/tar", "-xzf", package(), "-C", home + "/etc/apps"});
    if (r.exit_code != 0) throw std::runtime_error("cannot unpack: " + r.err);
    write_file(home + "/etc/apps/app_web/default/eventgen.conf", R"([web.sample]
index = web
host = web-01
sourcetype = access_combined
count = 5
end = 1
earliest = -1m
latest = now
token.0.token = \d{2}/\w{3}/\d{4}:\d{2}:\d{2}:\d{2}
token.0.replacementType = timestamp
token.0.replacement = %d/%b/%Y:%H:%M:%S
)");
    write_file(home + "/etc/apps/app_web/samples/web.sample",
               "10.1.2.3 - - [01/Jan/2020:00:00:00 +0000] \"GET /cart?a=1&b=2 HTTP/1.1\" 200 512\n"
               "10.1.2.4 - - [01/Jan/2020:00:00:01 +0000] \"GET /<home> HTTP/1.1\" 404 0\n");
    write_file(home + "/etc/apps/app_db/default/eventgen.conf", R"([db.sample]
index = db
host = db-01
sourcetype = db:default
outputMode = stdout
count = 3
end = 1
)");
    // local/ overrides default/ key by key.
    write_file(home + "/etc/apps/app_db/local/eventgen.conf", "[db.sample]\nsourcetype = db:local\ncount = 4\n");
    write_file(home + "/etc/apps/app_db/samples/db.sample", "db query ok rows=1\n");
    // A disabled app's samples must not run.
    write_file(home + "/etc/apps/app_off/default/app.conf", "[install]\nstate = disabled\n");
    write_file(home + "/etc/apps/app_off/default/eventgen.conf", "[off.sample]\ncount = 1\nend = 1\n");
    write_file(home + "/etc/apps/app_off/samples/off.sample", "must not appear\n");
    return home;
}

}  // namespace

TEST(Package, LayoutFollowsSplunkPackagingRules) {
    std::string dir = make_temp_dir("eg-unpack");
    ASSERT_EQ(run_process({"/bin/tar", "-xzf", package(), "-C", dir}).exit_code, 0);
    std::vector<fs::path> top{fs::directory_iterator(dir), fs::directory_iterator()};
    ASSERT_EQ(top.size(), 1u);
    EXPECT_EQ(top[0].filename(), "SA-Eventgen");
    EXPECT_EQ(fs::path(package()).filename().string().rfind("SA-Eventgen-", 0), 0u);
    fs::path app = top[0];
    for (const auto& e : fs::recursive_directory_iterator(app)) {
        std::string rel = fs::relative(e.path(), app).string();
        EXPECT_NE(e.path().filename().string()[0], '.') << "hidden file " << rel;
        EXPECT_FALSE(e.is_symlink()) << rel;
        struct stat st {};
        lstat(e.path().c_str(), &st);
        EXPECT_EQ(st.st_mode & S_IWOTH, 0u) << "world-writable " << rel;
        EXPECT_EQ(st.st_mode & S_IWGRP, 0u) << "group-writable " << rel;
        EXPECT_EQ(st.st_mode & S_IRUSR, S_IRUSR) << rel;
        if (e.is_directory()) continue;
        bool in_bin = e.path().parent_path().filename() == "bin";
        if (st.st_mode & S_IXUSR) {
            EXPECT_TRUE(in_bin) << "executable outside a bin folder: " << rel;
            EXPECT_EQ(st.st_mode & 0777, 0755u) << rel;
        }
    }
    EXPECT_FALSE(fs::exists(app / "local"));
    // A Splunk host must not run package installers (they call sudo apt-get).
    EXPECT_FALSE(fs::exists(app / "scripts/install-deps.sh"));
    EXPECT_FALSE(fs::exists(app / "scripts/install-web-deps.sh"));
    EXPECT_FALSE(fs::exists(app / "metadata/local.meta"));
    for (const char* f : {"default/app.conf", "default/inputs.conf", "default/eventgen.conf", "README/inputs.conf.spec",
                          "README/eventgen.conf.spec", "metadata/default.meta", "static/appIcon.png",
                          "static/appIcon_2x.png", "linux_" EVENTGEN_TARGET_ARCH "/bin/modinput_eventgen.sh", "linux_" EVENTGEN_TARGET_ARCH "/bin/eventgen",
                          "LICENSE",
                          "bin/modinput_eventgen.sh", "src/eventgen.cpp", "README.md", "samples/external_ips.sample"})
        EXPECT_TRUE(fs::is_regular_file(app / f)) << f;
    std::string app_conf = read_text((app / "default/app.conf").string());
    EXPECT_NE(app_conf.find("id = SA-Eventgen"), std::string::npos);
    EXPECT_NE(app_conf.find("is_configured = false"), std::string::npos);
    ProcessResult version = run_process({(app / "linux_" EVENTGEN_TARGET_ARCH "/bin/eventgen").string(), "--version"});
    std::string v = version.out.substr(std::string("eventgen ").size());
    v.erase(v.find_last_not_of("\n") + 1);
    EXPECT_NE(app_conf.find("version = " + v + "\n"), std::string::npos) << "app.conf version differs from " << v;
    std::string spec = read_text((app / "README/inputs.conf.spec").string());
    EXPECT_NE(spec.find("[modinput_eventgen://<name>]"), std::string::npos);
    EXPECT_NE(read_text((app / "README.md").string()).find("# Binary File Declaration"), std::string::npos);
}

TEST(ModularInput, SchemeIsValidAndDeclaresEverySpecParameter) {
    std::string home = make_splunk_home();
    SplunkdStandin splunkd(home);
    ASSERT_NE(splunkd.find_executable("SA-Eventgen").find("linux_" EVENTGEN_TARGET_ARCH "/bin/modinput_eventgen.sh"), std::string::npos);
    ProcessResult r = splunkd.scheme("SA-Eventgen");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(r.out.c_str()));
    pugi::xml_node scheme = doc.child("scheme");
    EXPECT_STREQ(scheme.child_value("title"), "SA-Eventgen");
    EXPECT_STREQ(scheme.child_value("streaming_mode"), "xml");
    EXPECT_STREQ(scheme.child_value("use_external_validation"), "true");
    EXPECT_STREQ(scheme.child_value("use_single_instance"), "false");
    std::set<std::string> args;
    for (auto a : scheme.child("endpoint").child("args").children("arg")) {
        args.insert(a.attribute("name").as_string());
        for (const char* b : {"required_on_create", "required_on_edit"}) {
            std::string v = a.child_value(b);
            EXPECT_TRUE(v == "true" || v == "false") << b << "=" << v;
        }
    }
    // Every parameter of README/inputs.conf.spec is an argument of the scheme.
    std::ifstream spec(home + "/etc/apps/SA-Eventgen/README/inputs.conf.spec");
    std::string line;
    int params = 0;
    while (std::getline(spec, line)) {
        if (line.empty() || line[0] == '#' || line[0] == '[' || line[0] == ' ' || line[0] == '*') continue;
        std::string key = line.substr(0, line.find_first_of(" ="));
        if (key.empty()) continue;
        ++params;
        EXPECT_TRUE(args.count(key)) << "spec parameter " << key << " missing from the scheme";
    }
    EXPECT_GE(params, 2);
}

TEST(ModularInput, ValidationAcceptsGoodAndRejectsBadArguments) {
    SplunkdStandin splunkd(make_splunk_home());
    ProcessResult good = splunkd.validate("SA-Eventgen", "default", {{"verbosity", "20"}, {"interval", "60"}});
    EXPECT_EQ(good.exit_code, 0) << good.out << good.err;
    EXPECT_EQ(good.out, "");
    for (bool utf16 : {false, true}) {
        ProcessResult bad = splunkd.validate("SA-Eventgen", "default", {{"verbosity", "loud"}}, utf16);
        EXPECT_NE(bad.exit_code, 0);
        pugi::xml_document doc;
        ASSERT_TRUE(doc.load_string(bad.out.c_str())) << bad.out;
        EXPECT_NE(std::string(doc.child("error").child_value("message")).find("verbosity"), std::string::npos);
    }
}

TEST(ModularInput, TwoAppsStreamTheirEventsWithTheirMetadata) {
    std::string home = make_splunk_home();
    SplunkdStandin splunkd(home);
    auto p = splunkd.start("SA-Eventgen", "modinput_eventgen://default", {{"verbosity", "20"}});
    ASSERT_TRUE(p->wait_exit(std::chrono::seconds(30)));
    EXPECT_EQ(p->exit_code(), 0) << p->err();
    ParsedStream s = SplunkdStandin::parse_stream(p->out());
    ASSERT_TRUE(s.well_formed) << s.error << "\n" << p->out();
    EXPECT_TRUE(s.closed);
    int web = 0, db = 0;
    for (const auto& e : s.events) {
        EXPECT_EQ(e.stanza, "modinput_eventgen://default");
        EXPECT_EQ(e.data.find("must not appear"), std::string::npos);
        EXPECT_NE(e.host, "$decideOnStartup");
        if (e.index == "web") {
            ++web;
            EXPECT_EQ(e.host, "web-01");
            EXPECT_EQ(e.source, "web.sample");
            EXPECT_EQ(e.sourcetype, "access_combined");
            EXPECT_EQ(e.data.find("01/Jan/2020"), std::string::npos) << e.data;  // timestamp replaced
        } else if (e.index == "db") {
            ++db;
            EXPECT_EQ(e.host, "db-01");
            EXPECT_EQ(e.sourcetype, "db:local");  // local/ beat default/
        } else {
            ADD_FAILURE() << "unexpected index " << e.index;
        }
    }
    EXPECT_EQ(web, 5);
    EXPECT_EQ(db, 4);
    // Logs went to splunkd (stderr, level first) and to eventgen.log.
    EXPECT_NE(p->err().find("INFO "), std::string::npos);
    EXPECT_NE(read_text(home + "/var/log/splunk/eventgen.log").find("summary events=9"), std::string::npos);
}

TEST(ModularInput, SigtermMidStreamEndsWithAWellFormedStreamWithinTwoSeconds) {
    std::string home = make_splunk_home();
    write_file(home + "/etc/apps/app_web/local/eventgen.conf", "[web.sample]\ncount = 20000\ninterval = 1\nend = -1\n");
    SplunkdStandin splunkd(home);
    auto p = splunkd.start("SA-Eventgen", "modinput_eventgen://default", {});
    ASSERT_TRUE(p->wait_for_output("</event>", std::chrono::seconds(10))) << p->err();
    auto t0 = std::chrono::steady_clock::now();
    p->signal(SIGTERM);
    ASSERT_TRUE(p->wait_exit(std::chrono::seconds(2))) << "still running 2 s after SIGTERM";
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
    EXPECT_EQ(p->exit_code(), 0);
    ParsedStream s = SplunkdStandin::parse_stream(p->out());
    EXPECT_TRUE(s.well_formed) << s.error;
    EXPECT_TRUE(s.closed);
    EXPECT_GT(s.events.size(), 0u);
}

TEST(ModularInput, ConfigurationThroughSplunkdRest) {
    std::string home = make_splunk_home();
    // The REST answer names an app whose files say something else: REST must win.
    ConfRestServer rest("s3cret", R"({"entry":[
      {"name":"web.sample","acl":{"app":"app_web"},
       "content":{"index":"rest_index","count":"2","end":"1","host":"rest-host","eai:acl":null,"disabled":false}}],
      "paging":{"total":1}})");
    // SA-Eventgen's own [global] lies under the stanzas splunkd returns.
    write_file(home + "/etc/apps/SA-Eventgen/local/eventgen.conf", "[global]\nsourcetype = from_sa_global\n");
    SplunkdStandin splunkd(home);
    auto p = splunkd.start("SA-Eventgen", "modinput_eventgen://default", {{"config_source", "rest"}}, rest.uri(), "s3cret");
    ASSERT_TRUE(p->wait_exit(std::chrono::seconds(30)));
    EXPECT_EQ(p->exit_code(), 0) << p->err();
    EXPECT_GE(rest.requests(), 1);
    EXPECT_NE(rest.last_path().find("/servicesNS/nobody/SA-Eventgen/configs/conf-eventgen"), std::string::npos);
    ParsedStream s = SplunkdStandin::parse_stream(p->out());
    ASSERT_TRUE(s.well_formed) << s.error;
    ASSERT_EQ(s.events.size(), 2u);
    for (const auto& e : s.events) {
        EXPECT_EQ(e.index, "rest_index");
        EXPECT_EQ(e.host, "rest-host");
        EXPECT_EQ(e.sourcetype, "from_sa_global");
    }
    // A refused session key falls back to the files, with a clear line for splunkd.log.
    auto q = splunkd.start("SA-Eventgen", "modinput_eventgen://default", {{"config_source", "rest"}}, rest.uri(), "wrong");
    ASSERT_TRUE(q->wait_exit(std::chrono::seconds(30)));
    EXPECT_NE(q->err().find("session key refused"), std::string::npos) << q->err();
    EXPECT_EQ(SplunkdStandin::parse_stream(q->out()).events.size(), 9u);
}

TEST(ModularInput, TwoEnabledStanzasDoNotDoubleTheData) {
    std::string home = make_splunk_home();
    write_file(home + "/etc/apps/app_web/local/eventgen.conf", "[web.sample]\ncount = 10\ninterval = 1\nend = -1\n");
    SplunkdStandin splunkd(home);
    auto first = splunkd.start("SA-Eventgen", "modinput_eventgen://default", {});
    ASSERT_TRUE(first->wait_for_output("</event>", std::chrono::seconds(10))) << first->err();
    auto second = splunkd.start("SA-Eventgen", "modinput_eventgen://second", {});
    // The second waits for the first: it announces that and writes no events.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (second->err().find("already generating") == std::string::npos && std::chrono::steady_clock::now() < deadline)
        second->wait_for_output("<event", std::chrono::milliseconds(100));
    EXPECT_NE(second->err().find("already generating"), std::string::npos) << second->err();
    EXPECT_EQ(second->out().find("<event"), std::string::npos);
    // When the first stops, the second takes over.
    first->signal(SIGTERM);
    ASSERT_TRUE(first->wait_exit(std::chrono::seconds(5)));
    EXPECT_TRUE(second->wait_for_output("modinput_eventgen://second", std::chrono::seconds(10))) << second->err();
    second->signal(SIGTERM);
    ASSERT_TRUE(second->wait_exit(std::chrono::seconds(5)));
    EXPECT_TRUE(SplunkdStandin::parse_stream(second->out()).well_formed);
}

TEST(ModularInput, ExitsWhenSplunkdDisappears) {
    std::string home = make_splunk_home();
    write_file(home + "/etc/apps/app_web/local/eventgen.conf", "[web.sample]\ncount = 10\ninterval = 1\nend = -1\n");
    SplunkdStandin splunkd(home);
    std::string input = home + "/input.xml";
    write_file(input, splunkd.input_document("SA-Eventgen", "modinput_eventgen://default", {}, "https://127.0.0.1:8089", "k"));
    // A shell plays splunkd: the input is its child; then the shell is killed hard.
    RunningProcess shell({"/bin/sh", "-c", "SPLUNK_HOME='" + home + "' '" + splunkd.find_executable("SA-Eventgen") + "' < '" +
                                               input + "' > '" + home + "/out.xml' 2>'" + home + "/err.log'"});
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (read_text(home + "/out.xml").find("</event>") == std::string::npos && std::chrono::steady_clock::now() < deadline)
        shell.wait_for_output("never", std::chrono::milliseconds(50));
    ASSERT_NE(read_text(home + "/out.xml").find("</event>"), std::string::npos) << read_text(home + "/err.log");
    shell.signal(SIGKILL);
    ASSERT_TRUE(shell.wait_exit(std::chrono::seconds(5)));
    // The input notices its parent is gone and stops, closing the stream.
    deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (read_text(home + "/out.xml").find("</stream>") == std::string::npos && std::chrono::steady_clock::now() < deadline)
        std::this_thread::yield();
    EXPECT_NE(read_text(home + "/out.xml").find("</stream>"), std::string::npos) << read_text(home + "/err.log");
    EXPECT_NE(read_text(home + "/err.log").find("went away"), std::string::npos);
}

TEST(ModularInput, HonoursShardAndShardHostsFromItsStanza) {
    std::string home = make_splunk_home();
    write_file(home + "/etc/apps/app_web/local/eventgen.conf", "[web.sample]\ncount = 30\n");
    SplunkdStandin splunkd(home);
    // Two hosts of one fleet: one says its shard, the other finds itself in the list by
    // the server name splunkd passes (the stand-in's is "standin").
    std::vector<std::map<std::string, std::string>> stanzas = {{{"shard", "0/2"}},
                                                               {{"shard_hosts", "uf-other, STANDIN"}}};
    std::map<std::string, int> seen;
    for (const auto& params : stanzas) {
        auto p = splunkd.start("SA-Eventgen", "modinput_eventgen://fleet", params);
        ASSERT_TRUE(p->wait_exit(std::chrono::seconds(30)));
        EXPECT_EQ(p->exit_code(), 0) << p->err();
        ParsedStream s = SplunkdStandin::parse_stream(p->out());
        ASSERT_TRUE(s.well_formed) << s.error;
        int web = 0, db = 0;
        for (const auto& e : s.events) {
            web += e.index == "web";
            db += e.index == "db";
            ++seen[e.index];
        }
        EXPECT_EQ(web, 15) << "half of the 30 web events";
        EXPECT_EQ(db, 2) << "half of the 4 db events";
    }
    EXPECT_EQ(seen["web"], 30);
    EXPECT_EQ(seen["db"], 4);
    // The metrics lines say which shard reported.
    std::string log = read_text(home + "/var/log/splunk/eventgen.log");
    EXPECT_NE(log.find("scope=run host="), std::string::npos) << log;
    EXPECT_NE(log.find(" shard=0/2"), std::string::npos) << log;
    EXPECT_NE(log.find(" shard=1/2"), std::string::npos) << log;
    EXPECT_NE(log.find(" run_id="), std::string::npos) << log;

    // A host outside the list generates nothing and says where the list is.
    auto p = splunkd.start("SA-Eventgen", "modinput_eventgen://fleet", {{"shard_hosts", "uf-01,uf-02"}});
    ASSERT_TRUE(p->wait_exit(std::chrono::seconds(30)));
    EXPECT_EQ(p->exit_code(), 1);
    EXPECT_NE(p->err().find("inputs.conf: [modinput_eventgen://fleet] shard_hosts: this host (standin) is not in "
                            "shard_hosts"),
              std::string::npos)
        << p->err();
    EXPECT_EQ(SplunkdStandin::parse_stream(p->out()).events.size(), 0u);
}

TEST(ModularInput, ValidationRefusesBadShardSettings) {
    SplunkdStandin splunkd(make_splunk_home());
    EXPECT_EQ(splunkd.validate("SA-Eventgen", "fleet", {{"shard", "2/3"}}).exit_code, 0);
    EXPECT_EQ(splunkd.validate("SA-Eventgen", "fleet", {{"shard_hosts", "uf-01,uf-02"}}).exit_code, 0);
    struct Case {
        std::map<std::string, std::string> params;
        std::string says;
    };
    for (const Case& c : std::vector<Case>{{{{"shard", "0/0"}}, "N (the number of shards)"},
                                           {{{"shard", "3/3"}}, "from 0 to 2"},
                                           {{{"shard", "a/b"}}, "must be I/N"},
                                           {{{"shard", "-1/2"}}, "must be I/N"},
                                           {{{"shard", "1/0"}}, "N (the number of shards)"},
                                           {{{"shard_hosts", "uf-01,UF-01"}}, "twice"},
                                           {{{"shard", "0/2"}, {"shard_hosts", "uf-01,uf-02"}}, "both set"}}) {
        ProcessResult r = splunkd.validate("SA-Eventgen", "fleet", c.params);
        EXPECT_NE(r.exit_code, 0) << c.says;
        pugi::xml_document doc;
        ASSERT_TRUE(doc.load_string(r.out.c_str())) << r.out;
        EXPECT_NE(std::string(doc.child("error").child_value("message")).find(c.says), std::string::npos) << r.out;
    }
}
