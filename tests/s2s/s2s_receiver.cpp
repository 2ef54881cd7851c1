#include "s2s_receiver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "tls_material.h"
#include "transport.h"

namespace eventgen::test {

namespace {

// Cuts a connection the way a crashed indexer does: RST, no FIN.
void abort_socket(int fd) {
    linger l{1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    shutdown(fd, SHUT_RDWR);
}

void append_u32(std::string& out, uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
}

void append_string(std::string& out, const std::string& s) {
    append_u32(out, static_cast<uint32_t>(s.size() + 1));
    out += s;
    out.push_back('\0');
}

// The receiver's answer to __s2s_capabilities: one __s2s_control_msg frame.
std::string control_frame(const std::string& value) {
    std::string body;
    append_u32(body, 1);
    append_string(body, "__s2s_control_msg");
    append_string(body, value);
    append_u32(body, 0);
    append_string(body, "_raw");
    std::string out;
    append_u32(out, static_cast<uint32_t>(body.size()));
    return out + body;
}

void append_varint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

// Acknowledgements for `ids` (increasing): 0xfa lo hi per run of consecutive ids,
// 0xfb id for a single one.
std::string ack_packets(const std::vector<uint64_t>& ids) {
    std::string out;
    for (size_t i = 0; i < ids.size();) {
        size_t j = i;
        while (j + 1 < ids.size() && ids[j + 1] == ids[j] + 1) ++j;
        if (i == j) {
            out.push_back(static_cast<char>(0xfb));
            append_varint(out, ids[i]);
        } else {
            out.push_back(static_cast<char>(0xfa));
            append_varint(out, ids[i]);
            append_varint(out, ids[j]);
        }
        i = j + 1;
    }
    return out;
}

std::string json_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out.push_back('\\');
        if (static_cast<unsigned char>(c) < 0x20) {
            out += ' ';
            continue;
        }
        out.push_back(c);
    }
    return out;
}

}  // namespace

S2SReceiver::S2SReceiver(S2SReceiverOptions options) : options_(std::move(options)) {
    if (options_.tls) tls_ = std::make_unique<TlsMaterial>(options_.tls_names);
    port_ = options_.port;
    std::string error;
    if (!open_listener(error)) throw std::runtime_error("S2S test receiver: " + error);
    listening_ = true;
    acceptor_ = std::thread([this] { accept_loop(); });
}

S2SReceiver::~S2SReceiver() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
        ++kill_epoch_;
        for (auto& c : conns_)
            if (c->fd >= 0) shutdown(c->fd, SHUT_RDWR);
    }
    cv_.notify_all();
    acceptor_.join();
    std::list<std::unique_ptr<Connection>> conns;
    {
        std::lock_guard lock(mu_);
        conns.swap(conns_);
    }
    for (auto& c : conns) c->thread.join();
}

std::string S2SReceiver::ca_path() const { return tls_ ? tls_->ca_path() : std::string(); }

bool S2SReceiver::open_listener(std::string& error) {
    in_addr addr{};
    if (inet_pton(AF_INET, options_.bind_address.c_str(), &addr) != 1) {
        error = "not an IPv4 address: " + options_.bind_address;
        return false;
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_addr = addr;
    sa.sin_port = htons(port_);
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 || listen(fd, 128) != 0) {
        error = "cannot listen on " + options_.bind_address + ":" + std::to_string(port_) + ": " + std::strerror(errno);
        if (fd >= 0) close(fd);
        return false;
    }
    socklen_t len = sizeof sa;
    getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len);
    port_ = ntohs(sa.sin_port);
    listen_fd_ = fd;
    return true;
}

void S2SReceiver::accept_loop() {
    while (true) {
        {
            std::unique_lock lock(mu_);
            if (stopping_) break;
            // Apply listening changes here, on the thread that polls the socket.
            if (!want_listening_ && listen_fd_ >= 0) {
                close(listen_fd_);
                listen_fd_ = -1;
                listening_ = false;
                cv_.notify_all();
            } else if (want_listening_ && listen_fd_ < 0) {
                std::string error;
                listening_ = open_listener(error);
                listen_error_ = error;
                cv_.notify_all();
            }
            // Reap finished connections.
            for (auto it = conns_.begin(); it != conns_.end();) {
                if ((*it)->done) {
                    (*it)->thread.join();
                    it = conns_.erase(it);
                } else {
                    ++it;
                }
            }
        }
        if (listen_fd_ < 0) {
            std::unique_lock lock(mu_);
            cv_.wait_for(lock, std::chrono::milliseconds(20));
            continue;
        }
        pollfd p{listen_fd_, POLLIN, 0};
        if (poll(&p, 1, 20) <= 0) continue;
        int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0) continue;
        // Acknowledgements are small writes: without this, Nagle holds each one back
        // until the sender's delayed ACK (40 ms) and every acknowledged batch waits.
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        std::lock_guard lock(mu_);
        auto c = std::make_unique<Connection>();
        c->fd = fd;
        Connection* raw = c.get();
        uint64_t id = next_connection_++, epoch = kill_epoch_;
        ++stats_.connections;
        ++stats_.open_connections;
        c->thread = std::thread([this, raw, id, epoch] { run_connection(raw, id, epoch); });
        conns_.push_back(std::move(c));
    }
    if (listen_fd_ >= 0) close(listen_fd_);
    listen_fd_ = -1;
}

