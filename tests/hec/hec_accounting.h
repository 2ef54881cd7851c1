#pragma once
// Thread-safe counters and the list of accepted events, with waits for tests.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "hec_types.h"

namespace eventgen::test {

class HecAccounting {
public:
    void connection_accepted();
    void connection_closed();
    void tls_handshake_failed();
    void connection_dropped();
    uint64_t request_started(const std::string& path);  // returns the request number
    void wire_bytes(size_t n);
    void decoded_body(size_t n, bool gzip, bool chunked);
    void continue_sent();
    void response_sent(int status);
    void accept(std::vector<HecEvent> events);

    HecStats snapshot() const;
    std::vector<HecEvent> events() const;
    // Waits until pred(stats) holds; false when the timeout passes first.
    bool wait_until(const std::function<bool(const HecStats&)>& pred, std::chrono::milliseconds timeout) const;
    void reset();

private:
    void changed();  // wakes waiters; mu_ must be held

    mutable std::mutex mu_;
    mutable std::condition_variable cv_;
    HecStats stats_;
    std::vector<HecEvent> events_;
};

// The counters as one JSON object (what hec_test_server prints on SIGTERM).
std::string stats_to_json(const HecStats& s);

}  // namespace eventgen::test
