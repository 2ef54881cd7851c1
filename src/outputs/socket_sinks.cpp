// tcpout, udpout and syslogout: plain sockets to a receiver.
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/log.h"
#include "config/output_settings.h"
#include "outputs/sink.h"
#include "outputs/support/retry_policy.h"

namespace eventgen {

namespace {

// Resolves and connects (TCP) or connects (UDP, so send() reports ICMP errors); -1 on failure.
int open_socket(const SocketTarget& t, int type, std::string& error) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = type;
    addrinfo* res = nullptr;
    std::string port = std::to_string(t.port);
    int rc = getaddrinfo(t.host.c_str(), port.c_str(), &hints, &res);
    if (rc != 0) {
        error = "cannot resolve " + t.host + ": " + gai_strerror(rc);
        return -1;
    }
    int fd = -1;
    for (addrinfo* a = res; a; a = a->ai_next) {
        fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) break;
        error = "cannot connect to " + t.host + ":" + port + ": " + std::strerror(errno);
        ::close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    return fd;
}

class TcpSink : public Sink {
public:
    TcpSink(const SocketTarget& t, const std::atomic<bool>* cancel) : target_(t), cancel_(cancel) {}
    ~TcpSink() override { close(); }

    uint64_t write(const FormattedBatch& b) override {
        // A receiver that restarts gets the batch again from the start of the failed
        // write; events already sent before the failure may arrive twice (TCP gives no
        // receipt), never zero times.
        Backoff backoff(RetryPolicy::for_attempts(21, std::chrono::milliseconds(100)), cancel_);
        while (true) {
            std::string error;
            if (fd_ < 0) fd_ = open_socket(target_, SOCK_STREAM, error);
            if (fd_ >= 0) {
                try {
                    write_all(fd_, b.data.data(), b.data.size(), "tcp " + where());
                    stats.events += b.events;
                    stats.bytes += b.data.size();
                    return 0;
                } catch (const OutputError& e) {
                    error = e.what();
                    ::close(fd_);
                    fd_ = -1;
                }
            }
            if (backoff.failures() == 0) LOG_WARN("tcpout: " << error << "; retrying");
            if (!backoff.retry()) {  // the receiver may be restarting
                LOG_ERROR("tcpout: giving up on " << b.events << " event(s): " << error);
                stats.failed += b.events;
                return b.events;
            }
        }
    }
    void close() override {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }
    std::string describe() const override { return "tcpout " + where(); }

private:
    std::string where() const { return target_.host + ":" + std::to_string(target_.port); }
    SocketTarget target_;
    const std::atomic<bool>* cancel_;
    int fd_ = -1;
};

class UdpSink : public Sink {
public:
    UdpSink(const SocketTarget& t, std::string what) : target_(t), what_(std::move(what)) {}
    ~UdpSink() override { close(); }

    uint64_t write(const FormattedBatch& b) override {
        std::string error;
        if (fd_ < 0) fd_ = open_socket(target_, SOCK_DGRAM, error);
        if (fd_ < 0) throw OutputError(what_ + ": " + error);
        uint64_t failed = 0;
        for (uint32_t i = 0; i < b.events; ++i) {
            uint32_t start = i == 0 ? 0 : b.event_ends[i - 1];
            uint32_t len = b.event_ends[i] - start;
            // One datagram per event; UDP has no delivery receipt, so only local send
            // errors (no route, refused port reported by ICMP) count as failures.
            ssize_t n;
            do {
                n = ::send(fd_, b.data.data() + start, len, 0);
            } while (n < 0 && errno == EINTR);
            if (n < 0) {
                ++failed;
                if (errno != ECONNREFUSED) LOG_WARN(what_ << ": " << std::strerror(errno));
            } else {
                stats.bytes += static_cast<uint64_t>(n);
            }
        }
        stats.events += b.events - failed;
        stats.failed += failed;
        return failed;
    }
    void close() override {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }
    std::string describe() const override { return what_ + " " + target_.host + ":" + std::to_string(target_.port); }

private:
    SocketTarget target_;
    std::string what_;
    int fd_ = -1;
};

}  // namespace

std::unique_ptr<Sink> make_tcp_sink(const SocketTarget& target, const std::atomic<bool>* cancel) {
    return std::make_unique<TcpSink>(target, cancel);
}

std::unique_ptr<Sink> make_udp_sink(const SocketTarget& target, const std::string& what) {
    return std::make_unique<UdpSink>(target, what);
}

}  // namespace eventgen
