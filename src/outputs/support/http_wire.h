#pragma once
// One HTTP/1.1 request written straight onto a connection that libcurl opened with
// CURLOPT_CONNECT_ONLY (libcurl still resolves, connects, tunnels through a proxy and
// does TLS), and its response read back. The payload goes from the caller's memory to
// the socket, or to TLS, as it is: CURLOPT_POSTFIELDS would first copy every byte into
// libcurl's upload buffer (6% of a 2-core machine sending 2.3 GB/s of HEC), and send
// the head apart from the body.
#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string_view>

#include "outputs/support/http_response_reader.h"

namespace eventgen {

// How much of the stop grace is left once `cancel` is set (zero or less: abort now);
// nullopt while no stop is requested. `stop_seen` records when the stop was first
// seen, kept by the caller across requests. Shared by libcurl's progress callback and
// WireClock, so both abort a stopping run's request at the same moment.
std::optional<std::chrono::steady_clock::duration> stop_grace_left(const std::atomic<bool>* cancel, long grace_ms,
                                                                   std::chrono::steady_clock::time_point& stop_seen,
                                                                   std::chrono::steady_clock::time_point now);

// The time a request may take, and the run's stop request: once stop is seen, a
// request still running `grace_ms` later is aborted.
class WireClock {
public:
    using Clock = std::chrono::steady_clock;
    // timeout_ms 0: no limit. stop_seen: when the owner first saw the stop (kept
    // across requests, so a stopping run does not grant each request a new grace).
    WireClock(long timeout_ms, const std::atomic<bool>* cancel, long grace_ms, Clock::time_point& stop_seen);
    // Waits until `fd` is ready for `events` (POLLIN/POLLOUT); CURLE_OK with the
    // ready events, or CURLE_OPERATION_TIMEDOUT / CURLE_ABORTED_BY_CALLBACK.
    CURLcode wait(curl_socket_t fd, short events, short& ready);

private:
    Clock::time_point deadline_;
    bool limited_;
    const std::atomic<bool>* cancel_;
    long grace_ms_;
    Clock::time_point& stop_seen_;
};

struct WireOutcome {
    CURLcode curl = CURLE_OK;
    bool request_sent = false;  // every byte of the request went out
    bool reusable = false;      // the connection may carry the next request
};

// Sends head then body on `c`'s connection and reads the response into `reader`. When
// the server refuses before taking the whole body (an early 413), sending stops and
// the answer is read. On success, reader.done() holds. `plain_tcp`: the socket carries
// the HTTP bytes as they are (no TLS to the server or to a proxy), so the request is
// written to it directly; otherwise it goes through curl_easy_send.
WireOutcome wire_exchange(CURL* c, curl_socket_t fd, bool plain_tcp, std::string_view head, std::string_view body,
                          HttpResponseReader& reader, WireClock& clock);

// Whether an idle kept-alive connection can still carry a request: the server has
// not closed it, and nothing unexpected is waiting to be read.
bool wire_idle_alive(CURL* c, curl_socket_t fd);

}  // namespace eventgen
