#include "transport.h"

#include <openssl/err.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>

namespace eventgen::test {

namespace {

using Clock = std::chrono::steady_clock;

// Waits for `events` until the deadline; false on timeout.
bool wait_fd(int fd, short events, Clock::time_point deadline) {
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left < 0) left = 0;
        pollfd p{fd, events, 0};
        int rc = poll(&p, 1, static_cast<int>(left));
        if (rc > 0) return true;  // ready, hung up or in error: the next call tells which
        if (rc == 0) return false;
        if (errno != EINTR) return true;
    }
}

Clock::time_point deadline_after(int timeout_ms) { return Clock::now() + std::chrono::milliseconds(timeout_ms); }

class PlainTransport : public Transport {
public:
    explicit PlainTransport(int fd) : fd_(fd) {}
    bool handshake(int) override { return true; }

    long read_some(char* buf, size_t n, int timeout_ms) override {
        auto deadline = deadline_after(timeout_ms);
        for (;;) {
            ssize_t got = recv(fd_, buf, n, 0);
            if (got > 0) return got;
            if (got == 0) return kEof;
            if (errno == EINTR) continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) return kError;
            if (!wait_fd(fd_, POLLIN, deadline)) return kTimeout;
        }
    }

    bool write_all(std::string_view data, int timeout_ms) override {
        auto deadline = deadline_after(timeout_ms);
        while (!data.empty()) {
            ssize_t sent = send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
            if (sent > 0) {
                data.remove_prefix(static_cast<size_t>(sent));
                continue;
            }
            if (sent < 0 && errno == EINTR) continue;
            if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return false;
            if (!wait_fd(fd_, POLLOUT, deadline)) return false;
        }
        return true;
    }

    void close_write() override { shutdown(fd_, SHUT_WR); }

private:
    int fd_;
};

class TlsTransport : public Transport {
public:
    TlsTransport(int fd, SSL_CTX* ctx) : fd_(fd), ssl_(SSL_new(ctx)) {
        if (ssl_) SSL_set_fd(ssl_, fd_);
    }
    ~TlsTransport() override {
        if (ssl_) SSL_free(ssl_);
    }

    bool handshake(int timeout_ms) override {
        if (!ssl_) return false;
        auto deadline = deadline_after(timeout_ms);
        for (;;) {
            ERR_clear_error();
            int rc = SSL_accept(ssl_);
            if (rc == 1) return true;
            if (!wait_for(SSL_get_error(ssl_, rc), deadline)) return false;
        }
    }

    long read_some(char* buf, size_t n, int timeout_ms) override {
        auto deadline = deadline_after(timeout_ms);
        for (;;) {
            ERR_clear_error();
            size_t got = 0;
            int rc = SSL_read_ex(ssl_, buf, n, &got);
            if (rc == 1) return static_cast<long>(got);
            int err = SSL_get_error(ssl_, rc);
            if (err == SSL_ERROR_ZERO_RETURN) return kEof;
            // A peer that closes without close_notify is treated as end of stream too.
            if (err == SSL_ERROR_SYSCALL || err == SSL_ERROR_SSL) return ERR_peek_error() == 0 ? kEof : kError;
            if (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE) return kError;
            if (!wait_fd(fd_, err == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline)) return kTimeout;
        }
    }

    bool write_all(std::string_view data, int timeout_ms) override {
        auto deadline = deadline_after(timeout_ms);
        while (!data.empty()) {
            ERR_clear_error();
            size_t sent = 0;
            int rc = SSL_write_ex(ssl_, data.data(), data.size(), &sent);
            if (rc == 1) {
                data.remove_prefix(sent);
                continue;
            }
            if (!wait_for(SSL_get_error(ssl_, rc), deadline)) return false;
        }
        return true;
    }

    void close_write() override {
        ERR_clear_error();
        SSL_shutdown(ssl_);  // sends close_notify; the peer's reply is not awaited
        shutdown(fd_, SHUT_WR);
    }

private:
    // Waits as OpenSSL asks; false for real errors and timeouts.
    bool wait_for(int ssl_error, Clock::time_point deadline) {
        if (ssl_error == SSL_ERROR_WANT_READ) return wait_fd(fd_, POLLIN, deadline);
        if (ssl_error == SSL_ERROR_WANT_WRITE) return wait_fd(fd_, POLLOUT, deadline);
        return false;
    }

    int fd_;
    SSL* ssl_;
};

}  // namespace

std::unique_ptr<Transport> make_plain_transport(int fd) { return std::make_unique<PlainTransport>(fd); }
std::unique_ptr<Transport> make_tls_transport(int fd, SSL_CTX* ctx) {
    return std::make_unique<TlsTransport>(fd, ctx);
}

}  // namespace eventgen::test
