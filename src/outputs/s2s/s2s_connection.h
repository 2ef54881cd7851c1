#pragma once
// One connection to one indexer: TCP (optionally TLS), the signature, the v3
// capability handshake, an optional zlib stream, and the acknowledgements coming back.
#include <zlib.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "outputs/s2s/s2s_settings.h"

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;

namespace eventgen {

// The connection failed (refused, dropped, timed out, handshake declined): another
// indexer, or the same one later, may work.
class S2SError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class S2SConnection {
public:
    // `ctx` is the sink's TLS context (null without s2sUseSSL).
    S2SConnection(SocketTarget target, const S2SSettings& settings, SSL_CTX* ctx);
    ~S2SConnection();
    S2SConnection(const S2SConnection&) = delete;
    S2SConnection& operator=(const S2SConnection&) = delete;

    // Connects and negotiates. Throws S2SError, or OutputError when retrying cannot
    // help (the receiver's TLS certificate cannot be verified).
    void open();
    bool acks() const { return acks_; }
    bool compressed() const { return compress_; }
    // Writes everything (compressed when negotiated) or throws S2SError.
    void send(std::string_view data);
    // Waits up to timeout_ms for bytes from the receiver and decodes acknowledgements
    // into `ranges` (inclusive). False when nothing came. Throws S2SError when the
    // receiver closed the connection or sent something that is not an acknowledgement.
    bool read_acks(int timeout_ms, std::vector<std::pair<uint64_t, uint64_t>>& ranges);
    // Ends the connection cleanly (TLS close_notify, FIN).
    void close();
    uint64_t bytes_sent() const { return bytes_sent_; }
    std::string where() const;

private:
    void connect_tcp();
    void start_tls();
    void negotiate();
    void write_raw(const char* data, size_t size);
    // >0 bytes, 0 at end of stream, -1 on timeout; throws S2SError on errors.
    long read_raw(char* buf, size_t size, int timeout_ms);
    // Waits for the socket (POLLIN or POLLOUT); false on timeout.
    bool wait_for(short events, int timeout_ms);
    // Moves the complete acknowledgements buffered in in_ to `ranges`; returns how many.
    size_t decode_acks(std::vector<std::pair<uint64_t, uint64_t>>& ranges);

    SocketTarget target_;
    const S2SSettings& settings_;
    SSL_CTX* ctx_;
    SSL* ssl_ = nullptr;
    int fd_ = -1;
    bool acks_ = false, compress_ = false;
    z_stream z_{};
    bool z_ready_ = false;
    std::string zbuf_, in_;
    uint64_t bytes_sent_ = 0;
};

}  // namespace eventgen
