#include "outputs/support/http_response_reader.h"

#include <algorithm>
#include <charconv>

#include "common/strings.h"

namespace eventgen {

namespace {

constexpr size_t kMaxLine = 8 * 1024;  // a chunk-size or trailer line

// Whether a comma-separated header value holds `token` (case-insensitive).
bool has_token(std::string_view value, std::string_view token) {
    while (!value.empty()) {
        size_t comma = value.find(',');
        if (iequals(trim(value.substr(0, comma)), token)) return true;
        if (comma == std::string_view::npos) break;
        value.remove_prefix(comma + 1);
    }
    return false;
}

}  // namespace

void HttpResponseReader::fail(std::string why) {
    state_ = State::failed;
    error_ = std::move(why);
}

bool HttpResponseReader::parse_head() {
    std::string_view head = line_;
    size_t eol = head.find('\n');
    std::string_view status_line = trim(head.substr(0, eol));
    // "HTTP/1.1 200 OK"
    if (status_line.size() < 12 || status_line.substr(0, 7) != "HTTP/1." || status_line[8] != ' ') {
        fail("not an HTTP/1.x status line: '" + std::string(status_line.substr(0, 80)) + "'");
        return false;
    }
    bool http10 = status_line[7] == '0';
    std::string_view code = status_line.substr(9, 3);
    long status = 0;
    auto [p, ec] = std::from_chars(code.data(), code.data() + code.size(), status);
    if (ec != std::errc() || p != code.data() + 3 || status < 100 || status > 999) {
        fail("bad HTTP status in '" + std::string(status_line.substr(0, 80)) + "'");
        return false;
    }
    bool chunked = false, have_length = false, close = false, keep = false;
    size_t length = 0;
    std::string_view rest = eol == std::string_view::npos ? std::string_view() : head.substr(eol + 1);
    while (!rest.empty()) {
        size_t e = rest.find('\n');
        std::string_view line = trim(rest.substr(0, e));
        rest = e == std::string_view::npos ? std::string_view() : rest.substr(e + 1);
        if (line.empty()) continue;
        size_t colon = line.find(':');
        if (colon == std::string_view::npos) continue;  // tolerated, as curl does
        std::string_view name = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
        if (iequals(name, "content-length")) {
            auto [q, err] = std::from_chars(value.data(), value.data() + value.size(), length);
            if (err != std::errc() || q != value.data() + value.size()) {
                fail("bad Content-Length '" + std::string(value.substr(0, 40)) + "'");
                return false;
            }
            have_length = true;
        } else if (iequals(name, "transfer-encoding")) {
            chunked = has_token(value, "chunked");
        } else if (iequals(name, "connection")) {
            close = close || has_token(value, "close");
            keep = keep || has_token(value, "keep-alive");
        }
    }
    line_.clear();
    if (status < 200) return true;  // interim (100 Continue): the real answer follows
    status_ = status;
    keep_alive_ = !close && (!http10 || keep);
    if (status == 204 || status == 304) {
        state_ = State::done;
    } else if (chunked) {
        state_ = State::chunk_size;
    } else if (have_length) {
        if (length > kMaxBody) {
            fail("response body of " + std::to_string(length) + " bytes is too large");
            return false;
        }
        remaining_ = length;
        state_ = length ? State::length_body : State::done;
    } else {
        state_ = State::until_close;
        keep_alive_ = false;
    }
    return true;
}

bool HttpResponseReader::take_line(std::string_view& in, size_t& used) {
    size_t nl = in.find('\n');
    size_t n = nl == std::string_view::npos ? in.size() : nl + 1;
    line_.append(in.substr(0, n));
    in.remove_prefix(n);
    used += n;
    if (line_.size() > kMaxLine) {
        fail("response line longer than " + std::to_string(kMaxLine) + " bytes");
        return false;
    }
    if (nl == std::string_view::npos) return false;
    line_.pop_back();
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    return true;
}

size_t HttpResponseReader::feed(std::string_view in) {
    size_t used = 0;
    if (!in.empty()) seen_any_ = true;
    while (!in.empty() && state_ != State::done && state_ != State::failed) {
        switch (state_) {
            case State::head: {
                // The head ends at the first empty line (CRLF CRLF, or bare LFs).
                size_t before = line_.size();
                line_.append(in);
                size_t from = before >= 3 ? before - 3 : 0;
                size_t crlf = line_.find("\r\n\r\n", from), lf = line_.find("\n\n", from);
                size_t end = std::min(crlf == std::string::npos ? std::string::npos : crlf + 4,
                                      lf == std::string::npos ? std::string::npos : lf + 2);
                if (end == std::string::npos) {
                    used += in.size();
                    in = {};
                    if (line_.size() > kMaxHead) fail("response head longer than " + std::to_string(kMaxHead) + " bytes");
                    break;
                }
                size_t taken = end - before;
                used += taken;
                in.remove_prefix(taken);
                line_.resize(end);
                parse_head();
                break;
            }
            case State::length_body:
            case State::chunk_data:
            case State::until_close: {
                size_t n = state_ == State::until_close ? in.size() : std::min(remaining_, in.size());
                if (body_.size() + n > kMaxBody) {
                    fail("response body larger than " + std::to_string(kMaxBody) + " bytes");
                    break;
                }
                body_.append(in.substr(0, n));
                in.remove_prefix(n);
                used += n;
                if (state_ == State::until_close) break;
                remaining_ -= n;
                if (remaining_ == 0) state_ = state_ == State::length_body ? State::done : State::chunk_end;
                break;
            }
            case State::chunk_size: {
                if (!take_line(in, used)) break;
                std::string_view hex = trim(std::string_view(line_).substr(0, line_.find(';')));
                size_t size = 0;
                auto [p, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), size, 16);
                if (hex.empty() || ec != std::errc() || p != hex.data() + hex.size()) {
                    fail("bad chunk size '" + std::string(hex.substr(0, 40)) + "'");
                    break;
                }
                line_.clear();
                remaining_ = size;
                state_ = size ? State::chunk_data : State::trailers;
                break;
            }
            case State::chunk_end:
                if (!take_line(in, used)) break;
                if (!line_.empty()) {
                    fail("chunk not followed by CRLF");
                    break;
                }
                state_ = State::chunk_size;
                break;
            case State::trailers:
                if (!take_line(in, used)) break;
                if (line_.empty()) state_ = State::done;
                line_.clear();
                break;
            case State::done:
            case State::failed:
                break;
        }
    }
    return used;
}

void HttpResponseReader::end_of_stream() {
    if (state_ == State::until_close) {
        state_ = State::done;
        return;
    }
    if (state_ != State::done && state_ != State::failed)
        fail(seen_any_ ? "the server closed the connection in the middle of its answer"
                       : "the server closed the connection without answering");
}

}  // namespace eventgen
