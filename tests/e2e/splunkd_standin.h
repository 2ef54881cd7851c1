#pragma once
// A stand-in for splunkd, for tests: it finds and runs the modular input exactly as
// splunkd does (scheme introspection, external validation, the <input> document on
// stdin, SIGTERM to stop, a hostile LD_LIBRARY_PATH), serves the REST endpoint the
// input reads its configuration from, and parses the event stream like splunkd.
// Its search side (splunkd_search.cpp) runs `| eventgen ...` the way splunkd runs a
// chunked custom search command: commands.conf lookup, argv, environment, working
// folder, and the getinfo/execute exchange of protocol v2 with every chunk parsed
// strictly.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "process.h"

namespace eventgen::test {

struct StreamEvent {
    std::string stanza, time, index, source, sourcetype, host, data;
};

struct ParsedStream {
    bool well_formed = false;  // the whole output is one valid <stream> document
    bool closed = false;       // it ends with </stream>
    std::vector<StreamEvent> events;
    std::string error;
};

struct SearchMessage {
    std::string level, text;  // an inspector message: DEBUG, INFO, WARN, ERROR, FATAL
};

// What one search gave back, as splunkd saw it.
struct SearchRun {
    bool completed = false;        // a reply said finished and the exchange was well formed
    std::string protocol_error;    // the first thing the command got wrong (empty when none)
    std::string getinfo_type;      // "type" of the getinfo reply
    bool generating = false;
    std::vector<std::string> fields;                        // of the last body with rows
    std::vector<std::map<std::string, std::string>> rows;   // every body's rows, in order
    std::vector<SearchMessage> messages;                    // from every reply's inspector
    size_t execute_chunks = 0;     // execute requests sent
    std::vector<size_t> rows_per_chunk;
    int exit_code = -1;            // the command's exit status (-1: killed)
    bool timed_out = false;
    std::string err;               // the command's stderr (splunkd puts it in search.log)
    std::vector<std::string> argv; // how the command was started
    std::string cwd;
    // Convenience for tests.
    std::vector<std::string> messages_of(const std::string& level) const;
};

struct SearchOptions {
    std::string app = "search";     // the app the search runs in (searchinfo.app)
    int64_t maxresultrows = 50000;  // splunkd's limits.conf maxresultrows
    std::chrono::milliseconds timeout{30000};
};

class SplunkdStandin {
public:
    explicit SplunkdStandin(std::string splunk_home);
    const std::string& home() const { return home_; }
    // splunkd's lookup: <app>/linux_x86_64/bin/<scheme>[.sh|.py], then <app>/bin/<scheme>[.sh|.py].
    std::string find_executable(const std::string& app, const std::string& scheme = "modinput_eventgen") const;

    ProcessResult scheme(const std::string& app) const;
    ProcessResult validate(const std::string& app, const std::string& name,
                           const std::map<std::string, std::string>& params, bool utf16 = false) const;
    // Starts the input with its <input> document; server_uri/session_key for REST.
    std::unique_ptr<RunningProcess> start(const std::string& app, const std::string& stanza,
                                          const std::map<std::string, std::string>& params,
                                          const std::string& server_uri = "https://127.0.0.1:8089",
                                          const std::string& session_key = "test-session-key") const;
    std::string input_document(const std::string& app, const std::string& stanza,
                               const std::map<std::string, std::string>& params, const std::string& server_uri,
                               const std::string& session_key) const;
    // What the child sees instead of its real libraries: a folder of broken copies.
    std::string hostile_library_path() const;

    static ParsedStream parse_stream(const std::string& output);

    // Runs the first command of `spl` (e.g. "| eventgen stanza=x count=5 | stats count")
    // as splunkd runs a chunked external command.
    SearchRun search(const std::string& spl, const SearchOptions& options = {}) const;

private:
    std::string home_;
};

// A tiny HTTP server for splunkd's configs/conf-eventgen endpoint.
class ConfRestServer {
public:
    ConfRestServer(std::string session_key, std::string json_body);
    ~ConfRestServer();
    int port() const { return port_; }
    std::string uri() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int requests() const { return requests_.load(); }
    std::string last_path() const;

private:
    void serve();
    std::string key_, body_;
    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<int> requests_{0};
    std::atomic<bool> stop_{false};
    mutable std::mutex mu_;
    std::string last_path_;
    std::thread thread_;
};

}  // namespace eventgen::test
