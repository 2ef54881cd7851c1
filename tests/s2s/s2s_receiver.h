#pragma once
// An indexer's splunktcp input as the s2s output's tests need it: accepts cooked S2S
// v2 and v3 (capability handshake, zlib compression, acknowledgements) over plain TCP
// or TLS, decodes every frame strictly (cooked_stream.h) and closes connections that
// break the format, accounts every event with its metadata, and on request refuses,
// stalls or drops connections, withholds acknowledgements or dies.
//
// Emulated, not real Splunk: the acknowledgement packets (0xfb id, 0xfa lo hi) are
// the form indexers use; a real indexer acknowledges after indexing, this one after
// accounting the event. One acceptor thread, one thread per connection; all public
// methods are thread-safe.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cooked_stream.h"

namespace eventgen::test {

class TlsMaterial;

struct S2SReceiverOptions {
    uint16_t port = 0;  // 0: an ephemeral port
    std::string bind_address = "127.0.0.1";
    bool tls = false;                // TLS only, with a generated certificate (ca_path())
    std::string tls_names = "DNS:localhost,IP:127.0.0.1,IP:::1";  // the certificate's names
    bool grant_compression = true;   // answer compression=1 when asked
    uint32_t max_frame = 16u << 20;  // larger frames are violations
    bool keep_events = true;         // false: count only (benchmarks of millions of events)
};

struct S2SReceivedEvent : s2s::CookedEvent {
    int version = 0;
    uint64_t connection = 0;
};

struct S2SReceiverStats {
    uint64_t connections = 0, open_connections = 0;
    uint64_t v2_connections = 0, v3_connections = 0;
    uint64_t tls_connections = 0, tls_failures = 0;
    uint64_t compressed_connections = 0, ack_connections = 0;
    uint64_t frames = 0, events = 0, acked = 0;
    uint64_t malformed = 0;      // connections closed for a protocol violation
    uint64_t dropped = 0;        // connections cut by drop_after()
    uint64_t wire_bytes = 0;     // as received (compressed, without TLS)
    uint64_t stream_bytes = 0;   // the cooked stream after decompression
    uint64_t raw_bytes = 0;      // the events' _raw text
    std::string last_error;      // the last violation, with its stream offset
};

class S2SReceiver {
public:
    explicit S2SReceiver(S2SReceiverOptions options = {});  // listening on return; throws
    ~S2SReceiver();
    S2SReceiver(const S2SReceiver&) = delete;
    S2SReceiver& operator=(const S2SReceiver&) = delete;

    uint16_t port() const { return port_; }
    bool tls() const { return tls_ != nullptr; }
    std::string ca_path() const;

    // Faults.
    void stop_listening();   // new connections are refused; open ones go on
    void start_listening();  // the same port again
    void drop_after(uint64_t events);  // cut each connection (RST) once it delivered N more events; 0: never
    void stall(bool on);               // stop reading: senders block, acknowledgements stop
    void withhold_acks(bool on);       // read and account, acknowledge nothing
    void decline_capabilities(bool on);  // answer the v3 handshake with cap_response=failure
    void kill();                       // stop listening and cut every connection (RST)

    S2SReceiverStats stats() const;
    std::vector<S2SReceivedEvent> events() const;
    uint64_t event_count() const;
    bool wait_for(const std::function<bool(const S2SReceiverStats&)>& pred, std::chrono::milliseconds timeout) const;
    bool wait_for_events(uint64_t count, std::chrono::milliseconds timeout) const;
    std::string stats_json() const;

private:
    struct Connection {
        std::thread thread;
        int fd = -1;
        bool done = false;
    };
    void accept_loop();
    void run_connection(Connection* c, uint64_t id, uint64_t epoch);
    void set_listening(bool on);
    bool open_listener(std::string& error);
    bool killed_since(uint64_t epoch) const;

    S2SReceiverOptions options_;
    std::unique_ptr<TlsMaterial> tls_;
    uint16_t port_ = 0;
    std::thread acceptor_;
    int listen_fd_ = -1;  // the acceptor opens and closes it

    mutable std::mutex mu_;
    mutable std::condition_variable cv_;  // stats changes, listening changes, faults
    bool stopping_ = false, want_listening_ = true, listening_ = false;
    std::string listen_error_;
    uint64_t kill_epoch_ = 0, next_connection_ = 1;
    uint64_t drop_after_ = 0;
    bool stalled_ = false, withhold_acks_ = false, decline_ = false;
    S2SReceiverStats stats_;
    std::vector<S2SReceivedEvent> events_;
    std::list<std::unique_ptr<Connection>> conns_;
};

}  // namespace eventgen::test
