// The s2s writer: spreads events over the indexers like a forwarder's autoLB (switching
// every s2sAutoLBFrequency seconds or s2sAutoLBVolume bytes), fails over when one
// refuses, drops or stalls the connection, backs off from failing ones, and with
// s2sUseACK = true counts an event delivered only once its indexer acknowledged it,
// resending unacknowledged events elsewhere.
#include <openssl/ssl.h>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <random>

#include "common/ca_bundle.h"
#include "common/log.h"
#include "outputs/s2s/s2s_connection.h"
#include "outputs/s2s/s2s_output.h"
#include "outputs/s2s/s2s_wire.h"
#include "outputs/support/retry_policy.h"

namespace eventgen {

namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr size_t kSendChunk = 256 * 1024;  // acknowledgements are read between chunks

// How long a failing indexer is left out before it is tried again: 100 ms, 200 ms,
// 400 ms ... at most 5 s (a dead one would otherwise cost a connect timeout per batch).
std::chrono::milliseconds host_backoff(int failures) {
    int shift = std::min(failures - 1, 6);
    return std::chrono::milliseconds(std::min(100 << shift, 5000));
}

class S2SSink : public Sink {
public:
    S2SSink(const S2SSettings& s, std::string name, std::string label, const std::atomic<bool>* cancel)
        : s_(s), name_(std::move(name)), what_(std::move(label)), cancel_(cancel) {
        for (const auto& t : s_.servers) hosts_.push_back(Host{t});
        // Forwarders start at a random indexer, so many senders spread out at once.
        current_ = std::random_device{}() % hosts_.size();
    }
    ~S2SSink() override {
        close();
        if (ctx_) SSL_CTX_free(ctx_);
    }

    uint64_t send(const FormattedBatch& b) override {
        std::vector<uint32_t> pending(b.events);
        std::iota(pending.begin(), pending.end(), 0u);
        // The shared rule: retry for s2sRetrySeconds, briefly once the run is stopping.
        // Once every indexer stayed out of reach that long, later batches try each one
        // once instead of waiting again, until one answers.
        Backoff backoff(RetryPolicy::for_duration(unreachable_ ? 0 : s_.retry_seconds), cancel_);
        while (!pending.empty()) {
            if (!conn_ && !connect(backoff)) break;
            uint64_t before = conn_->bytes_sent();
            try {
                if (conn_->acks()) {
                    send_acknowledged(b, pending);
                } else {
                    send_plain(b, pending);
                    pending.clear();
                }
                count_bytes(conn_->bytes_sent() - before);
            } catch (const S2SError& e) {
                count_bytes(conn_->bytes_sent() - before);
                drop_connection(e.what());
            }
        }
        const uint64_t failed = pending.size();
        unreachable_ = failed > 0 && !conn_;
        if (failed)
            LOG_ERROR(what_ << ": giving up on " << failed << " event(s) after retrying " << s_.retry_seconds
                            << " s: " << last_error_);
        if (conn_) rotate_if_due();
        return failed;
    }

    void close() override {
        if (conn_) conn_->close();
        conn_.reset();
    }
    std::string describe() const override { return name_; }

private:
    struct Host {
        SocketTarget target;
        SteadyClock::time_point retry_at{};
        int failures = 0;
    };

    static std::string_view frame(const FormattedBatch& b, uint32_t i) {
        uint32_t start = i == 0 ? 0 : b.event_ends[i - 1];
        return b.data.substr(start, b.event_ends[i] - start);
    }

    void send_plain(const FormattedBatch& b, const std::vector<uint32_t>& pending) {
        // Without acknowledgements TCP tells nothing of what arrived: a batch cut off by a
        // failure is sent again whole (duplicates possible, never losses).
        if (pending.size() == b.events) {
            conn_->send(b.data);
            return;
        }
        std::string buf;
        for (uint32_t i : pending) buf.append(frame(b, i));
        conn_->send(buf);
    }

    void send_acknowledged(const FormattedBatch& b, std::vector<uint32_t>& pending) {
        const size_t n = pending.size();
        const uint64_t first = next_id_;
        std::vector<char> acked(n, 0);
        size_t remaining = n;
        std::vector<std::pair<uint64_t, uint64_t>> ranges;
        auto apply = [&] {
            for (auto [lo, hi] : ranges) {
                lo = std::max(lo, first);
                hi = std::min(hi, first + n - 1);
                for (uint64_t id = lo; id <= hi && lo <= hi; ++id)
                    if (!acked[id - first]) {
                        acked[id - first] = 1;
                        --remaining;
                    }
            }
            ranges.clear();
        };
        try {
            std::string buf;
            for (size_t k = 0; k < n;) {
                buf.clear();
                for (; k < n && buf.size() < kSendChunk; ++k) s2s::append_with_event_id(buf, frame(b, pending[k]), first + k);
                next_id_ = first + k;
                conn_->send(buf);
                while (conn_->read_acks(0, ranges)) apply();
            }
            const auto until = SteadyClock::now() + std::chrono::milliseconds(static_cast<int64_t>(s_.timeout_seconds * 1000));
            while (remaining > 0) {
                auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - SteadyClock::now()).count();
                if (left <= 0)
                    throw S2SError(conn_->where() + " acknowledged " + std::to_string(n - remaining) + " of " +
                                   std::to_string(n) + " event(s) within " + std::to_string(s_.timeout_seconds) + " s");
                if (conn_->read_acks(static_cast<int>(std::min<int64_t>(left, 100)), ranges)) apply();
            }
        } catch (...) {
            // Keep only what the indexer has not confirmed: that is resent elsewhere.
            size_t out = 0;
            for (size_t k = 0; k < n; ++k)
                if (!acked[k]) pending[out++] = pending[k];
            pending.resize(out);
            throw;
        }
        pending.clear();
    }

