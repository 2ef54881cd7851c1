// The search side of the splunkd stand-in: runs a chunked (protocol v2) custom search
// command the way splunkd's ChunkedExternProcessor does, and checks everything the
// command sends. Emulated, because splunkd cannot run here:
//  - command lookup: the [<command>] stanza of the apps' default/ then local/
//    commands.conf; `chunked = true` required; `filename` looked for in
//    <app>/linux_x86_64/bin/ and then <app>/bin/; `command.arg.N` appended to argv in
//    order of N;
//  - environment: SPLUNK_HOME, SPLUNK_ETC, SPLUNK_DB, SPLUNK_SERVER_NAME, and splunkd's
//    own LD_LIBRARY_PATH (here a folder of broken libraries) and PYTHONPATH;
//  - working folder: the search's dispatch folder;
//  - the exchange: one getinfo chunk with searchinfo (args with quotes removed,
//    raw_args as typed, the search percent-encoded), then execute chunks for as long as
//    the command's replies say finished = false; every reply read with a timeout.
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "piped_child.h"
#include "splunkd_standin.h"
#include "strict_csv.h"

namespace eventgen::test {

namespace fs = std::filesystem;

namespace {

std::string strip(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

// key = value lines of one stanza of a .conf file (comments and other stanzas skipped).
std::map<std::string, std::string> conf_stanza(const fs::path& file, const std::string& stanza) {
    std::map<std::string, std::string> out;
    std::ifstream in(file);
    std::string line, current;
    while (std::getline(in, line)) {
        std::string t = strip(line);
        if (t.empty() || t[0] == '#') continue;
        if (t.front() == '[' && t.back() == ']') {
            current = t.substr(1, t.size() - 2);
            continue;
        }
        size_t eq = t.find('=');
        if (current != stanza || eq == std::string::npos) continue;
        out[strip(t.substr(0, eq))] = strip(t.substr(eq + 1));
    }
    return out;
}

struct CommandSpec {
    std::string app_dir;
    std::map<std::string, std::string> settings;
};

std::optional<CommandSpec> find_command(const std::string& home, const std::string& command) {
    std::vector<fs::path> apps;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(fs::path(home) / "etc" / "apps", ec))
        if (e.is_directory()) apps.push_back(e.path());
    std::sort(apps.begin(), apps.end());
    for (const auto& app : apps) {
        CommandSpec spec{app.string(), {}};
        for (const char* layer : {"default", "local"})
            for (auto& [k, v] : conf_stanza(app / layer / "commands.conf", command)) spec.settings[k] = v;
        if (!spec.settings.empty()) return spec;
    }
    return std::nullopt;
}

// SPL words of the first command: quoted strings keep their spaces. `raw` keeps the quotes.
void split_command(const std::string& segment, std::vector<std::string>& args, std::vector<std::string>& raw) {
    size_t i = 0;
    while (i < segment.size()) {
        while (i < segment.size() && isspace(static_cast<unsigned char>(segment[i]))) ++i;
        if (i >= segment.size()) break;
        std::string word, raw_word;
        bool quoted = false;
        while (i < segment.size() && (quoted || !isspace(static_cast<unsigned char>(segment[i])))) {
            char c = segment[i++];
            raw_word += c;
            if (c == '"') {
                quoted = !quoted;
                continue;
            }
            if (c == '\\' && quoted && i < segment.size()) {
                raw_word += segment[i];
                word += segment[i++];
                continue;
            }
            word += c;
        }
        args.push_back(word);
        raw.push_back(raw_word);
    }
}

std::string percent_encode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string json_text(const rapidjson::Value& v) {
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    v.Accept(w);
    return sb.GetString();
}

struct Reply {
    rapidjson::Document meta;
    std::string body;
};

// Reads one chunk from the command and checks its framing and metadata.
bool read_reply(PipedChild& child, std::chrono::steady_clock::time_point deadline, Reply& reply, std::string& error, bool& timed_out) {
    static const std::regex header(R"(chunked 1\.0,(\d{1,10}),(\d{1,10})\n)");
    std::string line;
    if (!child.read_line(line, 64, deadline, timed_out)) {
        error = timed_out ? "no reply within the timeout" : "the command closed its output instead of replying";
        if (!line.empty()) error += " (it sent '" + line.substr(0, 80) + "')";
        return false;
    }
    std::smatch m;
    if (!std::regex_match(line, m, header)) {
        error = "bad chunk header '" + line.substr(0, 80) + "'";
        return false;
    }
    size_t meta_len = std::stoul(m[1]), body_len = std::stoul(m[2]);
    if (!child.read_until(meta_len + body_len, deadline, timed_out)) {
        error = "the chunk ended before its announced " + std::to_string(meta_len) + "+" + std::to_string(body_len) +
                " bytes";
        return false;
    }
    std::string meta = child.take(meta_len);
    reply.body = child.take(body_len);
    reply.meta.Parse(meta.c_str(), meta.size());
    if (reply.meta.HasParseError() || !reply.meta.IsObject()) {
        error = "chunk metadata is not a JSON object: " + meta.substr(0, 200);
        return false;
    }
    return true;
}

// Inspector messages: {"inspector":{"messages":[["LEVEL","text"],...]}}.
bool take_messages(const rapidjson::Document& meta, std::vector<SearchMessage>& out, std::string& error) {
    static const std::set<std::string> levels = {"DEBUG", "INFO", "WARN", "ERROR", "FATAL"};
    auto insp = meta.FindMember("inspector");
    if (insp == meta.MemberEnd()) return true;
    if (!insp->value.IsObject()) {
        error = "\"inspector\" is not an object";
        return false;
    }
    auto msgs = insp->value.FindMember("messages");
    if (msgs == insp->value.MemberEnd()) return true;
    if (!msgs->value.IsArray()) {
        error = "inspector \"messages\" is not an array";
        return false;
    }
    for (const auto& m : msgs->value.GetArray()) {
        if (!m.IsArray() || m.Size() != 2 || !m[0].IsString() || !m[1].IsString() || !levels.count(m[0].GetString())) {
            error = "inspector message is not [\"LEVEL\", \"text\"]: " + json_text(m);
            return false;
        }
        out.push_back(SearchMessage{m[0].GetString(), m[1].GetString()});
    }
    return true;
}

std::string request_chunk(const rapidjson::Document& meta, const std::string& body) {
    std::string m = json_text(meta);
    return "chunked 1.0," + std::to_string(m.size()) + "," + std::to_string(body.size()) + "\n" + m + body;
}

}  // namespace

std::vector<std::string> SearchRun::messages_of(const std::string& level) const {
    std::vector<std::string> out;
    for (const auto& m : messages)
        if (m.level == level) out.push_back(m.text);
    return out;
}

SearchRun SplunkdStandin::search(const std::string& spl, const SearchOptions& options) const {
    signal(SIGPIPE, SIG_IGN);  // a command that dies mid-exchange must not take the caller with it
    SearchRun run;
    auto fail = [&](const std::string& why) {
        if (run.protocol_error.empty()) run.protocol_error = why;
        return run;
    };
    // The first command of the pipeline.
    std::string first = strip(spl);
    if (!first.empty() && first[0] == '|') first = strip(first.substr(1));
    first = first.substr(0, first.find('|'));
    std::vector<std::string> words, raw_words;
    split_command(first, words, raw_words);
    if (words.empty()) return fail("empty search");
    std::string command = words.front();
    std::vector<std::string> args(words.begin() + 1, words.end()), raw_args(raw_words.begin() + 1, raw_words.end());

    auto spec = find_command(home_, command);
    if (!spec) return fail("Unknown search command '" + command + "'");
    if (spec->settings["chunked"] != "true") return fail("commands.conf [" + command + "] is not chunked = true");
    std::string filename = spec->settings["filename"];
    if (filename.empty() || filename.find('/') != std::string::npos)
        return fail("commands.conf [" + command + "] filename must name a file in the app's bin folder");
    std::string exe;
    for (const char* dir : {"linux_" EVENTGEN_TARGET_ARCH "/bin", "bin"}) {
        fs::path p = fs::path(spec->app_dir) / dir / filename;
        if (fs::is_regular_file(p) && access(p.c_str(), X_OK) == 0) {
            exe = p.string();
            break;
        }
    }
    if (exe.empty()) return fail("no executable " + filename + " in " + spec->app_dir + "/{linux_" EVENTGEN_TARGET_ARCH "/bin,bin}");
    std::map<int, std::string> extra;
    for (const auto& [k, v] : spec->settings)
        if (k.rfind("command.arg.", 0) == 0) extra[std::stoi(k.substr(12))] = v;
    run.argv.push_back(exe);
    for (auto& [n, v] : extra) {
        std::string value = v;
        for (size_t pos; (pos = value.find("$SPLUNK_HOME")) != std::string::npos;) value.replace(pos, 12, home_);
        run.argv.push_back(value);
    }

    static std::atomic<int> sid_counter{0};
    std::string sid = "1700000000." + std::to_string(getpid()) + std::to_string(++sid_counter);
    fs::path dispatch = fs::path(home_) / "var" / "run" / "splunk" / "dispatch" / sid;
    fs::create_directories(dispatch);
    run.cwd = dispatch.string();
    std::map<std::string, std::string> env = {{"SPLUNK_HOME", home_},
                                              {"SPLUNK_ETC", home_ + "/etc"},
                                              {"SPLUNK_DB", home_ + "/var/lib/splunk"},
                                              {"SPLUNK_SERVER_NAME", "splunkd"},
                                              {"LD_LIBRARY_PATH", hostile_library_path()},
                                              {"PYTHONPATH", home_ + "/lib/python3.9/site-packages"}};
#ifdef EVENTGEN_TEST_EMULATOR
    // A cross build's tests (ARM64 under qemu-user, no binfmt_misc): the app's wrapper
    // puts $EVENTGEN_EMULATOR in front of the binary it starts.
    if (std::string emulator = EVENTGEN_TEST_EMULATOR; !emulator.empty()) {
        std::replace(emulator.begin(), emulator.end(), ';', ' ');
        env["EVENTGEN_EMULATOR"] = emulator;
    }
#endif
    PipedChild child(run.argv, env, run.cwd);
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::now() + options.timeout;

    rapidjson::Document getinfo(rapidjson::kObjectType);
    auto& a = getinfo.GetAllocator();
    auto str = [&](const std::string& s) { return rapidjson::Value(s.c_str(), static_cast<rapidjson::SizeType>(s.size()), a); };
    rapidjson::Value info(rapidjson::kObjectType), jargs(rapidjson::kArrayType), jraw(rapidjson::kArrayType);
    for (const auto& s : args) jargs.PushBack(str(s), a);
    for (const auto& s : raw_args) jraw.PushBack(str(s), a);
    info.AddMember("args", jargs, a);
    info.AddMember("raw_args", jraw, a);
    info.AddMember("dispatch_dir", str(run.cwd), a);
    info.AddMember("sid", str(sid), a);
    info.AddMember("app", str(options.app), a);
    info.AddMember("owner", "admin", a);
    info.AddMember("username", "admin", a);
    info.AddMember("session_key", "standin-session-key", a);
    info.AddMember("splunkd_uri", "https://127.0.0.1:8089", a);
    info.AddMember("splunk_version", "9.3.0", a);
    info.AddMember("search", str(percent_encode(spl)), a);
    info.AddMember("command", str(command), a);
    info.AddMember("maxresultrows", options.maxresultrows, a);
    info.AddMember("earliest_time", "0", a);
    info.AddMember("latest_time", "0", a);
    getinfo.AddMember("action", "getinfo", a);
    getinfo.AddMember("preview", false, a);
    getinfo.AddMember("streaming_command_will_restart", false, a);
    getinfo.AddMember("searchinfo", info, a);

    auto finish = [&](bool closed_properly) {
        child.close_input();
        std::string trailing;
        run.exit_code = child.wait(deadline, run.timed_out, trailing);
        run.err = child.err();
        if (!trailing.empty() && run.protocol_error.empty())
            run.protocol_error = "bytes after the last chunk: '" + trailing.substr(0, 80) + "'";
        if (run.timed_out && run.protocol_error.empty()) run.protocol_error = "the command did not exit in time";
        run.completed = closed_properly && run.protocol_error.empty();
        return run;
    };
    auto abort_with = [&](const std::string& why) {
        fail(why);
        return finish(false);
    };

    if (!child.write_all(request_chunk(getinfo, ""))) return abort_with("the command did not read its getinfo chunk");
    Reply reply;
    std::string error;
    if (!read_reply(child, deadline, reply, error, run.timed_out)) return abort_with("getinfo reply: " + error);
    auto type = reply.meta.FindMember("type");
    static const std::set<std::string> types = {"events", "reporting", "streaming", "stateful"};
    if (type == reply.meta.MemberEnd() || !type->value.IsString() || !types.count(type->value.GetString()))
        return abort_with("getinfo reply has no valid \"type\": " + json_text(reply.meta));
    run.getinfo_type = type->value.GetString();
    auto gen = reply.meta.FindMember("generating");
    run.generating = gen != reply.meta.MemberEnd() && gen->value.IsBool() && gen->value.GetBool();
    if (!reply.body.empty()) return abort_with("getinfo reply carries a body");
    if (!take_messages(reply.meta, run.messages, error)) return abort_with("getinfo reply: " + error);
    auto fin = reply.meta.FindMember("finished");
    if (fin != reply.meta.MemberEnd() && fin->value.IsBool() && fin->value.GetBool()) return finish(true);

    // A generating command gets execute chunks with no input rows until it says finished.
    for (size_t round = 0; round < 100000; ++round) {
        rapidjson::Document exec(rapidjson::kObjectType);
        exec.AddMember("action", "execute", exec.GetAllocator());
        exec.AddMember("finished", true, exec.GetAllocator());
        ++run.execute_chunks;
        if (!child.write_all(request_chunk(exec, ""))) return abort_with("the command stopped reading before finished");
        if (!read_reply(child, deadline, reply, error, run.timed_out)) return abort_with("execute reply: " + error);
        auto f = reply.meta.FindMember("finished");
        if (f == reply.meta.MemberEnd() || !f->value.IsBool())
            return abort_with("execute reply has no boolean \"finished\": " + json_text(reply.meta));
        if (!take_messages(reply.meta, run.messages, error)) return abort_with("execute reply: " + error);
        std::vector<std::vector<std::string>> records;
        if (!parse_csv(reply.body, records, error)) return abort_with("execute reply body: " + error);
        size_t n = records.empty() ? 0 : records.size() - 1;
        if (!records.empty()) {
            run.fields = records.front();
            std::set<std::string> unique(run.fields.begin(), run.fields.end());
            if (unique.size() != run.fields.size()) return abort_with("execute reply header repeats a field");
            for (size_t r = 1; r < records.size(); ++r) {
                std::map<std::string, std::string> row;
                for (size_t c = 0; c < run.fields.size(); ++c) row[run.fields[c]] = records[r][c];
                run.rows.push_back(std::move(row));
            }
        }
        run.rows_per_chunk.push_back(n);
        if (static_cast<int64_t>(n) > options.maxresultrows)
            return abort_with("a reply carries " + std::to_string(n) + " rows, above maxresultrows");
        if (f->value.GetBool()) return finish(true);
    }
    return abort_with("the command never said finished");
}

}  // namespace eventgen::test
