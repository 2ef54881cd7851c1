#include "tokens/token.h"

#include <cstring>

#include "common/strings.h"
#include "tokens/file_value.h"
#include "tokens/random_value.h"
#include "tokens/simple_values.h"

namespace eventgen {

char* TokenValue::write(EventContext& ctx, char* p) {
    std::string value;
    produce(ctx, value);
    std::memcpy(p, value.data(), value.size());  // max_size() bounds it
    return p + value.size();
}

TokenSet TokenSet::clone() const {
    TokenSet out;
    out.file_count = file_count;
    for (const auto& t : tokens) out.tokens.push_back(t.clone());
    if (host) out.host = host->clone();
    return out;
}

namespace {

Regex compile_token_regex(const TokenSpec& spec, const std::string& key) {
    try {
        return Regex::compile(spec.regex);
    } catch (const RegexError& e) {
        ConfLocation where = spec.where;
        where.key = key;
        throw ConfigError(where, "invalid token regex '" + spec.regex + "': " + e.what());
    }
}

std::unique_ptr<TokenValue> make_value(const TokenSpec& spec, ReplacementFiles& files,
                                       const std::vector<std::pair<std::string, int64_t>>& id_starts) {
    const ConfLocation& where = spec.replacement_where.file.empty() ? spec.where : spec.replacement_where;
    const std::string& type = spec.type;
    if (type == "static") return make_static_value(spec.replacement);
    if (type == "timestamp") return make_timestamp_value(spec.replacement);
    if (type == "replaytimestamp") return make_window_end_timestamp_value(replay_formats(spec.replacement));
    if (type == "random" || type == "rated") return make_random_value(spec.replacement, type == "rated", where);
    if (type == "file" || type == "mvfile") return make_file_value(spec.replacement, false, files, where);
    if (type == "seqfile") return make_file_value(spec.replacement, true, files, where);
    if (type == "integerid") {
        auto start = parse_int(spec.replacement);
        if (!start) throw ConfigError(where, "integerid needs a whole number to start from, found '" +
                                                 spec.replacement + "'");
        for (const auto& [regex, saved] : id_starts)
            if (regex == spec.regex) start = saved;
        return make_integer_id_value(*start);
    }
    throw ConfigError(spec.type_where, "unknown replacementType '" + type + "'");
}

}  // namespace

TokenSet build_tokens(const SampleDefinition& def, const std::vector<std::pair<std::string, int64_t>>& id_starts) {
    TokenSet set;
    ReplacementFiles files(def.sample_dir, def.conf_dir);
    for (const auto& spec : def.tokens) {
        Token t{spec, compile_token_regex(spec, "token." + std::to_string(spec.index) + ".token"),
                profile_regex(spec.regex), make_value(spec, files, id_starts)};
        t.value->set_token_index(set.tokens.size());
        set.tokens.push_back(std::move(t));
    }
    if (def.host_token) {
        const TokenSpec& spec = *def.host_token;
        Token t{spec, compile_token_regex(spec, "host.token"), profile_regex(spec.regex),
                make_file_value(spec.replacement, false, files,
                                spec.replacement_where.file.empty() ? spec.where : spec.replacement_where)};
        set.host = std::move(t);
    }
    set.file_count = files.count();
    return set;
}

}  // namespace eventgen
