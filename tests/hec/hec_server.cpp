#include "hec_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

#include "hec_connection.h"
#include "hec_service.h"
#include "tls_material.h"

namespace eventgen::test {

struct HecServer::Connection {
    std::thread thread;
    int fd = -1;  // closed by its own thread, under conns_mu_, so shutdown() never hits a reused fd
    bool done = false;
};

HecServer::HecServer(HecServerOptions options) : options_(std::move(options)) {
    if (options_.tls) tls_ = std::make_unique<TlsMaterial>(options_.tls_names);
    service_ = std::make_unique<HecService>(options_, accounting_, faults_);
    wake_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (wake_fd_ < 0) throw std::runtime_error(std::string("eventfd: ") + std::strerror(errno));
    port_ = options_.port;
    std::string err = open_listener();
    if (!err.empty()) {
        close(wake_fd_);
        throw std::runtime_error("HEC test server: " + err);
    }
    is_listening_ = true;
    acceptor_ = std::thread([this] { accept_loop(); });
}

HecServer::~HecServer() {
    {
        std::lock_guard lock(ctl_mu_);
        stopping_ = true;
        ++kill_epoch_;
    }
    stall_cv_.notify_all();
    ctl_cv_.notify_all();
    wake_acceptor();
    acceptor_.join();
    std::list<std::unique_ptr<Connection>> conns;
    {
        std::lock_guard lock(conns_mu_);
        for (auto& c : conns_)
            if (c->fd >= 0) shutdown(c->fd, SHUT_RDWR);
        conns.swap(conns_);
    }
    for (auto& c : conns) c->thread.join();
    close(wake_fd_);
}

std::string HecServer::base_url() const {
    return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

std::string HecServer::url(std::string_view path) const { return base_url() + std::string(path); }
std::string HecServer::ca_path() const { return tls_ ? tls_->ca_path() : std::string(); }
std::string HecServer::cert_path() const { return tls_ ? tls_->cert_path() : std::string(); }
std::string HecServer::key_path() const { return tls_ ? tls_->key_path() : std::string(); }

void HecServer::add_token(const HecToken& token) { service_->add_token(token); }
bool HecServer::set_token_disabled(const std::string& token, bool disabled) {
    return service_->set_token_disabled(token, disabled);
}
bool HecServer::set_token_ack(const std::string& token, bool use_ack) {
    return service_->set_token_ack(token, use_ack);
}

void HecServer::inject(HecFault fault, int count) { faults_.inject(fault, count); }
void HecServer::busy_for(std::chrono::milliseconds window) { faults_.busy_for(window); }
void HecServer::throttle_for(std::chrono::milliseconds window) { faults_.throttle_for(window); }
void HecServer::status_windows(HecFault status, std::chrono::milliseconds period, std::chrono::milliseconds length) {
    faults_.status_windows(status, period, length);
}
void HecServer::set_response_delay(std::chrono::milliseconds delay, int count) {
    faults_.set_response_delay(delay, count);
}
void HecServer::set_ack_delay(std::chrono::milliseconds delay) { faults_.set_ack_delay(delay); }
void HecServer::reset_connections_after(int requests) { faults_.reset_connections_after(requests); }
void HecServer::clear_faults() { faults_.clear(); }

HecStats HecServer::stats() const { return accounting_.snapshot(); }
std::vector<HecEvent> HecServer::events() const { return accounting_.events(); }
uint64_t HecServer::event_count() const { return accounting_.snapshot().events; }
bool HecServer::wait_for_events(uint64_t count, std::chrono::milliseconds timeout) const {
    return accounting_.wait_until([count](const HecStats& s) { return s.events >= count; }, timeout);
}
bool HecServer::wait_for(const std::function<bool(const HecStats&)>& pred, std::chrono::milliseconds timeout) const {
    return accounting_.wait_until(pred, timeout);
}
size_t HecServer::pending_acks() const { return service_->pending_acks(); }
std::string HecServer::stats_json() const { return stats_to_json(accounting_.snapshot()); }
void HecServer::reset_stats() { accounting_.reset(); }

size_t HecServer::open_connections() const { return accounting_.snapshot().open_connections; }

std::string HecServer::open_listener() {
    in_addr addr{};
    if (inet_pton(AF_INET, options_.bind_address.c_str(), &addr) != 1)
        return "not an IPv4 address: " + options_.bind_address;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return std::string("socket: ") + std::strerror(errno);
    int one = 1;
    // Lets start_listening() take the port back while old connections sit in TIME_WAIT.
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_addr = addr;
    sa.sin_port = htons(port_);
    if (bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 || listen(fd, 512) != 0) {
        std::string err = "cannot listen on " + options_.bind_address + ":" + std::to_string(port_) + ": " +
                          std::strerror(errno);
        close(fd);
        return err;
    }
    socklen_t len = sizeof sa;
    getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len);
    port_ = ntohs(sa.sin_port);
    listen_fd_ = fd;
    return "";
}

void HecServer::wake_acceptor() {
    uint64_t one = 1;
    [[maybe_unused]] ssize_t n = write(wake_fd_, &one, sizeof one);
}

void HecServer::change_listening(bool want) {
    std::unique_lock lock(ctl_mu_);
    want_listening_ = want;
    uint64_t ticket = ++ctl_requested_;
    wake_acceptor();
    ctl_cv_.wait(lock, [&] { return ctl_applied_ >= ticket || stopping_; });
    if (want && !listen_error_.empty()) throw std::runtime_error("HEC test server: " + listen_error_);
}

void HecServer::stop_listening() { change_listening(false); }
void HecServer::start_listening() { change_listening(true); }

bool HecServer::listening() const {
    std::lock_guard lock(ctl_mu_);
    return is_listening_;
}

void HecServer::kill() {
    stop_listening();
    {
        std::lock_guard lock(ctl_mu_);
        ++kill_epoch_;
    }
    stall_cv_.notify_all();
    std::lock_guard lock(conns_mu_);
    for (auto& c : conns_)
        if (c->fd >= 0 && !c->done) {
            shutdown(c->fd, SHUT_RDWR);
            accounting_.connection_dropped();
        }
}

void HecServer::accept_loop() {
    // Writes to a vanished peer must fail with EPIPE, not kill the process; connection
    // threads inherit this mask.
    sigset_t pipe_set;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, nullptr);

