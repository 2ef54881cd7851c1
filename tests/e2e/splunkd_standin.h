#pragma once
// A stand-in for splunkd, for tests: it finds and runs the modular input exactly as
// splunkd does (scheme introspection, external validation, the <input> document on
// stdin, SIGTERM to stop, a hostile LD_LIBRARY_PATH), serves the REST endpoint the
// input reads its configuration from, and parses the event stream like splunkd.
#include <atomic>
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
