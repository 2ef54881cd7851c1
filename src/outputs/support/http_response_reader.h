#pragma once
// Reads one HTTP/1.1 response from bytes as they arrive: the status line, the headers
// that frame the body (Content-Length, chunked Transfer-Encoding, or until the server
// closes) and whether the connection may be kept, and the body itself. Interim 1xx
// responses are skipped. Used by HttpClient's posts, which write their requests
// themselves so that payloads go to the socket without a copy.
#include <cstddef>
#include <string>
#include <string_view>

namespace eventgen {

class HttpResponseReader {
public:
    // Bodies above this are an error: HEC and splunkd answer in a few hundred bytes.
    static constexpr size_t kMaxBody = 16 * 1024 * 1024;
    static constexpr size_t kMaxHead = 64 * 1024;

    // Consumes what it can of `bytes`; returns how many it used. Bytes after the end
    // of the response are left unused (done() is then true).
    size_t feed(std::string_view bytes);
    // The server closed the connection: completes a body that runs until close,
    // anything else unfinished is an error.
    void end_of_stream();

    bool done() const { return state_ == State::done; }
    bool failed() const { return state_ == State::failed; }
    bool started() const { return seen_any_; }  // any byte of a response arrived
    const std::string& error() const { return error_; }
    long status() const { return status_; }
    const std::string& body() const { return body_; }
    // False when the server said Connection: close, answered as HTTP/1.0 without
    // keep-alive, or framed the body by closing.
    bool keep_alive() const { return keep_alive_; }

private:
    enum class State { head, length_body, chunk_size, chunk_data, chunk_end, trailers, until_close, done, failed };
    bool parse_head();  // on a complete head in line_
    bool take_line(std::string_view& in, size_t& used);
    void fail(std::string why);

    State state_ = State::head;
    std::string line_;  // the head (State::head) or the current chunk line
    std::string body_;
    std::string error_;
    size_t remaining_ = 0;  // of the body or the current chunk
    long status_ = 0;
    bool keep_alive_ = true;
    bool seen_any_ = false;
};

}  // namespace eventgen
