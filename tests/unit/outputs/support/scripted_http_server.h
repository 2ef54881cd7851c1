#pragma once
// A scripted HTTP server on loopback for unit tests of HttpClient and the HTTP sinks:
// it accepts connections one after another and runs a script on each, with helpers to
// read requests and write answers. Every wait is bounded (kIoMs).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace eventgen::test {

inline constexpr int kIoMs = 5000;  // bound on every wait of the scripted server

// Waits for `events` on fd; false after kIoMs.
inline bool ready(int fd, short events) {
    pollfd p{fd, events, 0};
    return ::poll(&p, 1, kIoMs) > 0;
}

inline bool write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        if (!ready(fd, POLLOUT)) return false;
        ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n <= 0) return false;
        data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

// One connection of the scripted server, with what it has read and not yet used.
struct Peer {
    int fd;
    std::string pending;
    // Reads what has arrived (waiting up to kIoMs); false at end of stream or timeout.
    bool fill() {
        char buf[65536];
        if (!ready(fd, POLLIN)) return false;
        ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) return false;
        pending.append(buf, static_cast<size_t>(n));
        return true;
    }
    // The next request head (through the blank line); empty at end of stream.
    std::string head() {
        size_t end;
        while ((end = pending.find("\r\n\r\n")) == std::string::npos)
            if (!fill()) return "";
        std::string h = pending.substr(0, end + 4);
        pending.erase(0, end + 4);
        return h;
    }
    // The body that `head` announces.
    std::string body(const std::string& head) {
        size_t at = head.find("Content-Length: ");
        size_t length = at == std::string::npos ? 0 : std::stoul(head.substr(at + 16));
        while (pending.size() < length)
            if (!fill()) return "";
        std::string b = pending.substr(0, length);
        pending.erase(0, length);
        return b;
    }
    bool eof() {  // the client closed its side
        return pending.empty() && !fill();
    }
};

inline const std::string kOk = "HTTP/1.1 200 OK\r\nContent-Length: 27\r\n\r\n{\"text\":\"Success\",\"code\":0}";

// Accepts connections one after another and runs `script` on each (with its number,
// from 1); records every request the scripts read.
class ScriptedServer {
public:
    using Script = std::function<void(Peer&, int connection, ScriptedServer&)>;
    explicit ScriptedServer(Script script, int rcvbuf = 0) : script_(std::move(script)) {
        listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        // Inherited by accepted sockets: a small window keeps the client mid-send.
        if (rcvbuf) ::setsockopt(listen_fd_, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
        ::listen(listen_fd_, 8);
        socklen_t len = sizeof a;
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~ScriptedServer() {
        stop_ = true;
        thread_.join();
        ::close(listen_fd_);
    }
    int port() const { return port_; }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
    int connections() const { return connections_; }
    // Reads one request on `p` and records it; false at end of stream.
    bool take_request(Peer& p, std::string* head_out = nullptr, std::string* body_out = nullptr) {
        std::string head = p.head();
        if (head.empty()) return false;
        std::string body = p.body(head);
        record(head, body);
        if (head_out) *head_out = head;
        if (body_out) *body_out = body;
        return true;
    }
    void record(const std::string& head, const std::string& body) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            heads_.push_back(head);
            bodies_.push_back(body);
        }
        recorded_.notify_all();
    }
    // Waits (at most kIoMs) until `n` requests were read whole: a client may have its
    // answer before the server has read the body.
    bool wait_for_requests(size_t n) {
        std::unique_lock<std::mutex> lock(mutex_);
        return recorded_.wait_for(lock, std::chrono::milliseconds(kIoMs), [&] { return heads_.size() >= n; });
    }
    std::vector<std::string> heads() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return heads_;
    }
    std::vector<std::string> bodies() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return bodies_;
    }

private:
    void serve() {
        while (!stop_) {
            pollfd p{listen_fd_, POLLIN, 0};
            if (::poll(&p, 1, 20) <= 0) continue;  // look at stop_ between waits
            int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0) continue;
            Peer peer{fd, {}};
            script_(peer, ++connections_, *this);
            ::close(fd);
        }
    }
    Script script_;
    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<int> connections_{0};
    mutable std::mutex mutex_;
    std::condition_variable recorded_;
    std::vector<std::string> heads_, bodies_;
    std::thread thread_;
};

// Answers every request on the connection with `reply`.
inline ScriptedServer::Script answer_all(std::string reply) {
    return [reply](Peer& p, int, ScriptedServer& s) {
        while (s.take_request(p))
            if (!write_all(p.fd, reply)) return;
    };
}

}  // namespace eventgen::test
