#pragma once
// An HTTP Event Collector that behaves like splunkd's (SPLUNK.md §3, §5.2), for the
// end-to-end tests of the httpevent output: tokens, JSON and raw intake, channels
// and acks, gzip, keep-alive, TLS, scripted faults and exact accounting.
//
// One acceptor thread polls the listening socket; each connection gets its own
// thread (HEC clients keep few long-lived connections). All public methods are
// thread-safe.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "fault_plan.h"
#include "hec_accounting.h"
#include "hec_types.h"

namespace eventgen::test {

class HecService;
class TlsMaterial;

class HecServer {
public:
    // Listens before returning; throws std::runtime_error when it cannot.
    explicit HecServer(HecServerOptions options = {});
    ~HecServer();
    HecServer(const HecServer&) = delete;
    HecServer& operator=(const HecServer&) = delete;

    uint16_t port() const { return port_; }
    bool tls() const { return tls_ != nullptr; }
    std::string base_url() const;  // "http://127.0.0.1:<port>" (https with TLS)
    std::string url(std::string_view path = "/services/collector") const;
    // The generated PEM files (empty without TLS): trust ca_path() to verify.
    std::string ca_path() const;
    std::string cert_path() const;
    std::string key_path() const;

    // Tokens can change while clients are connected.
    void add_token(const HecToken& token);
    bool set_token_disabled(const std::string& token, bool disabled);
    bool set_token_ack(const std::string& token, bool use_ack);

    // Faults, applied to data requests (/event, /raw) in arrival order.
    void inject(HecFault fault, int count = 1);
    void busy_for(std::chrono::milliseconds window);  // 503/9 (and unhealthy) for a while
    void throttle_for(std::chrono::milliseconds window);  // 429/26 for a while
    // Every `period`, the first `length` answers `status` (busy or throttled).
    void status_windows(HecFault status, std::chrono::milliseconds period, std::chrono::milliseconds length);
    void set_response_delay(std::chrono::milliseconds delay, int count = -1);  // -1: until changed
    void set_ack_delay(std::chrono::milliseconds delay);  // acks stay false this long
    void reset_connections_after(int requests);           // close each connection after N; 0: never
    void clear_faults();
    // Closes the listening socket (new connections are refused); open ones keep working.
    void stop_listening();
    // Listens again on the same port; throws when it cannot.
    void start_listening();
    bool listening() const;
    // stop_listening(), then drops every open connection and stalled response.
    void kill();

    // Accounting.
    HecStats stats() const;
    std::vector<HecEvent> events() const;
    uint64_t event_count() const;
    bool wait_for_events(uint64_t count, std::chrono::milliseconds timeout) const;
    bool wait_for(const std::function<bool(const HecStats&)>& pred, std::chrono::milliseconds timeout) const;
    size_t pending_acks() const;
    size_t open_connections() const;
    std::string stats_json() const;
    void reset_stats();

private:
    struct Connection;
    std::string open_listener();  // empty on success, else the error
    void accept_loop();
    void accept_pending();
    void reap_finished();
    void run_connection(Connection* conn, std::string peer, uint64_t epoch);
    void change_listening(bool want);
    void wake_acceptor();

    HecServerOptions options_;
    std::unique_ptr<TlsMaterial> tls_;
    HecAccounting accounting_;
    FaultPlan faults_;
    std::unique_ptr<HecService> service_;
    uint16_t port_ = 0;
    int wake_fd_ = -1;    // eventfd: control changes and finished connections
    int listen_fd_ = -1;  // owned by the acceptor thread once it runs

    // Control state, guarded by ctl_mu_.
    mutable std::mutex ctl_mu_;
    std::condition_variable ctl_cv_;    // acceptor applied a listening change
    std::condition_variable stall_cv_;  // kill() or shutdown interrupts stalled responses
    bool stopping_ = false;
    bool want_listening_ = true;
    bool is_listening_ = false;
    uint64_t ctl_requested_ = 0, ctl_applied_ = 0;
    std::string listen_error_;
    uint64_t kill_epoch_ = 0;

    mutable std::mutex conns_mu_;
    std::list<std::unique_ptr<Connection>> conns_;
    std::thread acceptor_;
};

}  // namespace eventgen::test
