#pragma once
// Byte streams over an accepted socket, plain or TLS, with per-call timeouts.
// Sockets are non-blocking; waits use poll(), so shutdown() from another thread
// (kill(), the destructor) wakes a blocked reader at once.
#include <openssl/ssl.h>

#include <cstddef>
#include <memory>
#include <string_view>

namespace eventgen::test {

class Transport {
public:
    static constexpr long kEof = 0, kError = -1, kTimeout = -2;

    virtual ~Transport() = default;
    // TLS handshake; plain sockets succeed at once.
    virtual bool handshake(int timeout_ms) = 0;
    // >0 bytes read, or kEof, kError, kTimeout.
    virtual long read_some(char* buf, size_t n, int timeout_ms) = 0;
    virtual bool write_all(std::string_view data, int timeout_ms) = 0;
    // Half-close: FIN (plus close_notify on TLS); reading stays possible.
    virtual void close_write() = 0;
};

// Neither takes ownership of fd; the caller closes it after the transport is gone.
std::unique_ptr<Transport> make_plain_transport(int fd);
std::unique_ptr<Transport> make_tls_transport(int fd, SSL_CTX* ctx);

}  // namespace eventgen::test
