#include "hec_accounting.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <type_traits>

namespace eventgen::test {

void HecAccounting::changed() { cv_.notify_all(); }

void HecAccounting::connection_accepted() {
    std::lock_guard lock(mu_);
    ++stats_.connections;
    ++stats_.open_connections;
    changed();
}

void HecAccounting::connection_closed() {
    std::lock_guard lock(mu_);
    --stats_.open_connections;
    changed();
}

void HecAccounting::tls_handshake_failed() {
    std::lock_guard lock(mu_);
    ++stats_.tls_handshake_failures;
    changed();
}

void HecAccounting::connection_dropped() {
    std::lock_guard lock(mu_);
    ++stats_.dropped_connections;
    changed();
}

uint64_t HecAccounting::request_started(const std::string& path) {
    std::lock_guard lock(mu_);
    ++stats_.requests_per_path[path];
    uint64_t n = ++stats_.requests;
    changed();
    return n;
}

void HecAccounting::wire_bytes(size_t n) {
    std::lock_guard lock(mu_);
    stats_.wire_bytes += n;
}

void HecAccounting::decoded_body(size_t n, bool gzip, bool chunked) {
    std::lock_guard lock(mu_);
    stats_.decoded_bytes += n;
    if (gzip) ++stats_.gzip_requests;
    if (chunked) ++stats_.chunked_requests;
}

void HecAccounting::continue_sent() {
    std::lock_guard lock(mu_);
    ++stats_.continues_sent;
}

void HecAccounting::response_sent(int status) {
    std::lock_guard lock(mu_);
    ++stats_.responses_per_status[status];
    changed();
}

void HecAccounting::accept(std::vector<HecEvent> events) {
    std::lock_guard lock(mu_);
    for (auto& e : events) {
        ++stats_.events;
        ++stats_.events_per_token[e.token];
        ++stats_.events_per_index[e.index];
        ++stats_.events_per_sourcetype[e.sourcetype];
        ++stats_.events_per_host[e.host];
        events_.push_back(std::move(e));
    }
    changed();
}

HecStats HecAccounting::snapshot() const {
    std::lock_guard lock(mu_);
    return stats_;
}

std::vector<HecEvent> HecAccounting::events() const {
    std::lock_guard lock(mu_);
    return events_;
}

bool HecAccounting::wait_until(const std::function<bool(const HecStats&)>& pred,
                               std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return pred(stats_); });
}

void HecAccounting::reset() {
    std::lock_guard lock(mu_);
    uint64_t open = stats_.open_connections;  // still open: a gauge, not a counter
    stats_ = HecStats{};
    stats_.open_connections = open;
    events_.clear();
    changed();
}

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void put(JsonWriter& w, const char* key, uint64_t v) {
    w.Key(key);
    w.Uint64(v);
}

template <typename Map>
void put_map(JsonWriter& w, const char* key, const Map& m) {
    w.Key(key);
    w.StartObject();
    for (const auto& [k, v] : m) {
        if constexpr (std::is_same_v<typename Map::key_type, int>)
            w.Key(std::to_string(k).c_str());
        else
            w.Key(k.c_str(), static_cast<rapidjson::SizeType>(k.size()));
        w.Uint64(v);
    }
    w.EndObject();
}

}  // namespace

std::string stats_to_json(const HecStats& s) {
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    w.StartObject();
    put(w, "connections", s.connections);
    put(w, "open_connections", s.open_connections);
    put(w, "tls_handshake_failures", s.tls_handshake_failures);
    put(w, "requests", s.requests);
    put(w, "wire_bytes", s.wire_bytes);
    put(w, "decoded_bytes", s.decoded_bytes);
    put(w, "gzip_requests", s.gzip_requests);
    put(w, "chunked_requests", s.chunked_requests);
    put(w, "continues_sent", s.continues_sent);
    put(w, "events", s.events);
    put(w, "dropped_connections", s.dropped_connections);
    put_map(w, "requests_per_path", s.requests_per_path);
    put_map(w, "responses_per_status", s.responses_per_status);
    put_map(w, "events_per_token", s.events_per_token);
    put_map(w, "events_per_index", s.events_per_index);
    put_map(w, "events_per_sourcetype", s.events_per_sourcetype);
    put_map(w, "events_per_host", s.events_per_host);
    w.EndObject();
    return buf.GetString();
}

}  // namespace eventgen::test
