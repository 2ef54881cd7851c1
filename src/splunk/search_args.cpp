#include "splunk/search_args.h"

#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "common/strings.h"

namespace eventgen::search {

namespace {

std::optional<uint64_t> parse_seed(std::string_view s) {
    s = trim(s);
    uint64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

}  // namespace

const char* search_usage() {
    return "usage: | eventgen stanza=<name> [app=<app>] [count=<n>] [earliest=<time>] [latest=<time>] [seed=<n>]"
           "  or  | eventgen check [app=<app>] [stanza=<name>]";
}

std::optional<SearchRequest> parse_search_args(const std::vector<std::string>& args, const CommandLimits& limits,
                                               std::string& error) {
    SearchRequest req;
    std::map<std::string, std::string> options;
    bool positional_seen = false;
    for (const std::string& arg : args) {
        size_t eq = arg.find('=');
        if (eq == std::string::npos) {
            std::string word = to_lower(arg);
            if (word == "check" && !positional_seen && options.empty()) {
                req.kind = SearchRequest::Kind::Check;
                positional_seen = true;
                continue;
            }
            error = "unexpected argument '" + arg + "'. " + search_usage();
            return std::nullopt;
        }
        std::string key = to_lower(trim(std::string_view(arg).substr(0, eq)));
        std::string value(trim(std::string_view(arg).substr(eq + 1)));
        if (key.empty()) {
            error = "argument '" + arg + "' has no name. " + search_usage();
            return std::nullopt;
        }
        if (options.count(key)) {
            error = "'" + key + "' is given twice";
            return std::nullopt;
        }
        if (value.empty()) {
            error = "'" + key + "=' needs a value";
            return std::nullopt;
        }
        options[key] = value;
    }

    const bool check = req.kind == SearchRequest::Kind::Check;
    static const std::set<std::string> preview_keys = {"stanza", "app", "count", "earliest", "latest", "seed"};
    static const std::set<std::string> check_keys = {"app", "stanza"};
    for (const auto& [key, value] : options) {
        if (!(check ? check_keys : preview_keys).count(key)) {
            error = "unknown argument '" + key + "'" + (check ? " for check" : "") + ". " + search_usage();
            return std::nullopt;
        }
    }
    auto get = [&](const char* key) -> std::optional<std::string> {
        auto it = options.find(key);
        if (it == options.end()) return std::nullopt;
        return it->second;
    };

    if (check) {
        req.check.app = get("app").value_or("");
        req.check.stanza = get("stanza").value_or("");
        return req;
    }

    PreviewRequest& p = req.preview;
    if (!get("stanza")) {
        error = "stanza=<name> is required (the eventgen.conf stanza or sample file to preview). " +
                std::string(search_usage());
        return std::nullopt;
    }
    p.stanza = *get("stanza");
    p.app = get("app").value_or("");
    if (auto c = get("count")) {
        auto n = parse_int(*c);
        if (!n || *n < 1) {
            error = "count=" + *c + " is not a whole number of at least 1";
            return std::nullopt;
        }
        if (*n > limits.max_count) {
            error = "count=" + *c + " is above this command's limit of " + std::to_string(limits.max_count) +
                    " events (--max-count in commands.conf [eventgen] command.arg)";
            return std::nullopt;
        }
        p.count = *n;
    }
    p.count = std::min(p.count, limits.max_count);
    p.earliest = get("earliest");
    p.latest = get("latest");
    if (auto s = get("seed")) {
        p.seed = parse_seed(*s);
        if (!p.seed) {
            error = "seed=" + *s + " is not a whole number between 0 and 18446744073709551615";
            return std::nullopt;
        }
    }
    return req;
}

std::optional<CommandLimits> parse_command_limits(const std::vector<std::string>& argv, std::string& error) {
    CommandLimits limits;
    for (size_t i = 0; i < argv.size(); ++i) {
        std::string arg = argv[i];
        std::string value;
        size_t eq = arg.find('=');
        if (eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
        } else if (i + 1 < argv.size()) {
            value = argv[++i];
        } else {
            error = "commands.conf: " + arg + " needs a value";
            return std::nullopt;
        }
        if (arg == "--max-count") {
            auto n = parse_int(value);
            if (!n || *n < 1) {
                error = "commands.conf: --max-count " + value + " is not a whole number of at least 1";
                return std::nullopt;
            }
            limits.max_count = *n;
        } else if (arg == "--time-budget") {
            auto s = parse_double(value);
            if (!s || !std::isfinite(*s) || *s <= 0) {
                error = "commands.conf: --time-budget " + value + " is not a number of seconds above 0";
                return std::nullopt;
            }
            limits.time_budget = *s;
        } else {
            error = "commands.conf: unknown command.arg '" + arg + "' (known: --max-count, --time-budget)";
            return std::nullopt;
        }
    }
    return limits;
}

}  // namespace eventgen::search
