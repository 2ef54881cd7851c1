#include "outputs/support/http_wire.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <cerrno>
#include <string>

namespace eventgen {

namespace {

constexpr long kStopCheckMs = 100;  // how often a wait looks at the stop request
constexpr size_t kLead = 16 * 1024;  // body bytes sent with the head through libcurl

struct ReadState {
    bool eof = false;    // the server closed its side
    bool extra = false;  // bytes beyond the response: the connection is out of step
};

// Feeds whatever has arrived to `reader`; CURLE_AGAIN when it must wait for more.
CURLcode read_available(CURL* c, HttpResponseReader& reader, ReadState& st) {
    char buf[16 * 1024];
    while (!reader.done() && !reader.failed()) {
        size_t got = 0;
        CURLcode rc = curl_easy_recv(c, buf, sizeof buf, &got);
        if (rc != CURLE_OK) return rc;
        if (got == 0) {
            st.eof = true;
            reader.end_of_stream();
            break;
        }
        if (reader.feed(std::string_view(buf, got)) < got) st.extra = true;
    }
    return CURLE_OK;
}

}  // namespace

std::optional<std::chrono::steady_clock::duration> stop_grace_left(const std::atomic<bool>* cancel, long grace_ms,
                                                                   std::chrono::steady_clock::time_point& stop_seen,
                                                                   std::chrono::steady_clock::time_point now) {
    if (!cancel || !cancel->load(std::memory_order_relaxed)) return std::nullopt;
    if (stop_seen == std::chrono::steady_clock::time_point{}) stop_seen = now;
    return std::chrono::milliseconds(grace_ms) - (now - stop_seen);
}

WireClock::WireClock(long timeout_ms, const std::atomic<bool>* cancel, long grace_ms, Clock::time_point& stop_seen)
    : deadline_(Clock::now() + std::chrono::milliseconds(timeout_ms)),
      limited_(timeout_ms > 0),
      cancel_(cancel),
      grace_ms_(grace_ms),
      stop_seen_(stop_seen) {}

CURLcode WireClock::wait(curl_socket_t fd, short events, short& ready) {
    while (true) {
        Clock::time_point now = Clock::now();
        long slice = -1;  // poll's "no limit"
        auto cap = [&slice](long ms) { slice = slice < 0 ? ms : std::min(slice, ms); };
        if (cancel_) {
            if (auto left = stop_grace_left(cancel_, grace_ms_, stop_seen_, now)) {
                if (*left <= Clock::duration::zero()) return CURLE_ABORTED_BY_CALLBACK;
                cap(std::chrono::ceil<std::chrono::milliseconds>(*left).count());
            }
            cap(kStopCheckMs);
        }
        if (limited_) {
            if (now >= deadline_) return CURLE_OPERATION_TIMEDOUT;
            cap(std::chrono::ceil<std::chrono::milliseconds>(deadline_ - now).count());
        }
        pollfd p{fd, events, 0};
        int n = ::poll(&p, 1, static_cast<int>(slice));
        if (n > 0) {
            // POLLERR/POLLHUP count as ready: the next send or receive reports them.
            ready = p.revents;
            return CURLE_OK;
        }
        if (n < 0 && errno != EINTR) return CURLE_RECV_ERROR;
    }
}

namespace {

// The request still to send: the head and the body, each shrinking from the front.
struct Unsent {
    std::string_view parts[2];
    bool empty() const { return parts[0].empty() && parts[1].empty(); }
    void consume(size_t n) {
        for (auto& p : parts) {
            size_t k = std::min(n, p.size());
            p.remove_prefix(k);
            n -= k;
        }
    }
};

// Sends what the socket takes now; CURLE_AGAIN when it takes nothing.
CURLcode send_some(CURL* c, curl_socket_t fd, bool plain_tcp, Unsent& u) {
    if (plain_tcp) {
        // Head and body in one call. Sent in two (head, then body), the same request
        // over loopback cost 10-20% more: the head alone wakes the server, which then
        // reads the body while it is still being written, both sides on the socket lock.
        iovec iov[2];
        int n = 0;
        for (auto& p : u.parts)
            if (!p.empty()) iov[n++] = {const_cast<char*>(p.data()), p.size()};
        msghdr msg{};
        msg.msg_iov = iov;
        msg.msg_iovlen = static_cast<size_t>(n);
        ssize_t w = ::sendmsg(fd, &msg, MSG_NOSIGNAL);
        if (w < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? CURLE_AGAIN : CURLE_SEND_ERROR;
        u.consume(static_cast<size_t>(w));
        return CURLE_OK;
    }
    std::string_view& p = u.parts[0].empty() ? u.parts[1] : u.parts[0];
    size_t sent = 0;
    CURLcode rc = curl_easy_send(c, p.data(), p.size(), &sent);
    p.remove_prefix(sent);
    return rc;
}

}  // namespace

WireOutcome wire_exchange(CURL* c, curl_socket_t fd, bool plain_tcp, std::string_view head, std::string_view body,
                          HttpResponseReader& reader, WireClock& clock) {
    WireOutcome out;
    ReadState st;
    // Through libcurl (TLS), the head goes in one piece with the start of the body, so
    // that it does not make a segment of its own; the copy is of kLead bytes only.
    std::string lead;
    Unsent unsent{{head, body}};
    if (!plain_tcp) {
        size_t n = std::min(body.size(), kLead);
        lead.reserve(head.size() + n);
        lead.append(head).append(body.substr(0, n));
        unsent = Unsent{{lead, body.substr(n)}};
    }
    // A server may answer before it has read the whole body. A success answer does
    // not end the request: the rest is still sent, so the connection stays in step
    // (nginx answers its `return` at once and reads the body after). An error answer
    // (an early 413) ends the sending, as in libcurl.
    auto refused = [&reader] { return reader.done() && reader.status() >= 300; };
    while (!unsent.empty() && !refused() && !reader.failed()) {
        CURLcode rc = send_some(c, fd, plain_tcp, unsent);
        if (rc == CURLE_OK) continue;
        if (rc != CURLE_AGAIN) {
            // The server may have refused and closed before taking it all (an early
            // 413): that answer is the outcome. A success with the body cut short is not.
            if (!reader.done()) read_available(c, reader, st);
            if (refused()) break;
            out.curl = rc;
            return out;
        }
        short ready = 0;
        CURLcode w = clock.wait(fd, reader.done() ? POLLOUT : POLLOUT | POLLIN, ready);
        if (w != CURLE_OK) {
            out.curl = w;
            return out;
        }
        if (ready & POLLIN) {
            // An early answer, or TLS records of the session's own (tickets).
            CURLcode r = read_available(c, reader, st);
            if (r != CURLE_OK && r != CURLE_AGAIN) {
                out.curl = r;
                return out;
            }
        }
    }
    out.request_sent = unsent.empty();
    while (!reader.done() && !reader.failed()) {
        CURLcode rc = read_available(c, reader, st);
        if (rc == CURLE_AGAIN) {
            short ready = 0;
            CURLcode w = clock.wait(fd, POLLIN, ready);
            if (w != CURLE_OK) {
                out.curl = w;
                return out;
            }
            continue;
        }
        if (rc != CURLE_OK) {
            out.curl = rc;
            return out;
        }
    }
    if (reader.failed()) {
        out.curl = !st.eof ? CURLE_WEIRD_SERVER_REPLY : reader.started() ? CURLE_PARTIAL_FILE : CURLE_GOT_NOTHING;
        return out;
    }
    out.reusable = out.request_sent && reader.keep_alive() && !st.extra && !st.eof;
    return out;
}

bool wire_idle_alive(CURL* c, curl_socket_t fd) {
    pollfd p{fd, POLLIN, 0};
    int n = ::poll(&p, 1, 0);
    if (n == 0) return true;
    if (n < 0 || (p.revents & (POLLERR | POLLHUP | POLLNVAL))) return false;
    // Readable while idle: TLS may carry records of its own, which libcurl consumes
    // and reports as "nothing yet"; end of stream or stray bytes mean it is done.
    char byte;
    size_t got = 0;
    return curl_easy_recv(c, &byte, 1, &got) == CURLE_AGAIN;
}

}  // namespace eventgen
