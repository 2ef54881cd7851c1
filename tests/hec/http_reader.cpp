#include "http_reader.h"

#include <charconv>

namespace eventgen::test {

ReadStatus HttpReader::fill(int timeout_ms) {
    char tmp[16 * 1024];
    long got = t_.read_some(tmp, sizeof tmp, timeout_ms);
    if (got == Transport::kEof) return ReadStatus::eof;
    if (got == Transport::kTimeout) return ReadStatus::timeout;
    if (got < 0) return ReadStatus::error;
    on_bytes_(static_cast<size_t>(got));
    buf_.append(tmp, static_cast<size_t>(got));
    return ReadStatus::ok;
}

void HttpReader::compact() {
    if (pos_ > 0 && pos_ * 2 >= buf_.size()) {
        buf_.erase(0, pos_);
        pos_ = 0;
    }
}

ReadStatus HttpReader::read_head(std::string& head, size_t max_size, int timeout_ms) {
    // Blank lines before a request line are tolerated (RFC 9112 §2.2).
    for (;;) {
        while (pos_ + 2 <= buf_.size() && buf_.compare(pos_, 2, "\r\n") == 0) pos_ += 2;
        size_t end = buf_.find("\r\n\r\n", pos_);
        if (end != std::string::npos) {
            head = buf_.substr(pos_, end - pos_);
            pos_ = end + 4;
            compact();
            return head.size() > max_size ? ReadStatus::too_large : ReadStatus::ok;
        }
        if (buf_.size() - pos_ > max_size) return ReadStatus::too_large;
        bool had_bytes = buf_.size() > pos_;
        ReadStatus s = fill(timeout_ms);
        if (s == ReadStatus::eof && had_bytes) return ReadStatus::malformed;
        if (s != ReadStatus::ok) return s;
    }
}

ReadStatus HttpReader::read_fixed(size_t n, std::string& body, int timeout_ms) {
    while (buf_.size() - pos_ < n) {
        ReadStatus s = fill(timeout_ms);
        if (s == ReadStatus::eof) return ReadStatus::malformed;  // body shorter than announced
        if (s != ReadStatus::ok) return s;
    }
    body.append(buf_, pos_, n);
    pos_ += n;
    compact();
    return ReadStatus::ok;
}

ReadStatus HttpReader::read_line(std::string& line, size_t max_size, int timeout_ms) {
    for (;;) {
        size_t end = buf_.find("\r\n", pos_);
        if (end != std::string::npos) {
            line = buf_.substr(pos_, end - pos_);
            pos_ = end + 2;
            return ReadStatus::ok;
        }
        if (buf_.size() - pos_ > max_size) return ReadStatus::malformed;
        ReadStatus s = fill(timeout_ms);
        if (s == ReadStatus::eof) return ReadStatus::malformed;
        if (s != ReadStatus::ok) return s;
    }
}

ReadStatus HttpReader::read_chunked(std::string& body, size_t max_size, int timeout_ms) {
    constexpr size_t kMaxLine = 8 * 1024;
    for (;;) {
        std::string line;
        ReadStatus s = read_line(line, kMaxLine, timeout_ms);
        if (s != ReadStatus::ok) return s;
        // "<hex size>[;extensions]"
        size_t size = 0;
        std::string_view digits(line);
        digits = digits.substr(0, digits.find(';'));
        while (!digits.empty() && (digits.back() == ' ' || digits.back() == '\t')) digits.remove_suffix(1);
        auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), size, 16);
        if (digits.empty() || ec != std::errc() || p != digits.data() + digits.size()) return ReadStatus::malformed;
        if (size == 0) break;
        if (body.size() + size > max_size) return ReadStatus::too_large;
        s = read_fixed(size, body, timeout_ms);
        if (s != ReadStatus::ok) return s;
        s = read_line(line, kMaxLine, timeout_ms);
        if (s != ReadStatus::ok) return s;
        if (!line.empty()) return ReadStatus::malformed;  // data longer than its size line
    }
    // Trailer fields, ignored, up to the blank line.
    for (;;) {
        std::string line;
        ReadStatus s = read_line(line, kMaxLine, timeout_ms);
        if (s != ReadStatus::ok) return s;
        if (line.empty()) break;
    }
    compact();
    return ReadStatus::ok;
}

void HttpReader::discard(size_t max_bytes, int timeout_ms) {
    buf_.clear();
    pos_ = 0;
    size_t seen = 0;
    char tmp[16 * 1024];
    while (seen < max_bytes) {
        long got = t_.read_some(tmp, sizeof tmp, timeout_ms);
        if (got <= 0) return;
        on_bytes_(static_cast<size_t>(got));
        seen += static_cast<size_t>(got);
    }
}

}  // namespace eventgen::test
