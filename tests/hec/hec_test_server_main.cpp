// hec_test_server: the in-test HEC server as a process, for manual use and
// process-level tests and benchmarks. Prints "listening <port>" once ready; on SIGTERM
// or SIGINT drops all connections, prints the accounting as one JSON line and exits 0.
// Fault flags script the misbehaviour a real HEC shows (busy, throttled, stalls,
// drops, slow answers) so fault cases can be run from a shell.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <functional>
#include <string>
#include <vector>

#include "hec_server.h"

namespace {

void usage() {
    std::cerr << "usage: hec_test_server [--port N] [--bind ADDR] [--token T]... [--tls] [--tls-names N] [--ack]\n"
                 "                       [--index NAME]... [--max-content-length BYTES] [fault options]\n"
                 "  --token T   accept token T (repeatable; default \"00000000-0000-0000-0000-000000000000\")\n"
                 "  --tls       HTTPS with a generated certificate (its CA path goes to stderr)\n"
                 "  --tls-names the certificate's names (default DNS:localhost,IP:127.0.0.1,IP:::1;\n"
                 "              others provoke a host name mismatch)\n"
                 "  --ack       indexer acknowledgement on every token\n"
                 "  --index     allow only these indexes (repeatable)\n"
                 "fault injection (data requests, i.e. /services/collector/event and /raw):\n"
                 "  --fault KIND[:N]        the next N (default 1) requests get KIND: busy (503), throttled (429),\n"
                 "                          internal_error (500), shutting_down (503 code 23), close_before_body,\n"
                 "                          close_after_body, close_after_index (drops; repeatable)\n"
                 "  --busy-for MS           503 for every request during the first MS milliseconds\n"
                 "  --throttle-for MS       429 for every request during the first MS milliseconds\n"
                 "  --busy-every P:L        503 during the first L ms of every P ms\n"
                 "  --throttle-every P:L    429 during the first L ms of every P ms\n"
                 "  --response-delay MS[:N] hold each response MS ms (slow server); only the next N with :N\n"
                 "  --stall N               never answer the next N requests (until the client gives up)\n"
                 "  --ack-delay MS          acks stay false for MS ms\n"
                 "  --reset-after N         close each connection after N requests\n";
}

bool parse_fault_kind(const std::string& name, eventgen::test::HecFault& out) {
    using eventgen::test::HecFault;
    static const std::pair<const char*, HecFault> kinds[] = {
        {"busy", HecFault::busy},
        {"throttled", HecFault::throttled},
        {"internal_error", HecFault::internal_error},
        {"shutting_down", HecFault::shutting_down},
        {"close_before_body", HecFault::close_before_body},
        {"close_after_body", HecFault::close_after_body},
        {"close_after_index", HecFault::close_after_index},
    };
    for (const auto& [n, f] : kinds)
        if (name == n) {
            out = f;
            return true;
        }
    return false;
}

// "A" or "A:B" as numbers; B keeps `second` when absent. False on anything else.
bool parse_pair(const std::string& text, long& first, long& second) {
    char* end = nullptr;
    first = std::strtol(text.c_str(), &end, 10);
    if (end == text.c_str() || first < 0) return false;
    if (*end == 0) return true;
    if (*end != ':') return false;
    const char* rest = end + 1;
    second = std::strtol(rest, &end, 10);
    return end != rest && *end == 0 && second >= 0;
}

}  // namespace

