// s2s_test_receiver: the in-test S2S receiver as a process, for benchmarks and manual
// use. Prints "listening <port>" once ready; on SIGTERM or SIGINT drops all
// connections, prints the accounting as one JSON line and exits 0.
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

#include "s2s_receiver.h"

int main(int argc, char** argv) {
    eventgen::test::S2SReceiverOptions opts;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--port" && i + 1 < argc) {
            opts.port = static_cast<uint16_t>(std::strtoul(argv[++i], nullptr, 10));
        } else if (a == "--bind" && i + 1 < argc) {
            opts.bind_address = argv[++i];
        } else if (a == "--tls") {
            opts.tls = true;
        } else if (a == "--count-only") {
            opts.keep_events = false;
        } else if (a == "--no-compression") {
            opts.grant_compression = false;
        } else {
            std::cerr << "usage: s2s_test_receiver [--port N] [--bind ADDR] [--tls] [--no-compression] [--count-only]\n"
                         "  --tls   TLS only, with a generated certificate (its CA path goes to stderr)\n"
                         "  --count-only   account events without keeping them (for benchmarks)\n";
            return 2;
        }
    }
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);
    try {
        eventgen::test::S2SReceiver receiver(opts);
        if (receiver.tls()) std::cerr << "s2s_test_receiver: CA certificate " << receiver.ca_path() << "\n";
        std::cout << "listening " << receiver.port() << std::endl;
        int sig = 0;
        sigwait(&stop, &sig);
        receiver.kill();
        std::cout << receiver.stats_json() << std::endl;
    } catch (const std::exception& e) {
        std::cerr << "s2s_test_receiver: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