    for (;;) {
        pollfd fds[2] = {{wake_fd_, POLLIN, 0}, {listen_fd_, POLLIN, 0}};
        int rc = poll(fds, listen_fd_ >= 0 ? 2 : 1, -1);
        if (rc < 0 && errno != EINTR) break;
        if (fds[0].revents & POLLIN) {
            uint64_t count;
            [[maybe_unused]] ssize_t n = read(wake_fd_, &count, sizeof count);
        }
        reap_finished();
        {
            std::lock_guard lock(ctl_mu_);
            if (stopping_) break;
            if (ctl_applied_ < ctl_requested_) {
                listen_error_.clear();
                if (want_listening_ && listen_fd_ < 0) {
                    listen_error_ = open_listener();
                } else if (!want_listening_ && listen_fd_ >= 0) {
                    close(listen_fd_);
                    listen_fd_ = -1;
                }
                is_listening_ = listen_fd_ >= 0;
                ctl_applied_ = ctl_requested_;
                ctl_cv_.notify_all();
                continue;  // the listener may have changed: fds[1] is stale
            }
        }
        if (listen_fd_ >= 0 && (fds[1].revents & POLLIN)) accept_pending();
    }
    if (listen_fd_ >= 0) close(listen_fd_);
    listen_fd_ = -1;
    std::lock_guard lock(ctl_mu_);
    is_listening_ = false;
}

void HecServer::accept_pending() {
    for (;;) {
        sockaddr_in peer{};
        socklen_t len = sizeof peer;
        int fd = accept4(listen_fd_, reinterpret_cast<sockaddr*>(&peer), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            return;  // EAGAIN: backlog empty; anything else: try again on the next wake-up
        }
        accounting_.connection_accepted();
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        char ip[INET_ADDRSTRLEN] = "";
        inet_ntop(AF_INET, &peer.sin_addr, ip, sizeof ip);
        uint64_t epoch;
        {
            std::lock_guard lock(ctl_mu_);
            epoch = kill_epoch_;
        }
        std::lock_guard lock(conns_mu_);
        size_t open = 0;
        for (const auto& c : conns_) open += c->done ? 0 : 1;
        if (open >= options_.max_connections) {
            close(fd);
            accounting_.connection_dropped();
            accounting_.connection_closed();
            continue;
        }
        auto conn = std::make_unique<Connection>();
        conn->fd = fd;
        Connection* raw = conn.get();
        conn->thread =
            std::thread([this, raw, peer_ip = std::string(ip), epoch] { run_connection(raw, peer_ip, epoch); });
        conns_.push_back(std::move(conn));
    }
}

void HecServer::reap_finished() {
    std::list<std::unique_ptr<Connection>> finished;
    {
        std::lock_guard lock(conns_mu_);
        for (auto it = conns_.begin(); it != conns_.end();) {
            auto next = std::next(it);
            if ((*it)->done) finished.splice(finished.end(), conns_, it);
            it = next;
        }
    }
    for (auto& c : finished) c->thread.join();
}

void HecServer::run_connection(Connection* conn, std::string peer, uint64_t epoch) {
    auto dropped = [this, epoch] { return stopping_ || kill_epoch_ != epoch; };
    ConnectionEnv env{*service_, accounting_, faults_, options_, tls_ ? tls_->context() : nullptr,
                      [this, dropped](std::chrono::milliseconds delay) {
                          std::unique_lock lock(ctl_mu_);
                          return !stall_cv_.wait_for(lock, delay, dropped);
                      },
                      [this, dropped] {
                          std::lock_guard lock(ctl_mu_);
                          return dropped();
                      }};
    serve_connection(conn->fd, peer, env);
    {
        std::lock_guard lock(conns_mu_);
        close(conn->fd);
        conn->fd = -1;
        conn->done = true;
    }
    accounting_.connection_closed();
    wake_acceptor();
}

}  // namespace eventgen::test
