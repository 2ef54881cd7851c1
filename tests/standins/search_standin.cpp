// search_standin: runs one `| eventgen ...` search through the packaged command the
// way splunkd does (tests/e2e/splunkd_search.cpp) and prints what came back as JSON.
// The Splunk Web stand-in (issue-14's page tests) answers the page's searches with it.
//
//   search_standin --splunk-home DIR [--app APP] [--timeout SECONDS] [--maxresultrows N] SEARCH
//
// Exit status: 0 when the exchange was well formed (search errors are in "messages"),
// 1 on a protocol error or timeout, 2 on bad usage.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <csignal>
#include <iostream>

#include "splunkd_standin.h"

namespace {

int usage(const std::string& problem) {
    std::cerr << "search_standin: " << problem << "\n"
              << "usage: search_standin --splunk-home DIR [--app APP] [--timeout SECONDS] [--maxresultrows N] SEARCH\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    std::string home, spl;
    eventgen::test::SearchOptions options;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
            return argv[++i];
        };
        try {
            if (a == "--splunk-home") home = value();
            else if (a == "--app") options.app = value();
            else if (a == "--timeout") options.timeout = std::chrono::milliseconds(static_cast<int64_t>(std::stod(value()) * 1000));
            else if (a == "--maxresultrows") options.maxresultrows = std::stoll(value());
            else if (a == "-h" || a == "--help") return usage("help"), 0;
            else if (!a.empty() && a[0] == '-' && a.rfind("| ", 0) != 0 && a != "|") return usage("unknown option " + a);
            else if (spl.empty()) spl = a;
            else return usage("one SEARCH only");
        } catch (const std::exception& e) {
            return usage(e.what());
        }
    }
    if (home.empty()) return usage("--splunk-home is required");
    if (spl.empty()) return usage("SEARCH is required");

    eventgen::test::SplunkdStandin splunkd(home);
    eventgen::test::SearchRun run = splunkd.search(spl, options);

    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    auto str = [&](const std::string& s) { w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size())); };
    bool failed = !run.completed;
    for (const auto& m : run.messages) failed = failed || m.level == "ERROR" || m.level == "FATAL";
    w.StartObject();
    w.Key("ok");
    w.Bool(!failed);
    w.Key("fields");
    w.StartArray();
    for (const auto& f : run.fields) str(f);
    w.EndArray();
    w.Key("rows");
    w.StartArray();
    for (const auto& row : run.rows) {
        w.StartObject();
        for (const auto& f : run.fields) {
            w.Key(f.c_str(), static_cast<rapidjson::SizeType>(f.size()));
            auto it = row.find(f);
            str(it == row.end() ? "" : it->second);
        }
        w.EndObject();
    }
    w.EndArray();
    w.Key("messages");
    w.StartArray();
    for (const auto& m : run.messages) {
        w.StartObject();
        w.Key("type");
        str(m.level);
        w.Key("text");
        str(m.text);
        w.EndObject();
    }
    w.EndArray();
    w.Key("protocol_error");
    str(run.protocol_error);
    w.Key("exit_code");
    w.Int(run.exit_code);
    w.Key("stderr");
    str(run.err);
    w.EndObject();
    std::cout << sb.GetString() << "\n";
    return run.completed ? 0 : 1;
}
