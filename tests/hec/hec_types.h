#pragma once
// Configuration, accepted events and counters of the in-test HEC server.
// Every member has a default so tests can use designated initialisers.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace eventgen::test {

// One HEC token, shaped like an `[http://name]` stanza of inputs.conf.
struct HecToken {
    std::string token = {};
    std::string name = {};  // source defaults to "http:<name>"; empty uses the token itself
    bool disabled = false;
    bool use_ack = false;
    bool allow_query_string_auth = false;
    std::string default_index = "main";
    std::vector<std::string> indexes = {};  // allowed indexes; empty allows any
    std::string default_sourcetype = {};    // empty: "httpevent"
};

struct HecServerOptions {
    std::string bind_address = "127.0.0.1";
    uint16_t port = 0;  // 0 picks an ephemeral port
    bool tls = false;   // HTTPS with a certificate generated at start-up
    std::string tls_names = "DNS:localhost,IP:127.0.0.1,IP:::1";  // its subject alternative names
    std::vector<HecToken> tokens = {};
    size_t max_content_length = 838860800;   // per request body (wire and decoded) -> 413
    size_t max_event_size = 5 * 1024 * 1024;  // per envelope or raw line -> code 6
    bool raw_requires_channel = true;         // as older splunkd (and Vector) demand on /raw
    bool accept_prefix_on_error = false;      // keep events before a bad one (default: none)
    std::chrono::milliseconds idle_timeout{60000};  // keep-alive connections idle this long are closed
    size_t max_connections = 1024;                  // more are accepted and closed at once
};

// One event as the server indexed it, after defaults were applied.
struct HecEvent {
    std::string event = {};      // the text; JSON (compact) when the envelope's event was not a string
    bool event_is_json = false;  // event was an object, array, number or boolean
    std::optional<double> time = {};
    std::string host = {}, source = {}, sourcetype = {}, index = {};
    std::vector<std::pair<std::string, std::string>> fields = {};  // non-string values as compact JSON
    std::string token = {}, channel = {};
    std::string endpoint = {};  // "event" or "raw"
    uint64_t request = 0;       // server-wide number of the request that carried it
};

struct HecStats {
    uint64_t connections = 0;        // TCP connections accepted
    uint64_t open_connections = 0;   // accepted and not closed yet
    uint64_t tls_handshake_failures = 0;
    uint64_t requests = 0;           // HTTP requests whose head was read
    uint64_t wire_bytes = 0;         // bytes received at the HTTP layer (after TLS, before de-chunking/gunzip)
    uint64_t decoded_bytes = 0;      // request bodies after de-chunking and gunzip
    uint64_t gzip_requests = 0;
    uint64_t chunked_requests = 0;
    uint64_t continues_sent = 0;     // "100 Continue" interim responses
    uint64_t events = 0;             // accepted events
    uint64_t dropped_connections = 0;  // closed on purpose by a fault, kill() or a keep-alive reset
    std::map<std::string, uint64_t> requests_per_path;  // path without the query string
    std::map<int, uint64_t> responses_per_status;        // HTTP status of every response written (or tried)
    std::map<std::string, uint64_t> events_per_token, events_per_index, events_per_sourcetype, events_per_host;
};

// Scripted misbehaviour; each injected unit hits one data request (/event, /raw).
enum class HecFault {
    busy,               // 503 {"text":"Server is busy","code":9}
    throttled,          // 429 code 26, queue at capacity
    internal_error,     // 500 code 8
    shutting_down,      // 503 code 23
    close_before_body,  // drop the connection right after the request head
    close_after_body,   // read the body, then drop without indexing or answering
    close_after_index,  // index the events, then drop without answering (the client cannot know)
};

}  // namespace eventgen::test
