#include "outputs/s2s/s2s_connection.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>

#include <cerrno>
#include <cstring>

#include "outputs/s2s/s2s_wire.h"
#include "outputs/support/tls_names.h"
#include "outputs/sink.h"

namespace eventgen {

namespace {

int timeout_ms(const S2SSettings& s) { return static_cast<int>(s.timeout_seconds * 1000); }

std::string ssl_error_text() {
    unsigned long e = ERR_get_error();
    if (e == 0) return std::strerror(errno ? errno : EIO);
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    ERR_clear_error();
    return buf;
}

std::string own_host_name() {
    char buf[256] = {};
    if (gethostname(buf, sizeof buf - 1) != 0 || !buf[0]) return "eventgen";
    return buf;
}

bool is_ip_address(const std::string& host) {
    in6_addr a6{};
    in_addr a4{};
    return inet_pton(AF_INET, host.c_str(), &a4) == 1 || inet_pton(AF_INET6, host.c_str(), &a6) == 1;
}

}  // namespace

S2SConnection::S2SConnection(SocketTarget target, const S2SSettings& settings, SSL_CTX* ctx)
    : target_(std::move(target)), settings_(settings), ctx_(ctx) {}

S2SConnection::~S2SConnection() {
    if (ssl_) SSL_free(ssl_);
    if (fd_ >= 0) ::close(fd_);
    if (z_ready_) deflateEnd(&z_);
}

std::string S2SConnection::where() const { return target_.host + ":" + std::to_string(target_.port); }

void S2SConnection::open() {
    connect_tcp();
    if (ctx_) start_tls();
    negotiate();
}

bool S2SConnection::wait_for(short events, int timeout) {
    pollfd p{fd_, events, 0};
    while (true) {
        int rc = ::poll(&p, 1, timeout);
        if (rc > 0) return true;
        if (rc == 0) return false;
        if (errno != EINTR) throw S2SError(where() + ": poll: " + std::strerror(errno));
    }
}

void S2SConnection::connect_tcp() {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    std::string port = std::to_string(target_.port);
    int rc = getaddrinfo(target_.host.c_str(), port.c_str(), &hints, &res);
    if (rc != 0) throw S2SError("cannot resolve " + target_.host + ": " + gai_strerror(rc));
    std::string error = "no address";
    for (addrinfo* a = res; a && fd_ < 0; a = a->ai_next) {
        int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
        if (fd < 0) continue;
        fd_ = fd;
        if (::connect(fd, a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS) {
            error = std::strerror(errno);
        } else if (!wait_for(POLLOUT, timeout_ms(settings_))) {
            error = "timed out";
        } else {
            int err = 0;
            socklen_t len = sizeof err;
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
            if (err == 0) break;
            error = std::strerror(err);
        }
        ::close(fd);
        fd_ = -1;
    }
    freeaddrinfo(res);
    if (fd_ < 0) throw S2SError("cannot connect to " + where() + ": " + error);
    int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

void S2SConnection::start_tls() {
    ssl_ = SSL_new(ctx_);
    if (!ssl_) throw S2SError("cannot start TLS: " + ssl_error_text());
    SSL_set_fd(ssl_, fd_);
    SSL_set_mode(ssl_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    std::string name = settings_.tls_name.empty() ? target_.host : settings_.tls_name;
    if (!is_ip_address(name)) SSL_set_tlsext_host_name(ssl_, name.c_str());
    if (settings_.verify_tls) {
        SSL_set_verify(ssl_, SSL_get_verify_mode(ssl_), remember_peer_names);  // names for errors
        clear_peer_names();
        if (is_ip_address(name))
            X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_), name.c_str());
        else
            SSL_set1_host(ssl_, name.c_str());
    }
    while (true) {
        int rc = SSL_connect(ssl_);
        if (rc == 1) return;
        int err = SSL_get_error(ssl_, rc);
        if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
            if (!wait_for(err == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, timeout_ms(settings_)))
                throw S2SError("TLS handshake with " + where() + " timed out");
            continue;
        }
        long verify = SSL_get_verify_result(ssl_);
        if (settings_.verify_tls && (verify == X509_V_ERR_HOSTNAME_MISMATCH || verify == X509_V_ERR_IP_ADDRESS_MISMATCH)) {
            throw OutputError(host_mismatch_message(where(), name, peer_names().empty() ? "no names" : peer_names()) +
                              " (connect by a name the certificate holds, set s2sSSLCommonName to one of them, or "
                              "s2sSSLVerify = false)");
        }
        if (settings_.verify_tls && verify != X509_V_OK)
            throw OutputError("cannot verify the TLS certificate of " + where() + ": " +
                              X509_verify_cert_error_string(verify) +
                              " (set s2sSSLCAFile to the indexer's CA, or s2sSSLVerify = false)");
        throw S2SError("TLS handshake with " + where() + " failed: " + ssl_error_text());
    }
}

void S2SConnection::negotiate() {
    std::string name = settings_.server_name.empty() ? own_host_name() : settings_.server_name;
    std::string hello = s2s::signature(settings_.version, name, "8089");
    if (settings_.version == 2) {
        write_raw(hello.data(), hello.size());
        return;
    }
    hello += s2s::capabilities_frame(settings_.use_ack, settings_.compressed);
    write_raw(hello.data(), hello.size());
    // The receiver answers with one control frame.
    std::string reply;
    s2s::Frame frame;
    size_t used = 0;
    std::string error;
    char buf[4096];
    while (true) {
        s2s::Parse p = s2s::parse_frame(reply, frame, used, error);
        if (p == s2s::Parse::ok) break;
        if (p == s2s::Parse::bad) throw S2SError(where() + " is not a Splunk receiver (bad handshake reply: " + error + ")");
        long n = read_raw(buf, sizeof buf, timeout_ms(settings_));
        if (n < 0) throw S2SError(where() + " did not answer the S2S handshake");
        if (n == 0) throw S2SError(where() + " closed the connection during the S2S handshake");
        reply.append(buf, static_cast<size_t>(n));
    }
    in_ = reply.substr(used);  // acknowledgements may already follow
    const std::string* control = frame.find("__s2s_control_msg");
    if (!control) throw S2SError(where() + " answered the handshake without __s2s_control_msg");
    auto caps = s2s::parse_capabilities(*control);
    if (caps["cap_response"] != "success")
        throw S2SError(where() + " declined the S2S capabilities: " + *control);
    acks_ = settings_.use_ack;
    compress_ = settings_.compressed && caps["compression"] == "1";
    if (compress_) {
        if (deflateInit(&z_, 1) != Z_OK) throw S2SError("cannot start zlib");
        z_ready_ = true;
    }
}

void S2SConnection::send(std::string_view data) {
    if (!compress_) {
        write_raw(data.data(), data.size());
        return;
    }
    // One zlib stream per connection, flushed at every send so the receiver can decode
    // everything sent so far.
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z_.avail_in = static_cast<uInt>(data.size());
    zbuf_.resize(64 * 1024);
    do {
        z_.next_out = reinterpret_cast<Bytef*>(zbuf_.data());
        z_.avail_out = static_cast<uInt>(zbuf_.size());
        if (deflate(&z_, Z_SYNC_FLUSH) == Z_STREAM_ERROR) throw S2SError("zlib failed");
        write_raw(zbuf_.data(), zbuf_.size() - z_.avail_out);
    } while (z_.avail_out == 0 || z_.avail_in > 0);
}

void S2SConnection::write_raw(const char* data, size_t size) {
    size_t done = 0;
    while (done < size) {
        long n;
        short want = POLLOUT;
        if (ssl_) {
            ERR_clear_error();
            int rc = SSL_write(ssl_, data + done, static_cast<int>(std::min<size_t>(size - done, 1 << 30)));
            n = rc;
            if (rc <= 0) {
                int err = SSL_get_error(ssl_, rc);
                if (err == SSL_ERROR_WANT_READ) want = POLLIN;
                else if (err != SSL_ERROR_WANT_WRITE) throw S2SError("lost the connection to " + where() + ": " + ssl_error_text());
            }
        } else {
            n = ::send(fd_, data + done, size - done, MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
                throw S2SError("lost the connection to " + where() + ": " + std::strerror(errno));
        }
        if (n > 0) {
            done += static_cast<size_t>(n);
            bytes_sent_ += static_cast<uint64_t>(n);
            continue;
        }
        if (!wait_for(want, timeout_ms(settings_)))
            throw S2SError(where() + " took nothing for " + std::to_string(settings_.timeout_seconds) + " s (stalled)");
    }
}

long S2SConnection::read_raw(char* buf, size_t size, int timeout) {
    while (true) {
        short want = POLLIN;
        if (ssl_) {
            ERR_clear_error();
            int rc = SSL_read(ssl_, buf, static_cast<int>(size));
            if (rc > 0) return rc;
            int err = SSL_get_error(ssl_, rc);
            if (err == SSL_ERROR_ZERO_RETURN) return 0;
            if (err == SSL_ERROR_WANT_WRITE) want = POLLOUT;
            else if (err != SSL_ERROR_WANT_READ) {
                if (err == SSL_ERROR_SYSCALL && ERR_peek_error() == 0 && errno == 0) return 0;
                throw S2SError("lost the connection to " + where() + ": " + ssl_error_text());
            }
        } else {
            ssize_t n = ::recv(fd_, buf, size, 0);
            if (n >= 0) return n;
            if (errno == EINTR) continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                throw S2SError("lost the connection to " + where() + ": " + std::strerror(errno));
        }
        if (!wait_for(want, timeout)) return -1;
    }
}

bool S2SConnection::read_acks(int timeout, std::vector<std::pair<uint64_t, uint64_t>>& ranges) {
    if (decode_acks(ranges) > 0) return true;
    char buf[4096];
    long n = read_raw(buf, sizeof buf, timeout);
    if (n < 0) return false;
    if (n == 0) throw S2SError(where() + " closed the connection");
    in_.append(buf, static_cast<size_t>(n));
    decode_acks(ranges);
    return true;
}

size_t S2SConnection::decode_acks(std::vector<std::pair<uint64_t, uint64_t>>& ranges) {
    size_t pos = 0, found = 0;
    while (pos < in_.size()) {
        auto tag = static_cast<unsigned char>(in_[pos]);
        if (tag != s2s::kAckOne && tag != s2s::kAckRange)
            throw S2SError(where() + " sent byte " + std::to_string(tag) + " where an acknowledgement belongs");
        size_t p = pos + 1;
        uint64_t lo = 0, hi = 0;
        s2s::Parse r = s2s::parse_varint(in_, p, lo);
        if (r == s2s::Parse::ok) {
            if (tag == s2s::kAckRange) r = s2s::parse_varint(in_, p, hi);
            else hi = lo;
        }
        if (r == s2s::Parse::bad || (r == s2s::Parse::ok && hi < lo))
            throw S2SError(where() + " sent a malformed acknowledgement");
        if (r == s2s::Parse::more) break;
        ranges.emplace_back(lo, hi);
        ++found;
        pos = p;
    }
    in_.erase(0, pos);
    return found;
}

void S2SConnection::close() {
    if (fd_ < 0) return;
    if (ssl_) {
        ERR_clear_error();
        SSL_shutdown(ssl_);  // best effort: the indexer may already be gone
    }
    ::shutdown(fd_, SHUT_WR);
    ::close(fd_);
    fd_ = -1;
}

}  // namespace eventgen
