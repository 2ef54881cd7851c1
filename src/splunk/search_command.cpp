#include "splunk/search_command.h"

#include <csignal>
#include <exception>

#include "common/log.h"
#include "splunk/search_args.h"
#include "splunk/search_check.h"
#include "splunk/search_preview.h"
#include "splunk/search_protocol.h"

namespace eventgen {

namespace search {
namespace {

// The rows of one search, and the messages that go with them.
struct Results {
    std::vector<std::string> fields;
    std::vector<std::vector<std::string>> rows;
    std::vector<InspectorMessage> messages;
};

Results preview_results(const PreviewRequest& req, const CommandLimits& limits) {
    Results out;
    out.fields = preview_fields();
    std::vector<EventgenConf> confs = load_app_confs(req.app, out.messages);
    if (!out.messages.empty() && out.messages.front().level == "ERROR") return out;
    PreviewResult p = run_preview(confs, req, limits);
    out.messages.insert(out.messages.end(), p.messages.begin(), p.messages.end());
    for (auto& r : p.rows)
        out.rows.push_back({std::move(r.time), std::move(r.raw), std::move(r.host), std::move(r.source),
                            std::move(r.sourcetype), std::move(r.index)});
    return out;
}

Results check_results(const CheckRequest& req) {
    Results out;
    out.fields = check_fields();
    std::vector<EventgenConf> confs = load_app_confs(req.app, out.messages);
    if (!out.messages.empty() && out.messages.front().level == "ERROR") return out;
    out.rows = run_check(confs, req, out.messages);
    return out;
}

Results run_request(const SearchRequest& req, const CommandLimits& limits) {
    // Nothing may escape as an exception: splunkd would only see the process die.
    try {
        return req.kind == SearchRequest::Kind::Check ? check_results(req.check) : preview_results(req.preview, limits);
    } catch (const std::exception& e) {
        Results out;
        out.messages.push_back({"ERROR", std::string("eventgen failed: ") + e.what()});
        return out;
    }
}

class Session {
public:
    Session(int in_fd, int out_fd) : reader_(in_fd), out_fd_(out_fd) {}

    int run(const std::vector<std::string>& argv) {
        Chunk chunk;
        std::string error;
        auto getinfo = next_request("getinfo", chunk, error);
        if (!getinfo) return protocol_error(error);

        std::string problem;
        std::optional<CommandLimits> limits = parse_command_limits(argv, problem);
        std::optional<SearchRequest> request;
        if (limits) request = parse_search_args(getinfo->searchinfo ? getinfo->searchinfo->args
                                                                    : std::vector<std::string>{},
                                                *limits, problem);
        if (!request) {
            // One clear message for the user; `finished` ends the search without running it.
            send(getinfo_reply({{"ERROR", problem}}, true), "");
            return 0;
        }
        if (!send(getinfo_reply({}, false), "")) return 0;  // splunkd went away: nothing left to do
        size_t max_rows = static_cast<size_t>(getinfo->searchinfo ? getinfo->searchinfo->maxresultrows : 50000);

        // splunkd now asks for results chunk by chunk; the first request does the work.
        bool done = false;
        Results results;
        size_t sent = 0;
        while (true) {
            auto execute = next_request("execute", chunk, error);
            if (!execute) return error.empty() ? 0 : protocol_error(error);
            if (!done) {
                results = run_request(*request, *limits);
                done = true;
            }
            CsvTable table(results.fields);
            size_t end = std::min(results.rows.size(), sent + max_rows);
            for (; sent < end; ++sent) {
                std::vector<std::string_view> values(results.rows[sent].begin(), results.rows[sent].end());
                table.add_row(values);
            }
            bool finished = sent >= results.rows.size();
            if (!send(execute_reply(results.messages, finished), table.text())) return 0;
            results.messages.clear();  // each message once
            if (finished) return 0;
        }
    }

private:
    // The next chunk, which must carry `action`. nullopt with `error` empty when splunkd
    // closed the pipe between chunks.
    std::optional<Request> next_request(const char* action, Chunk& chunk, std::string& error) {
        error.clear();
        ChunkReader::Status st = reader_.next(chunk, error);
        if (st == ChunkReader::Status::End) {
            if (std::string(action) == "getinfo") error = "no getinfo chunk on stdin (splunkd runs this command)";
            return std::nullopt;
        }
        if (st == ChunkReader::Status::Error) return std::nullopt;
        auto req = parse_request(chunk.metadata, error);
        if (!req) return std::nullopt;
        if (req->action != action) {
            error = "expected a chunk with action '" + std::string(action) + "', got '" + req->action + "'";
            return std::nullopt;
        }
        return req;
    }
    bool send(const std::string& metadata, const std::string& body) { return write_chunk(out_fd_, metadata, body); }
    int protocol_error(const std::string& error) {
        // splunkd logs stderr into search.log; the protocol itself cannot carry this.
        LOG_ERROR("search command protocol: " << error);
        return 1;
    }

    ChunkReader reader_;
    int out_fd_;
};

}  // namespace
}  // namespace search

int run_search_command(const std::vector<std::string>& args, int in_fd, int out_fd) {
    // A closed pipe must show up as a failed write, not kill the process.
    std::signal(SIGPIPE, SIG_IGN);
    // stderr goes to search.log, where splunkd marks every line as an error: keep it to
    // real problems (warnings reach the user as inspector messages).
    set_log_level(LogLevel::Warning);
    search::Session session(in_fd, out_fd);
    return session.run(args);
}

}  // namespace eventgen
