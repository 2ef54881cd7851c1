#pragma once
// HTTP/1.x request heads and responses, just what the HEC test server needs.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace eventgen::test {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
    std::string method, target, path, query, version;  // path and query split at '?'
    HeaderList headers;                                  // names lower-cased, values trimmed
    std::string body;                                    // after de-chunking, before gunzip
    std::string peer_ip;
    uint64_t number = 0;  // server-wide request number

    const std::string* header(std::string_view lower_name) const;
    bool http10() const { return version == "HTTP/1.0"; }
    // HTTP/1.1 keeps the connection unless told to close; 1.0 only when asked.
    bool wants_keep_alive() const;
    std::optional<std::string> query_param(std::string_view name) const;
};

// Parses the request line and headers (the text before the blank line).
std::optional<HttpRequest> parse_request_head(std::string_view head);

std::string url_decode(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
// Whether a comma-separated header value lists `token` (case-insensitive).
bool header_lists(const std::string* value, std::string_view token);

struct HttpResponse {
    int status = 200;
    std::string body;   // empty: no body (413, 404 have no HEC body)
    HeaderList headers;  // extra headers
    bool close = false;  // send "Connection: Close" and close after writing
};

const char* reason_phrase(int status);
// Status line, splunkd's headers, Content-Length and body.
std::string serialize_response(const HttpResponse& r);

}  // namespace eventgen::test