    SSL_CTX* tls_context() {
        if (ctx_ || !s_.use_ssl) return ctx_;
        ctx_ = SSL_CTX_new(TLS_client_method());
        if (!ctx_) throw OutputError("cannot start TLS");
        SSL_CTX_set_min_proto_version(ctx_, TLS1_2_VERSION);
        if (s_.verify_tls) {
            SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER, nullptr);
            // The bundle is found at run time: the binary runs on many distributions.
            const std::string& bundle = s_.ca_file.empty() ? system_ca_bundle() : s_.ca_file;
            bool loaded = bundle.empty() ? SSL_CTX_set_default_verify_paths(ctx_) == 1
                                         : SSL_CTX_load_verify_locations(ctx_, bundle.c_str(), nullptr) == 1;
            if (!loaded)
                throw OutputError("cannot read the CA certificates " +
                                  (s_.ca_file.empty() ? std::string("of this system") : "in s2sSSLCAFile '" + s_.ca_file + "'"));
        }
        return ctx_;
    }

    // Opens a connection to the current indexer or the next one that works; false once
    // `backoff` gives up with none reachable.
    bool connect(Backoff& backoff) {
        SSL_CTX* ctx = tls_context();
        while (true) {
            for (size_t k = 0; k < hosts_.size(); ++k) {
                size_t i = (current_ + k) % hosts_.size();
                Host& h = hosts_[i];
                if (h.retry_at > SteadyClock::now()) continue;
                auto c = std::make_unique<S2SConnection>(h.target, s_, ctx);
                try {
                    c->open();
                } catch (const S2SError& e) {
                    note_failure(h, e.what());
                    continue;
                }
                if (h.failures > 0) LOG_INFO(what_ << ": connected to " << c->where() << " again");
                h.failures = 0;
                current_ = i;
                conn_ = std::move(c);
                opened_at_ = SteadyClock::now();
                next_id_ = 1;
                return true;
            }
            if (!backoff.retry()) return false;
        }
    }

    void note_failure(Host& h, const std::string& error) {
        ++h.failures;
        h.retry_at = SteadyClock::now() + host_backoff(h.failures);
        last_error_ = error;
        if (h.failures == 1)
            LOG_WARN(what_ << ": " << error << (hosts_.size() > 1 ? "; failing over to the next indexer" : "; retrying"));
        else
            LOG_DEBUG(what_ << ": " << error);
    }

    void drop_connection(const std::string& error) {
        conn_.reset();
        note_failure(hosts_[current_], error);
        current_ = (current_ + 1) % hosts_.size();
    }

    void rotate_if_due() {
        if (hosts_.size() < 2) return;
        bool by_time = SteadyClock::now() - opened_at_ >= std::chrono::milliseconds(static_cast<int64_t>(s_.lb_frequency * 1000));
        bool by_volume = s_.lb_volume > 0 && conn_->bytes_sent() >= static_cast<uint64_t>(s_.lb_volume);
        if (!by_time && !by_volume) return;
        close();
        current_ = (current_ + 1) % hosts_.size();
    }

    S2SSettings s_;
    std::string name_, what_;  // the summary's name; the label log lines carry
    const std::atomic<bool>* cancel_;
    std::vector<Host> hosts_;
    size_t current_ = 0;
    std::unique_ptr<S2SConnection> conn_;
    SteadyClock::time_point opened_at_{};
    uint64_t next_id_ = 1;
    SSL_CTX* ctx_ = nullptr;
    std::string last_error_;
    bool unreachable_ = false;  // the last batch found no indexer within s2sRetrySeconds
};

}  // namespace

std::unique_ptr<Sink> make_s2s_sink(const S2SSettings& settings, const std::string& name, const std::string& label,
                                    const std::atomic<bool>* cancel) {
    if (settings.servers.empty()) throw OutputError("no indexer (splunkHost) to send to");
    return std::make_unique<S2SSink>(settings, name, label, cancel);
}

}  // namespace eventgen
