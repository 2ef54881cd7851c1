#pragma once
// The arguments of `| eventgen ...` as splunkd passes them (searchinfo.args, quotes
// already removed), and the limits the app's commands.conf gives the command.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace eventgen::search {

// From commands.conf `command.arg.N` (see README/commands.conf.spec).
struct CommandLimits {
    int64_t max_count = 10000;  // --max-count: the largest count= a search may ask for
    double time_budget = 10;    // --time-budget: seconds a preview may take before it stops
};

// `| eventgen stanza=<name> [app=] [count=] [earliest=] [latest=] [seed=]`
struct PreviewRequest {
    std::string stanza;
    std::string app;  // empty: every app
    int64_t count = 10;
    std::optional<std::string> earliest, latest;
    std::optional<uint64_t> seed;
};

// `| eventgen check [app=] [stanza=]`
struct CheckRequest {
    std::string app;
    std::string stanza;
};

struct SearchRequest {
    enum class Kind { Preview, Check } kind = Kind::Preview;
    PreviewRequest preview;
    CheckRequest check;
};

// The request, or nullopt with `error` set to one message for the user.
std::optional<SearchRequest> parse_search_args(const std::vector<std::string>& args, const CommandLimits& limits,
                                               std::string& error);

// The command's own argv (command.arg.N); nullopt with `error` set when malformed.
std::optional<CommandLimits> parse_command_limits(const std::vector<std::string>& argv, std::string& error);

// One line of usage, for error messages.
const char* search_usage();

}  // namespace eventgen::search