bool S2SReceiver::killed_since(uint64_t epoch) const { return stopping_ || kill_epoch_ != epoch; }

void S2SReceiver::run_connection(Connection* c, uint64_t id, uint64_t epoch) {
    std::unique_ptr<Transport> t = tls_ ? make_tls_transport(c->fd, tls_->context()) : make_plain_transport(c->fd);
    std::string violation;
    bool cut = false;
    if (!t->handshake(5000)) {
        std::lock_guard lock(mu_);
        ++stats_.tls_failures;
        violation = "TLS handshake failed";
    } else if (tls_) {
        std::lock_guard lock(mu_);
        ++stats_.tls_connections;
    }
    s2s::CookedStream stream(options_.max_frame);
    std::string plain;          // decoded bytes not yet consumed
    z_stream z{};
    bool inflating = false;
    uint64_t delivered = 0;     // events of this connection
    uint64_t stream_bytes = 0;
    std::vector<char> buf(64 * 1024);
    std::string zout(256 * 1024, '\0');

    // Feeds wire bytes after the handshake through zlib when it was negotiated.
    auto decode = [&](const char* data, size_t n) {
        if (!inflating) {
            plain.append(data, n);
            stream_bytes += n;
            return true;
        }
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
        z.avail_in = static_cast<uInt>(n);
        while (z.avail_in > 0) {
            z.next_out = reinterpret_cast<Bytef*>(zout.data());
            z.avail_out = static_cast<uInt>(zout.size());
            int rc = inflate(&z, Z_NO_FLUSH);
            if (rc != Z_OK && rc != Z_BUF_ERROR && rc != Z_STREAM_END) {
                violation = std::string("bad zlib stream: ") + (z.msg ? z.msg : "error");
                return false;
            }
            plain.append(zout.data(), zout.size() - z.avail_out);
            stream_bytes += zout.size() - z.avail_out;
            if (rc == Z_BUF_ERROR && z.avail_out != 0) break;
        }
        return true;
    };

    while (violation.empty() && !cut) {
        {
            std::unique_lock lock(mu_);
            if (killed_since(epoch)) break;
            if (stalled_) {
                cv_.wait_for(lock, std::chrono::milliseconds(20));
                continue;
            }
        }
        long n = t->read_some(buf.data(), buf.size(), 50);
        if (n == Transport::kTimeout) continue;
        if (n <= 0) break;
        {
            // A stall that began during the read holds these bytes back too.
            std::unique_lock lock(mu_);
            cv_.wait(lock, [&] { return !stalled_ || killed_since(epoch); });
            if (killed_since(epoch)) break;
            stats_.wire_bytes += static_cast<uint64_t>(n);
        }
        if (!decode(buf.data(), static_cast<size_t>(n))) break;
        std::string reply;
        while (true) {
            size_t used = stream.consume(plain);
            std::string rest = plain.substr(used);
            plain.clear();
            if (stream.failed()) {
                violation = stream.error();
                break;
            }
            if (!stream.capabilities_pending()) {
                plain = std::move(rest);
                break;
            }
            bool decline, compress = stream.wants_compression() && options_.grant_compression;
            {
                std::lock_guard lock(mu_);
                decline = decline_;
            }
            reply += control_frame(decline ? "cap_response=failure;reason=declined by the test receiver"
                                           : std::string("cap_response=success;cap_flush_key=false;idx_can_send_hb=false;"
                                                         "idx_can_recv_token=false;v4=false;channel_limit=300;pl=0") +
                                                 (compress ? ";compression=1" : ";compression=0"));
            if (decline) {
                t->write_all(reply, 5000);
                cut = true;
                break;
            }
            stream.capabilities_answered();
            if (compress) {
                inflateInit(&z);
                inflating = true;
            }
            // What followed the capabilities frame was already compressed (or not).
            if (!decode(rest.data(), rest.size())) break;
        }
        // Account the events, then acknowledge them: an acknowledged event is never lost.
        std::vector<uint64_t> ids;
        bool ack, drop = false;
        {
            std::lock_guard lock(mu_);
            auto& evs = stream.events();
            size_t take = evs.size();
            if (drop_after_ > 0 && delivered + take >= drop_after_) {
                take = static_cast<size_t>(drop_after_ - delivered);
                drop = true;
            }
            for (size_t i = 0; i < take; ++i) {
                S2SReceivedEvent e;
                static_cast<s2s::CookedEvent&>(e) = std::move(evs[i]);
                e.version = stream.version();
                e.connection = id;
                if (e.event_id) ids.push_back(*e.event_id);
                stats_.raw_bytes += e.raw.size();
                if (options_.keep_events) events_.push_back(std::move(e));
            }
            delivered += take;
            stats_.events += take;
            evs.clear();
            ack = stream.wants_ack() && !withhold_acks_;
            if (ack && !ids.empty()) stats_.acked += ids.size();
            if (drop) ++stats_.dropped;
        }
        cv_.notify_all();
        if (drop) {
            cut = true;
            break;
        }
        if (ack && !ids.empty()) reply += ack_packets(ids);
        if (!reply.empty() && !t->write_all(reply, 5000)) break;
    }
    if (inflating) inflateEnd(&z);
    std::lock_guard lock(mu_);
    if (stream.version() == 2) ++stats_.v2_connections;
    if (stream.version() == 3) ++stats_.v3_connections;
    stats_.frames += stream.frames();
    stats_.stream_bytes += stream_bytes;
    if (inflating) ++stats_.compressed_connections;
    if (stream.wants_ack()) ++stats_.ack_connections;
    if (!violation.empty()) {
        ++stats_.malformed;
        stats_.last_error = violation;
    }
    if (cut || !violation.empty() || killed_since(epoch)) abort_socket(c->fd);
    t.reset();
    close(c->fd);
    c->fd = -1;
    c->done = true;
    --stats_.open_connections;
    cv_.notify_all();
}

