#include "splunk/search_protocol.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

namespace eventgen::search {

namespace {

constexpr std::string_view kMagic = "chunked 1.0,";
constexpr size_t kMaxHeaderLine = 128;

std::optional<size_t> parse_length(std::string_view s) {
    if (s.empty() || s.size() > 12) return std::nullopt;
    size_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

std::string string_member(const rapidjson::Value& obj, const char* name) {
    auto it = obj.FindMember(name);
    if (it == obj.MemberEnd()) return "";
    if (it->value.IsString()) return std::string(it->value.GetString(), it->value.GetStringLength());
    if (it->value.IsNumber()) {
        // splunkd sends earliest_time/latest_time as strings, but be lenient about numbers.
        rapidjson::StringBuffer sb;
        rapidjson::Writer<rapidjson::StringBuffer> w(sb);
        it->value.Accept(w);
        return sb.GetString();
    }
    return "";
}

std::vector<std::string> string_list(const rapidjson::Value& obj, const char* name) {
    std::vector<std::string> out;
    auto it = obj.FindMember(name);
    if (it == obj.MemberEnd() || !it->value.IsArray()) return out;
    for (const auto& v : it->value.GetArray())
        if (v.IsString()) out.emplace_back(v.GetString(), v.GetStringLength());
    return out;
}

bool bool_member(const rapidjson::Value& obj, const char* name) {
    auto it = obj.FindMember(name);
    return it != obj.MemberEnd() && it->value.IsBool() && it->value.GetBool();
}

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void write_inspector(JsonWriter& w, const std::vector<InspectorMessage>& messages) {
    if (messages.empty()) return;
    w.Key("inspector");
    w.StartObject();
    w.Key("messages");
    w.StartArray();
    for (const auto& m : messages) {
        w.StartArray();
        w.String(m.level.c_str(), static_cast<rapidjson::SizeType>(m.level.size()));
        w.String(m.text.c_str(), static_cast<rapidjson::SizeType>(m.text.size()));
        w.EndArray();
    }
    w.EndArray();
    w.EndObject();
}

}  // namespace

std::optional<std::pair<size_t, size_t>> parse_chunk_header(std::string_view line) {
    if (line.substr(0, kMagic.size()) != kMagic) return std::nullopt;
    std::string_view rest = line.substr(kMagic.size());
    size_t comma = rest.find(',');
    if (comma == std::string_view::npos) return std::nullopt;
    auto meta = parse_length(rest.substr(0, comma));
    auto body = parse_length(rest.substr(comma + 1));
    if (!meta || !body) return std::nullopt;
    return std::make_pair(*meta, *body);
}

std::string encode_chunk(std::string_view metadata, std::string_view body) {
    std::string out;
    out.reserve(metadata.size() + body.size() + 32);
    out += kMagic;
    out += std::to_string(metadata.size());
    out += ',';
    out += std::to_string(body.size());
    out += '\n';
    out += metadata;
    out += body;
    return out;
}

bool ChunkReader::fill(size_t want) {
    char tmp[65536];
    while (buf_.size() < want) {
        ssize_t n = ::read(fd_, tmp, sizeof tmp);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        buf_.append(tmp, static_cast<size_t>(n));
    }
    return true;
}

ChunkReader::Status ChunkReader::next(Chunk& chunk, std::string& error) {
    // The header line. Python's SDK writes a newline after its getinfo reply, so blank
    // lines between chunks are skipped rather than refused.
    size_t eol;
    while (true) {
        while (!buf_.empty() && (buf_[0] == '\n' || buf_[0] == '\r')) buf_.erase(0, 1);
        eol = buf_.find('\n');
        if (eol != std::string::npos) break;
        if (buf_.size() > kMaxHeaderLine) {
            error = "chunk header is not 'chunked 1.0,<metadata length>,<body length>'";
            return Status::Error;
        }
        size_t had = buf_.size();
        if (!fill(had + 1)) {
            if (had == 0) return Status::End;
            error = "input ended inside a chunk header";
            return Status::Error;
        }
    }
    std::string_view line(buf_.data(), eol);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto lengths = parse_chunk_header(line);
    if (!lengths) {
        error = "chunk header is not 'chunked 1.0,<metadata length>,<body length>': '" +
                std::string(line.substr(0, 60)) + "'";
        return Status::Error;
    }
    auto [meta_len, body_len] = *lengths;
    if (meta_len > kMaxChunkPart || body_len > kMaxChunkPart) {
        error = "chunk of " + std::to_string(meta_len + body_len) + " bytes is larger than the limit";
        return Status::Error;
    }
    size_t start = eol + 1;
    if (!fill(start + meta_len + body_len)) {
        error = "input ended inside a chunk (" + std::to_string(meta_len) + " metadata and " +
                std::to_string(body_len) + " body bytes announced)";
        return Status::Error;
    }
    chunk.metadata.assign(buf_, start, meta_len);
    chunk.body.assign(buf_, start + meta_len, body_len);
    buf_.erase(0, start + meta_len + body_len);
    return Status::Ok;
}

bool write_chunk(int fd, std::string_view metadata, std::string_view body) {
    std::string data = encode_chunk(metadata, body);
    size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

std::optional<Request> parse_request(std::string_view metadata, std::string& error) {
    rapidjson::Document doc;
    doc.Parse(metadata.data(), metadata.size());
    if (doc.HasParseError() || !doc.IsObject()) {
        error = "chunk metadata is not a JSON object";
        return std::nullopt;
    }
    auto action = doc.FindMember("action");
    if (action == doc.MemberEnd() || !action->value.IsString()) {
        error = "chunk metadata has no \"action\"";
        return std::nullopt;
    }
    Request r;
    r.action = action->value.GetString();
    r.preview = bool_member(doc, "preview");
    r.finished = bool_member(doc, "finished");
    auto si = doc.FindMember("searchinfo");
    if (si != doc.MemberEnd() && si->value.IsObject()) {
        const rapidjson::Value& v = si->value;
        SearchInfo info;
        info.args = string_list(v, "args");
        info.raw_args = string_list(v, "raw_args");
        info.dispatch_dir = string_member(v, "dispatch_dir");
        info.sid = string_member(v, "sid");
        info.app = string_member(v, "app");
        info.owner = string_member(v, "owner");
        info.username = string_member(v, "username");
        info.session_key = string_member(v, "session_key");
        info.splunkd_uri = string_member(v, "splunkd_uri");
        info.splunk_version = string_member(v, "splunk_version");
        info.search = string_member(v, "search");
        info.command = string_member(v, "command");
        info.earliest_time = string_member(v, "earliest_time");
        info.latest_time = string_member(v, "latest_time");
        auto rows = v.FindMember("maxresultrows");
        if (rows != v.MemberEnd() && rows->value.IsInt64() && rows->value.GetInt64() > 0)
            info.maxresultrows = rows->value.GetInt64();
        r.searchinfo = std::move(info);
    }
    return r;
}

std::string getinfo_reply(const std::vector<InspectorMessage>& messages, bool finished) {
    rapidjson::StringBuffer sb;
    JsonWriter w(sb);
    w.StartObject();
    // "events": the rows enter the events pipeline, with _raw and _time, like indexed events.
    w.Key("type");
    w.String("events");
    w.Key("generating");
    w.Bool(true);
    if (finished) {
        w.Key("finished");
        w.Bool(true);
    }
    write_inspector(w, messages);
    w.EndObject();
    return sb.GetString();
}

std::string execute_reply(const std::vector<InspectorMessage>& messages, bool finished) {
    rapidjson::StringBuffer sb;
    JsonWriter w(sb);
    w.StartObject();
    w.Key("finished");
    w.Bool(finished);
    write_inspector(w, messages);
    w.EndObject();
    return sb.GetString();
}

void append_csv_field(std::string& out, std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += value;
        return;
    }
    out += '"';
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void CsvTable::add_row(const std::vector<std::string_view>& values) {
    for (size_t i = 0; i < fields_.size(); ++i) {
        if (i) rows_text_ += ',';
        if (i < values.size()) append_csv_field(rows_text_, values[i]);
    }
    rows_text_ += "\r\n";
    ++rows_;
}

std::string CsvTable::text() const {
    if (rows_ == 0) return "";
    std::string out;
    for (size_t i = 0; i < fields_.size(); ++i) {
        if (i) out += ',';
        append_csv_field(out, fields_[i]);
    }
    out += "\r\n";
    out += rows_text_;
    return out;
}

void CsvTable::clear_rows() {
    rows_text_.clear();
    rows_ = 0;
}

}  // namespace eventgen::search
