#pragma once
// Buffered reading of HTTP/1.x requests: heads, Content-Length and chunked bodies.
// Leftover bytes stay buffered for the next request (pipelining).
#include <cstddef>
#include <functional>
#include <string>

#include "transport.h"

namespace eventgen::test {

enum class ReadStatus { ok, eof, error, timeout, too_large, malformed };

class HttpReader {
public:
    // on_bytes sees every byte count taken from the transport (wire accounting).
    HttpReader(Transport& t, std::function<void(size_t)> on_bytes) : t_(t), on_bytes_(std::move(on_bytes)) {}

    // Everything up to the blank line, without it. eof only when no byte came at all.
    ReadStatus read_head(std::string& head, size_t max_size, int timeout_ms);
    ReadStatus read_fixed(size_t n, std::string& body, int timeout_ms);
    // De-chunks into body; too_large once the decoded size would pass max_size.
    ReadStatus read_chunked(std::string& body, size_t max_size, int timeout_ms);
    // Reads and discards until EOF, max_bytes or the timeout (a lingering close).
    void discard(size_t max_bytes, int timeout_ms);

private:
    ReadStatus fill(int timeout_ms);  // appends at least one byte to buf_
    ReadStatus read_line(std::string& line, size_t max_size, int timeout_ms);
    void compact();

    Transport& t_;
    std::function<void(size_t)> on_bytes_;
    std::string buf_;
    size_t pos_ = 0;  // start of unread bytes in buf_
};

}  // namespace eventgen::test
