#include "splunkd_standin.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <pugixml.hpp>

#include "loopback.h"

namespace eventgen::test {

namespace fs = std::filesystem;

namespace {

std::string xml_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

// UTF-16LE with a byte order mark, as the Python SDK's fixtures are encoded.
std::string to_utf16le(const std::string& ascii) {
    std::string out = "\xFF\xFE";
    for (char c : ascii) {
        out += c;
        out += '\0';
    }
    return out;
}

}  // namespace

SplunkdStandin::SplunkdStandin(std::string splunk_home) : home_(std::move(splunk_home)) {}

std::string SplunkdStandin::find_executable(const std::string& app, const std::string& scheme) const {
    fs::path app_dir = fs::path(home_) / "etc" / "apps" / app;
    // splunkd prefers the folder of its own architecture (the one the tests are built for).
    for (const char* dir : {"linux_" EVENTGEN_TARGET_ARCH "/bin", "bin"})
        for (const char* ext : {"", ".sh", ".py"}) {
            fs::path p = app_dir / dir / (scheme + ext);
            if (fs::is_regular_file(p) && access(p.c_str(), X_OK) == 0) return p.string();
        }
    return "";
}

std::string SplunkdStandin::hostile_library_path() const {
    // Files named like the libraries eventgen links, but not libraries at all: a binary
    // that lets LD_LIBRARY_PATH reach the loader cannot start.
    fs::path dir = fs::path(home_) / "lib";
    fs::create_directories(dir);
    for (const char* lib : {"libcurl.so.4", "libssl.so.3", "libcrypto.so.3", "libpcre2-8.so.0", "libpugixml.so.1",
                            "libstdc++.so.6", "libz.so.1"})
        write_file((dir / lib).string(), "not a shared object");
    return dir.string();
}

ProcessResult SplunkdStandin::scheme(const std::string& app) const {
    return run_process({find_executable(app), "--scheme"}, "", std::chrono::seconds(10),
                       {{"SPLUNK_HOME", home_}, {"LD_LIBRARY_PATH", hostile_library_path()}});
}

ProcessResult SplunkdStandin::validate(const std::string& app, const std::string& name,
                                       const std::map<std::string, std::string>& params, bool utf16) const {
    std::string doc = "<?xml version=\"1.0\" encoding=\"" + std::string(utf16 ? "UTF-16" : "UTF-8") +
                      "\"?>\n<items><server_host>standin</server_host><server_uri>https://127.0.0.1:8089</server_uri>"
                      "<session_key>k</session_key><checkpoint_dir>" +
                      xml_escape(home_ + "/var/lib/splunk/modinputs/modinput_eventgen") + "</checkpoint_dir><item name=\"" +
                      xml_escape(name) + "\">";
    for (const auto& [k, v] : params) doc += "<param name=\"" + xml_escape(k) + "\">" + xml_escape(v) + "</param>";
    doc += "</item></items>";
    return run_process({find_executable(app), "--validate-arguments"}, utf16 ? to_utf16le(doc) : doc,
                       std::chrono::seconds(10), {{"SPLUNK_HOME", home_}, {"LD_LIBRARY_PATH", hostile_library_path()}});
}

std::string SplunkdStandin::input_document(const std::string& app, const std::string& stanza,
                                           const std::map<std::string, std::string>& params,
                                           const std::string& server_uri, const std::string& session_key) const {
    std::string doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<input><server_host>standin</server_host><server_uri>" +
                      xml_escape(server_uri) + "</server_uri><session_key>" + xml_escape(session_key) +
                      "</session_key><checkpoint_dir>" +
                      xml_escape(home_ + "/var/lib/splunk/modinputs/modinput_eventgen") +
                      "</checkpoint_dir><configuration><stanza name=\"" + xml_escape(stanza) + "\" app=\"" +
                      xml_escape(app) + "\">";
    // splunkd also passes keys the scheme does not declare, and placeholders.
    std::map<std::string, std::string> all = {{"disabled", "0"}, {"host", "$decideOnStartup"}, {"index", "default"},
                                              {"interval", "60"}, {"start_by_shell", "false"}};
    for (const auto& [k, v] : params) all[k] = v;
    for (const auto& [k, v] : all) doc += "<param name=\"" + xml_escape(k) + "\">" + xml_escape(v) + "</param>";
    doc += "</stanza></configuration></input>\n";
    return doc;
}

std::unique_ptr<RunningProcess> SplunkdStandin::start(const std::string& app, const std::string& stanza,
                                                      const std::map<std::string, std::string>& params,
                                                      const std::string& server_uri,
                                                      const std::string& session_key) const {
    return std::make_unique<RunningProcess>(
        std::vector<std::string>{find_executable(app)}, input_document(app, stanza, params, server_uri, session_key),
        std::map<std::string, std::string>{{"SPLUNK_HOME", home_}, {"LD_LIBRARY_PATH", hostile_library_path()}});
}

ParsedStream SplunkdStandin::parse_stream(const std::string& output) {
    ParsedStream p;
    p.closed = output.find("</stream>") != std::string::npos;
    pugi::xml_document doc;
    pugi::xml_parse_result r = doc.load_buffer(output.data(), output.size());
    p.well_formed = static_cast<bool>(r) && doc.child("stream");
    if (!r) p.error = r.description();
    for (auto e : doc.child("stream").children("event")) {
        StreamEvent ev;
        ev.stanza = e.attribute("stanza").as_string();
        ev.time = e.child_value("time");
        ev.index = e.child_value("index");
        ev.source = e.child_value("source");
        ev.sourcetype = e.child_value("sourcetype");
        ev.host = e.child_value("host");
        ev.data = e.child_value("data");
        p.events.push_back(std::move(ev));
    }
    return p;
}

ConfRestServer::ConfRestServer(std::string session_key, std::string json_body)
    : key_(std::move(session_key)), body_(std::move(json_body)) {
    listen_fd_ = open_loopback_socket(SOCK_STREAM, 16, port_);
    thread_ = std::thread([this] { serve(); });
}

ConfRestServer::~ConfRestServer() {
    stop_ = true;
    thread_.join();
    close(listen_fd_);
}

std::string ConfRestServer::last_path() const {
    std::lock_guard<std::mutex> lock(mu_);
    return last_path_;
}

void ConfRestServer::serve() {
    while (!stop_) {
        pollfd p{listen_fd_, POLLIN, 0};
        if (poll(&p, 1, 50) <= 0) continue;
        int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) continue;
        std::string req;
        char buf[4096];
        while (req.find("\r\n\r\n") == std::string::npos) {
            pollfd rp{fd, POLLIN, 0};
            if (poll(&rp, 1, 2000) <= 0) break;
            ssize_t n = read(fd, buf, sizeof buf);
            if (n <= 0) break;
            req.append(buf, static_cast<size_t>(n));
        }
        ++requests_;
        std::string path = req.substr(req.find(' ') + 1);
        path = path.substr(0, path.find(' '));
        {
            std::lock_guard<std::mutex> lock(mu_);
            last_path_ = path;
        }
        bool authorized = req.find("Authorization: Splunk " + key_ + "\r\n") != std::string::npos;
        bool known = path.find("/configs/conf-eventgen") != std::string::npos;
        std::string status = !authorized ? "401 Unauthorized" : known ? "200 OK" : "404 Not Found";
        std::string body = !authorized ? R"({"messages":[{"type":"WARN","text":"call not properly authenticated"}]})"
                           : known     ? body_
                                       : R"({"messages":[{"type":"ERROR","text":"Not Found"}]})";
        std::string resp = "HTTP/1.1 " + status + "\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        ssize_t w = write(fd, resp.data(), resp.size());
        (void)w;
        close(fd);
    }
}

}  // namespace eventgen::test
