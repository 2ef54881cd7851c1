#include "http_message.h"

#include <algorithm>
#include <cctype>

namespace eventgen::test {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

bool header_lists(const std::string* value, std::string_view token) {
    if (!value) return false;
    std::string_view rest = *value;
    while (!rest.empty()) {
        size_t comma = rest.find(',');
        if (iequals(trim(rest.substr(0, comma)), token)) return true;
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    return false;
}

std::string url_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

const std::string* HttpRequest::header(std::string_view lower_name) const {
    for (const auto& [k, v] : headers)
        if (k == lower_name) return &v;
    return nullptr;
}

bool HttpRequest::wants_keep_alive() const {
    const std::string* conn = header("connection");
    if (http10()) return header_lists(conn, "keep-alive");
    return !header_lists(conn, "close");
}

std::optional<std::string> HttpRequest::query_param(std::string_view name) const {
    std::string_view rest = query;
    while (!rest.empty()) {
        size_t amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        size_t eq = pair.find('=');
        if (url_decode(pair.substr(0, eq)) == name)
            return eq == std::string_view::npos ? std::string() : url_decode(pair.substr(eq + 1));
        if (amp == std::string_view::npos) break;
        rest.remove_prefix(amp + 1);
    }
    return std::nullopt;
}

std::optional<HttpRequest> parse_request_head(std::string_view head) {
    HttpRequest req;
    size_t eol = head.find("\r\n");
    std::string_view line = head.substr(0, eol);
    size_t sp1 = line.find(' ');
    size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    if (sp2 == std::string_view::npos) return std::nullopt;
    req.method = std::string(line.substr(0, sp1));
    req.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
    req.version = std::string(line.substr(sp2 + 1));
    if (req.method.empty() || req.target.empty() || (req.version != "HTTP/1.1" && req.version != "HTTP/1.0"))
        return std::nullopt;
    size_t q = req.target.find('?');
    req.path = req.target.substr(0, q);
    if (q != std::string::npos) req.query = req.target.substr(q + 1);

    std::string_view rest = eol == std::string_view::npos ? std::string_view() : head.substr(eol + 2);
    while (!rest.empty()) {
        size_t end = rest.find("\r\n");
        std::string_view h = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 2);
        if (h.empty()) continue;
        size_t colon = h.find(':');
        // No colon, or folded continuation lines (obsolete since RFC 7230): refuse.
        if (colon == std::string_view::npos || colon == 0 || h.front() == ' ' || h.front() == '\t')
            return std::nullopt;
        req.headers.emplace_back(lower(h.substr(0, colon)), std::string(trim(h.substr(colon + 1))));
    }
    return req;
}

const char* reason_phrase(int status) {
    switch (status) {
        case 100: return "Continue";
        case 200: return "OK";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 413: return "Request Entity Too Large";
        case 415: return "Unsupported Media Type";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 503: return "Service Unavailable";
        default: return "Unknown";
    }
}

std::string serialize_response(const HttpResponse& r) {
    std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + reason_phrase(r.status) + "\r\n";
    // The header set a real HEC sends (SPLUNK.md §3.1).
    if (!r.body.empty()) out += "Content-Type: application/json; charset=UTF-8\r\n";
    out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
    out += "Server: Splunkd\r\nVary: Authorization\r\n";
    out += "X-Content-Type-Options: nosniff\r\nX-Frame-Options: SAMEORIGIN\r\n";
    out += r.close ? "Connection: Close\r\n" : "Connection: Keep-Alive\r\n";
    for (const auto& [k, v] : r.headers) out += k + ": " + v + "\r\n";
    out += "\r\n";
    out += r.body;
    return out;
}

}  // namespace eventgen::test
