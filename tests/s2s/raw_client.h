#pragma once
// A hand-rolled S2S sender for the receiver's own tests: bytes are built here, by the
// format's description, not by src/outputs/s2s, so both sides are checked against it.
#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace eventgen::test::s2s {

inline std::string u32(uint32_t v) {
    std::string o;
    for (int s = 24; s >= 0; s -= 8) o.push_back(static_cast<char>(v >> s));
    return o;
}
inline std::string str(const std::string& s) { return u32(static_cast<uint32_t>(s.size() + 1)) + s + std::string(1, '\0'); }

inline std::string signature(const std::string& banner, const std::string& name = "test-forwarder",
                             const std::string& port = "8089") {
    auto slot = [](const std::string& s, size_t w) { return s + std::string(w - s.size(), '\0'); };
    return slot(banner, 128) + slot(name, 256) + slot(port, 16);
}

using Pairs = std::vector<std::pair<std::string, std::string>>;
inline std::string frame(const Pairs& pairs) {
    std::string body = u32(static_cast<uint32_t>(pairs.size()));
    for (const auto& [k, v] : pairs) body += str(k) + str(v);
    body += u32(0) + str("_raw");
    return u32(static_cast<uint32_t>(body.size())) + body;
}

inline std::string event(const std::string& raw, const std::string& host = "h1", uint64_t id = 0) {
    Pairs p = {{"_raw", raw},
               {"_time", "1700000000"},
               {"MetaData:Host", "host::" + host},
               {"MetaData:Source", "source::/var/log/x"},
               {"MetaData:Sourcetype", "sourcetype::st"},
               {"_MetaData:Index", "main"},
               {"_done", "_done"}};
    if (id) p.emplace_back("__s2s_eventId", std::to_string(id));
    return frame(p);
}

inline std::string zlib_stream(const std::string& in) {
    z_stream z{};
    deflateInit(&z, 1);
    std::string out(compressBound(static_cast<uLong>(in.size())) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_SYNC_FLUSH);
    out.resize(out.size() - z.avail_out);
    deflateEnd(&z);
    return out;
}

// A blocking client connection, plain or TLS.
class RawClient {
public:
    explicit RawClient(uint16_t port, SSL_CTX* tls = nullptr) {
        // Tests write to receivers that close on purpose; OpenSSL writes with write(2),
        // so without this the peer's close kills the test process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN);
        fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in sa{};
        sa.sin_family = AF_INET;
        sa.sin_port = htons(port);
        inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0;
        if (connected_ && tls) {
            ssl_ = SSL_new(tls);
            SSL_set_fd(ssl_, fd_);
            tls_ok_ = SSL_connect(ssl_) == 1;
        }
    }
    ~RawClient() {
        if (ssl_) SSL_free(ssl_);
        close(fd_);
    }
    bool connected() const { return connected_; }
    bool tls_ok() const { return tls_ok_; }
    bool send(const std::string& data) {
        size_t done = 0;
        while (done < data.size()) {
            long n = ssl_ ? SSL_write(ssl_, data.data() + done, static_cast<int>(data.size() - done))
                          : ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
            if (n <= 0) return false;
            done += static_cast<size_t>(n);
        }
        return true;
    }
    // Reads until `n` bytes arrived, the peer closed, or timeout_ms passed.
    std::string read(size_t n, int timeout_ms = 5000) {
        std::string out;
        char buf[4096];
        while (out.size() < n) {
            if (!(ssl_ && SSL_pending(ssl_) > 0)) {
                pollfd p{fd_, POLLIN, 0};
                if (poll(&p, 1, timeout_ms) <= 0) break;
            }
            long got = ssl_ ? SSL_read(ssl_, buf, static_cast<int>(std::min(sizeof buf, n - out.size())))
                            : ::recv(fd_, buf, std::min(sizeof buf, n - out.size()), 0);
            if (got <= 0) {
                closed_ = true;
                break;
            }
            out.append(buf, static_cast<size_t>(got));
        }
        return out;
    }
    // True once the receiver closed (or reset) the connection within timeout_ms.
    bool closed_by_peer(int timeout_ms = 5000) {
        read(1 << 20, timeout_ms);
        return closed_;
    }
    // The __s2s_control_msg frame answering a v3 capabilities frame.
    std::string read_control() {
        std::string head = read(4);
        if (head.size() < 4) return "";
        uint32_t size = (uint32_t(uint8_t(head[0])) << 24) | (uint32_t(uint8_t(head[1])) << 16) |
                        (uint32_t(uint8_t(head[2])) << 8) | uint32_t(uint8_t(head[3]));
        return head + read(size);
    }

private:
    int fd_ = -1;
    SSL* ssl_ = nullptr;
    bool connected_ = false, tls_ok_ = false, closed_ = false;
};

}  // namespace eventgen::test::s2s
