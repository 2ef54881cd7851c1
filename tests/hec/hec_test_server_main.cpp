// hec_test_server: the in-test HEC server as a process, for manual use and
// process-level tests. Prints "listening <port>" once ready; on SIGTERM or SIGINT
// drops all connections, prints the accounting as one JSON line and exits 0.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "hec_server.h"

namespace {

void usage() {
    std::cerr << "usage: hec_test_server [--port N] [--bind ADDR] [--token T]... [--tls] [--ack]\n"
                 "                       [--index NAME]... [--max-content-length BYTES]\n"
                 "  --token T   accept token T (repeatable; default \"00000000-0000-0000-0000-000000000000\")\n"
                 "  --tls       HTTPS with a generated certificate (its CA path goes to stderr)\n"
                 "  --ack       indexer acknowledgement on every token\n"
                 "  --index     allow only these indexes (repeatable)\n";
}

}  // namespace

int main(int argc, char** argv) {
    using eventgen::test::HecServer;
    using eventgen::test::HecServerOptions;
    using eventgen::test::HecToken;

    HecServerOptions opts;
    std::vector<std::string> tokens, indexes;
    bool ack = false;
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
        } else if (a == "--ack") {
            ack = true;
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
