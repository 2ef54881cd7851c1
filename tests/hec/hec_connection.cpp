#include "hec_connection.h"

#include <charconv>

#include "http_reader.h"
#include "transport.h"

namespace eventgen::test {

namespace {

constexpr int kIoTimeoutMs = 30000;      // one read or write within a request
constexpr int kLingerMs = 2000;          // reading leftovers after our FIN
constexpr size_t kMaxHead = 64 * 1024;  // request line plus headers

class RequestLoop {
public:
    RequestLoop(Transport& t, const std::string& peer, const ConnectionEnv& env)
        : t_(t), peer_(peer), env_(env), reader_(t, [&env](size_t n) { env.accounting.wire_bytes(n); }) {}

    void run() {
        for (int served = 1;; ++served) {
            if (!serve_one()) return;
            int reset = env_.faults.reset_after();
            if (reset > 0 && served >= reset) {
                // Like splunkd dropping an idle keep-alive connection: no Connection: close warning.
                env_.accounting.connection_dropped();
                return;
            }
        }
    }

private:
    // One request; false when the connection must close.
    bool serve_one() {
        std::string head;
        ReadStatus s = reader_.read_head(head, kMaxHead, static_cast<int>(env_.options.idle_timeout.count()));
        if (s == ReadStatus::too_large || s == ReadStatus::malformed) return refuse(400);
        if (s != ReadStatus::ok) return false;
        auto parsed = parse_request_head(head);
        if (!parsed) return refuse(400);
        HttpRequest& req = *parsed;
        req.peer_ip = peer_;
        req.number = env_.accounting.request_started(req.path);
        bool data = is_data_route(route_of(req.path));
        if (data && env_.faults.take(HecFault::close_before_body)) return drop();

        if (!read_body(req)) return false;
        if (data && env_.faults.take(HecFault::close_after_body)) return drop();
        HttpResponse resp = env_.service.handle(req);
        if (data && env_.faults.take(HecFault::close_after_index)) return drop();
        if (data) {
            auto delay = env_.faults.take_response_delay();
            if (delay.count() > 0 && !env_.stall(delay)) return false;  // kill() counted it
        }
        resp.close = resp.close || !req.wants_keep_alive() || env_.dropped();
        return respond(resp);
    }

    // Reads the body announced by the head; answers and returns false on framing errors.
    bool read_body(HttpRequest& req) {
        const std::string* te = req.header("transfer-encoding");
        const std::string* cl = req.header("content-length");
        bool chunked = te != nullptr;
        if (chunked && !iequals(*te, "chunked")) return refuse(501);  // no other codings are supported
        size_t length = 0;
        if (cl && !chunked) {
            auto [p, ec] = std::from_chars(cl->data(), cl->data() + cl->size(), length);
            if (cl->empty() || ec != std::errc() || p != cl->data() + cl->size()) return refuse(400);
        }
        size_t max = env_.options.max_content_length;
        if (length > max) return refuse(413);  // before any 100 Continue: the client never sends it
        const std::string* expect = req.header("expect");
        if (expect && iequals(*expect, "100-continue") && !req.http10() && (chunked || length > 0)) {
            if (!t_.write_all("HTTP/1.1 100 Continue\r\n\r\n", kIoTimeoutMs)) return false;
            env_.accounting.continue_sent();
        }
        ReadStatus s = chunked ? reader_.read_chunked(req.body, max, kIoTimeoutMs)
                               : reader_.read_fixed(length, req.body, kIoTimeoutMs);
        if (s == ReadStatus::too_large) return refuse(413);
        if (s == ReadStatus::malformed) return refuse(400);
        return s == ReadStatus::ok;
    }

    bool respond(const HttpResponse& resp) {
        // Counted before writing: a client that has read the response must find it counted.
        env_.accounting.response_sent(resp.status);
        bool ok = t_.write_all(serialize_response(resp), kIoTimeoutMs);
        if (ok && resp.close) linger();
        return ok && !resp.close;
    }

    // A bodiless error, then close: the rest of the request is not read.
    bool refuse(int status) {
        HttpResponse r;
        r.status = status;
        r.close = true;
        respond(r);
        return false;
    }

    bool drop() {
        env_.accounting.connection_dropped();
        return false;
    }

    // Half-close and read what the client still sends, so closing with unread
    // input does not turn into a reset that destroys our response in flight.
    void linger() {
        t_.close_write();
        reader_.discard(env_.options.max_content_length + kMaxHead, kLingerMs);
    }

    Transport& t_;
    const std::string& peer_;
    const ConnectionEnv& env_;
    HttpReader reader_;
};

}  // namespace

void serve_connection(int fd, const std::string& peer_ip, const ConnectionEnv& env) {
    auto transport = env.tls ? make_tls_transport(fd, env.tls) : make_plain_transport(fd);
    if (!transport->handshake(kIoTimeoutMs)) {
        env.accounting.tls_handshake_failed();
        return;
    }
    RequestLoop(*transport, peer_ip, env).run();
}

}  // namespace eventgen::test
