#pragma once
// Serves the HTTP/1.1 requests of one accepted connection until it closes.
#include <openssl/ssl.h>

#include <chrono>
#include <functional>
#include <string>

#include "fault_plan.h"
#include "hec_accounting.h"
#include "hec_service.h"
#include "hec_types.h"

namespace eventgen::test {

struct ConnectionEnv {
    HecService& service;
    HecAccounting& accounting;
    FaultPlan& faults;
    const HecServerOptions& options;
    SSL_CTX* tls = nullptr;  // null: plain HTTP
    // Holds a response for `delay`; false when the connection is dropped meanwhile.
    std::function<bool(std::chrono::milliseconds delay)> stall;
    // True once kill() or shutdown has dropped this connection.
    std::function<bool()> dropped;
};

// Reads requests from fd and answers them; returns when the connection should be
// closed. The caller owns fd and closes it afterwards.
void serve_connection(int fd, const std::string& peer_ip, const ConnectionEnv& env);

}  // namespace eventgen::test
