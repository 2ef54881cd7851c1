#pragma once
// Splunk's chunked search command protocol (version 2), the command side.
//
// splunkd and the command exchange chunks over the command's stdin/stdout:
//   "chunked 1.0,<metadata bytes>,<body bytes>\n" <JSON metadata> <CSV body>
// The first chunk from splunkd is {"action":"getinfo", "searchinfo":{...}}; the command
// answers with its configuration ({"type":"events","generating":true}). Then splunkd
// sends {"action":"execute"} chunks and the command answers each one with a chunk of
// results, until a reply says {"finished":true}. Errors and warnings travel in the
// metadata as {"inspector":{"messages":[["ERROR","text"], ...]}}.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eventgen::search {

// Larger chunks are refused: nothing splunkd sends a generating command comes near.
constexpr size_t kMaxChunkPart = 256u << 20;

struct Chunk {
    std::string metadata;  // JSON text
    std::string body;      // CSV text (may be empty)
};

// Parses a chunk header line (without its newline): "chunked 1.0,<m>,<b>". Returns the
// two lengths, or nullopt when the line is not a header.
std::optional<std::pair<size_t, size_t>> parse_chunk_header(std::string_view line);

// Frames a chunk: header, metadata, body.
std::string encode_chunk(std::string_view metadata, std::string_view body);

// Reads chunks from a file descriptor (splunkd's pipe).
class ChunkReader {
public:
    explicit ChunkReader(int fd) : fd_(fd) {}
    enum class Status { Ok, End, Error };
    // End: the pipe closed between chunks. Error: a malformed or truncated chunk.
    Status next(Chunk& chunk, std::string& error);

private:
    bool fill(size_t want);  // reads until buf_ holds `want` bytes; false at end of input
    int fd_;
    std::string buf_;
};

// Writes a whole chunk; false when the pipe is gone.
bool write_chunk(int fd, std::string_view metadata, std::string_view body);

// What splunkd tells the command about the search (getinfo's "searchinfo").
struct SearchInfo {
    std::vector<std::string> args;      // the command's arguments, quotes removed
    std::vector<std::string> raw_args;  // as typed
    std::string dispatch_dir, sid, app, owner, username, session_key, splunkd_uri, splunk_version;
    std::string search;   // the whole search, percent-encoded by splunkd
    std::string command;  // the command's name as typed
    int64_t maxresultrows = 50000;
    std::string earliest_time, latest_time;  // epoch seconds as text; "0" when unset
};

struct Request {
    std::string action;  // "getinfo" or "execute"
    bool preview = false;
    bool finished = false;  // execute: splunkd sends no more input
    std::optional<SearchInfo> searchinfo;  // getinfo only
};

// Parses a chunk's metadata from splunkd; nullopt with `error` set when it is not a
// JSON object with a string "action".
std::optional<Request> parse_request(std::string_view metadata, std::string& error);

struct InspectorMessage {
    std::string level;  // DEBUG, INFO, WARN, ERROR, FATAL
    std::string text;
};

// The getinfo reply of a generating command on the events pipeline. With `finished`
// (after an error) splunkd sends nothing more.
std::string getinfo_reply(const std::vector<InspectorMessage>& messages, bool finished);
// The reply to an execute chunk.
std::string execute_reply(const std::vector<InspectorMessage>& messages, bool finished);

// CSV as splunkd reads it: a header row, then one row per result; fields quoted when
// they hold a comma, quote, CR or LF (quotes doubled); rows end with CRLF.
class CsvTable {
public:
    explicit CsvTable(std::vector<std::string> fields) : fields_(std::move(fields)) {}
    void add_row(const std::vector<std::string_view>& values);
    size_t rows() const { return rows_; }
    // Header plus rows; empty when there are no rows (an empty body means no results).
    std::string text() const;
    void clear_rows();

private:
    std::vector<std::string> fields_;
    std::string rows_text_;
    size_t rows_ = 0;
};

void append_csv_field(std::string& out, std::string_view value);

}  // namespace eventgen::search