void S2SReceiver::set_listening(bool on) {
    std::unique_lock lock(mu_);
    want_listening_ = on;
    cv_.notify_all();
    cv_.wait_for(lock, std::chrono::seconds(5), [&] { return listening_ == on || (on && !listen_error_.empty()); });
    if (on && !listening_) throw std::runtime_error("S2S test receiver: " + listen_error_);
}

void S2SReceiver::stop_listening() { set_listening(false); }
void S2SReceiver::start_listening() { set_listening(true); }

void S2SReceiver::drop_after(uint64_t events) {
    std::lock_guard lock(mu_);
    drop_after_ = events;
}

void S2SReceiver::stall(bool on) {
    std::lock_guard lock(mu_);
    stalled_ = on;
    cv_.notify_all();
}

void S2SReceiver::withhold_acks(bool on) {
    std::lock_guard lock(mu_);
    withhold_acks_ = on;
}

void S2SReceiver::decline_capabilities(bool on) {
    std::lock_guard lock(mu_);
    decline_ = on;
}

void S2SReceiver::kill() {
    stop_listening();
    std::unique_lock lock(mu_);
    ++kill_epoch_;
    for (auto& c : conns_)
        if (c->fd >= 0) abort_socket(c->fd);
    cv_.notify_all();
    cv_.wait_for(lock, std::chrono::seconds(5), [&] { return stats_.open_connections == 0; });
}

S2SReceiverStats S2SReceiver::stats() const {
    std::lock_guard lock(mu_);
    return stats_;
}

std::vector<S2SReceivedEvent> S2SReceiver::events() const {
    std::lock_guard lock(mu_);
    return events_;
}

uint64_t S2SReceiver::event_count() const {
    std::lock_guard lock(mu_);
    return stats_.events;
}

bool S2SReceiver::wait_for(const std::function<bool(const S2SReceiverStats&)>& pred,
                           std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return pred(stats_); });
}

bool S2SReceiver::wait_for_events(uint64_t count, std::chrono::milliseconds timeout) const {
    return wait_for([count](const S2SReceiverStats& s) { return s.events >= count; }, timeout);
}

std::string S2SReceiver::stats_json() const {
    S2SReceiverStats s = stats();
    std::ostringstream o;
    o << "{\"connections\":" << s.connections << ",\"v2_connections\":" << s.v2_connections
      << ",\"v3_connections\":" << s.v3_connections << ",\"tls_connections\":" << s.tls_connections
      << ",\"compressed_connections\":" << s.compressed_connections << ",\"ack_connections\":" << s.ack_connections
      << ",\"events\":" << s.events << ",\"acked\":" << s.acked << ",\"malformed\":" << s.malformed
      << ",\"dropped\":" << s.dropped << ",\"wire_bytes\":" << s.wire_bytes << ",\"stream_bytes\":" << s.stream_bytes
      << ",\"raw_bytes\":" << s.raw_bytes
      << ",\"last_error\":\"" << json_escape(s.last_error) << "\"}";
    return o.str();
}

}  // namespace eventgen::test