int main(int argc, char** argv) {
    using eventgen::test::HecServer;
    using eventgen::test::HecServerOptions;
    using eventgen::test::HecToken;

    using eventgen::test::HecFault;
    using ms = std::chrono::milliseconds;
    HecServerOptions opts;
    std::vector<std::string> tokens, indexes;
    bool ack = false;
    // Faults are armed once the server runs, in the order given.
    std::vector<std::function<void(HecServer&)>> faults;
    auto bad = [&](const std::string& flag, const std::string& v) {
        std::cerr << "hec_test_server: bad value '" << v << "' for " << flag << "\n";
        usage();
        std::exit(2);
    };
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                usage();
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--port") {
            opts.port = static_cast<uint16_t>(std::strtoul(value().c_str(), nullptr, 10));
        } else if (a == "--bind") {
            opts.bind_address = value();
        } else if (a == "--token") {
            tokens.push_back(value());
        } else if (a == "--index") {
            indexes.push_back(value());
        } else if (a == "--max-content-length") {
            opts.max_content_length = std::strtoull(value().c_str(), nullptr, 10);
        } else if (a == "--tls") {
            opts.tls = true;
        } else if (a == "--tls-names") {
            opts.tls = true;
            opts.tls_names = value();
        } else if (a == "--ack") {
            ack = true;
        } else if (a == "--fault") {
            std::string v = value();
            std::string kind = v.substr(0, v.find(':'));
            long n = 1, unused = 0;
            HecFault f{};
            if (!parse_fault_kind(kind, f)) bad(a, v);
            if (v.find(':') != std::string::npos && !parse_pair(v.substr(v.find(':') + 1), n, unused)) bad(a, v);
            faults.push_back([f, n](HecServer& s) { s.inject(f, static_cast<int>(n)); });
        } else if (a == "--busy-for" || a == "--throttle-for") {
            std::string v = value();
            long t = 0, unused = 0;
            if (!parse_pair(v, t, unused) || v.find(':') != std::string::npos) bad(a, v);
            bool busy = a == "--busy-for";
            faults.push_back([busy, t](HecServer& s) { busy ? s.busy_for(ms(t)) : s.throttle_for(ms(t)); });
        } else if (a == "--busy-every" || a == "--throttle-every") {
            std::string v = value();
            long period = 0, length = -1;
            if (!parse_pair(v, period, length) || length < 0 || period <= 0) bad(a, v);
            HecFault f = a == "--busy-every" ? HecFault::busy : HecFault::throttled;
            faults.push_back([f, period, length](HecServer& s) { s.status_windows(f, ms(period), ms(length)); });
        } else if (a == "--response-delay") {
            std::string v = value();
            long delay = 0, n = -1;
            if (!parse_pair(v, delay, n)) bad(a, v);
            faults.push_back([delay, n](HecServer& s) { s.set_response_delay(ms(delay), static_cast<int>(n)); });
        } else if (a == "--stall") {
            std::string v = value();
            long n = 0, unused = 0;
            if (!parse_pair(v, n, unused) || v.find(':') != std::string::npos) bad(a, v);
            faults.push_back([n](HecServer& s) { s.set_response_delay(ms(3600 * 1000), static_cast<int>(n)); });
        } else if (a == "--ack-delay") {
            std::string v = value();
            long t = 0, unused = 0;
            if (!parse_pair(v, t, unused) || v.find(':') != std::string::npos) bad(a, v);
            faults.push_back([t](HecServer& s) { s.set_ack_delay(ms(t)); });
        } else if (a == "--reset-after") {
            std::string v = value();
            long n = 0, unused = 0;
            if (!parse_pair(v, n, unused) || v.find(':') != std::string::npos) bad(a, v);
            faults.push_back([n](HecServer& s) { s.reset_connections_after(static_cast<int>(n)); });
        } else {
            usage();
            return 2;
        }
    }
    if (tokens.empty()) tokens.push_back("00000000-0000-0000-0000-000000000000");
    for (const auto& t : tokens) opts.tokens.push_back(HecToken{.token = t, .use_ack = ack, .indexes = indexes});

    // Block the stop signals before any thread starts so only sigwait() below sees them.
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);

    try {
        HecServer server(opts);
        for (const auto& arm : faults) arm(server);
        // stdout carries only the protocol lines; the CA path is for people.
        if (server.tls()) std::cerr << "hec_test_server: CA certificate " << server.ca_path() << "\n";
        std::cout << "listening " << server.port() << std::endl;
        int sig = 0;
        sigwait(&stop, &sig);
        server.kill();
        std::cout << server.stats_json() << std::endl;
    } catch (const std::exception& e) {
        std::cerr << "hec_test_server: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
