#include "config/sample_resolver.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fnmatch.h>
#include <map>
#include <optional>
#include <set>

#include "common/strings.h"
#include "common/text_file.h"
#include "generators/registry.h"
#include "regex/regex.h"

namespace eventgen {

namespace fs = std::filesystem;

namespace {

const char* const kReplacementTypes[] = {"static", "timestamp", "replaytimestamp", "random", "rated",
                                         "file",   "mvfile",    "seqfile",         "integerid"};

// A stanza's keys split into plain settings and token definitions.
struct StanzaParts {
    SettingsMap plain;
    std::map<int, TokenSpec> tokens;
    std::map<int, int> token_keys_seen;  // bit 1 token, 2 type, 4 replacement
    std::optional<TokenSpec> host;
    std::vector<ConfigError> errors;
    std::optional<Regex> regex;  // the stanza name compiled; empty when it is not a valid regex
};

bool parse_token_key(const std::string& key, int& index, std::string& attr) {
    // token.<N>.<attr>
    size_t second = key.find('.', 6);
    if (second == std::string::npos) return false;
    auto n = parse_int(std::string_view(key).substr(6, second - 6));
    if (!n || *n < 0 || *n > 100000) return false;
    index = static_cast<int>(*n);
    attr = key.substr(second + 1);
    return true;
}

StanzaParts split_stanza(const ConfStanzaDef& def) {
    StanzaParts parts;
    parts.plain.stanza = def.name;
    for (const auto& [key, setting] : def.own.all()) {
        if (starts_with(key, "token.")) {
            int index = 0;
            std::string attr;
            if (!parse_token_key(key, index, attr)) {
                parts.errors.emplace_back(setting.where,
                                          "malformed token setting (expected token.<number>.token, "
                                          "token.<number>.replacementType or token.<number>.replacement)");
                continue;
            }
            TokenSpec& t = parts.tokens[index];
            t.index = index;
            int& seen = parts.token_keys_seen[index];
            if (attr == "token") {
                t.regex = setting.value;
                t.where = setting.where;
                seen |= 1;
            } else if (attr == "replacementType") {
                std::string type = to_lower(trim(setting.value));
                bool known = false;
                for (const char* k : kReplacementTypes) known = known || type == k;
                if (!known) {
                    parts.errors.emplace_back(
                        setting.where,
                        "unknown replacementType '" + setting.value +
                            "' (expected static, timestamp, replaytimestamp, random, rated, file, "
                            "mvfile, seqfile or integerid)");
                }
                t.type = type;
                t.type_where = setting.where;
                seen |= 2;
            } else if (attr == "replacement") {
                t.replacement = setting.value;
                t.replacement_where = setting.where;
                seen |= 4;
            } else {
                parts.errors.emplace_back(setting.where,
                                          "unknown token attribute '" + attr +
                                              "' (expected token, replacementType or replacement)");
            }
            if (t.where.file.empty()) t.where = setting.where;
            continue;
        }
        if (starts_with(key, "host.")) {
            std::string attr = key.substr(5);
            if (!parts.host) {
                parts.host = TokenSpec{};
                parts.host->type = "file";  // Eventgen's host token always picks from a file
                parts.host->where = setting.where;
            }
            if (attr == "token") {
                parts.host->regex = setting.value;
                parts.host->where = setting.where;
            } else if (attr == "replacement") {
                parts.host->replacement = setting.value;
                parts.host->replacement_where = setting.where;
            } else {
                parts.errors.emplace_back(setting.where, "unknown host token attribute '" + attr +
                                                             "' (expected host.token or host.replacement)");
            }
            continue;
        }
        parts.plain.set(key, setting);
    }
    for (const auto& [index, seen] : parts.token_keys_seen) {
        const TokenSpec& t = parts.tokens[index];
        const char* missing = !(seen & 1) ? "token" : !(seen & 2) ? "replacementType"
                                                     : !(seen & 4) ? "replacement" : nullptr;
        if (missing) {
            ConfLocation where = t.where;
            where.key = "token." + std::to_string(index) + "." + missing;
            parts.errors.emplace_back(where, std::string("token ") + std::to_string(index) +
                                                 " is incomplete: " + missing + " is not set");
        }
    }
    if (parts.host && (parts.host->regex.empty() || parts.host->replacement.empty())) {
        parts.errors.emplace_back(parts.host->where,
                                  "host token needs both host.token and host.replacement");
    }
    try {
        parts.regex = Regex::compile(def.name);
    } catch (const RegexError&) {
        // Not a regex: the stanza can still name one file exactly.
    }
    return parts;
}

// Python's re.match(name, text) followed by Eventgen's "whole file name" check.
bool full_match(const StanzaParts& parts, const std::string& stanza, const std::string& text) {
    if (stanza == text) return true;
    if (!parts.regex) return false;
    Match m;
    return parts.regex->search(text, 0, m) && m.start == 0 && m.end == text.size();
}

// Python's re.match(name, text): a match anchored at the start, of any length.
bool prefix_match(const StanzaParts& parts, const std::string& text) {
    if (!parts.regex) return false;
    Match m;
    return parts.regex->search(text, 0, m) && m.start == 0;
}

std::string resolve_sample_dir(const ConfStanzaDef& def, const SettingsMap& effective) {
    if (const Setting* s = effective.find("sampleDir"); s && !trim(s->value).empty()) {
        fs::path p(expand_env_vars(std::string(trim(s->value))));
        // A relative sampleDir is relative to the folder of the file that set it.
        if (p.is_relative()) {
            fs::path base = s->where.file.empty() ? fs::path(def.conf_dir)
                                                  : fs::path(s->where.file).parent_path();
            p = base / p;
        }
        return p.lexically_normal().string();
    }
    fs::path app_samples = fs::path(def.app_dir) / "samples";
    std::error_code ec;
    if (!def.app_dir.empty() && fs::is_directory(app_samples, ec))
        return app_samples.lexically_normal().string();
    fs::path conf_samples = fs::path(def.conf_dir) / "samples";
    if (fs::is_directory(conf_samples, ec)) return conf_samples.lexically_normal().string();
    return app_samples.lexically_normal().string();
}

// A sample folder's regular files (samples), and its FIFOs, sockets and devices: those
// are never read (a FIFO would block), but a stanza naming one is told what it is.
struct FolderFiles {
    std::vector<std::string> regular;
    std::vector<std::string> special;
};

const FolderFiles& list_files(std::map<std::string, FolderFiles>& cache, const std::string& dir) {
    auto it = cache.find(dir);
    if (it != cache.end()) return it->second;
    FolderFiles files;
    std::error_code ec;
    for (fs::directory_iterator d(dir, ec), end; !ec && d != end; d.increment(ec)) {
        std::error_code fec;
        if (d->is_regular_file(fec))
            files.regular.push_back(d->path().filename().string());
        else if (!d->is_directory(fec) && d->exists(fec))
            files.special.push_back(d->path().filename().string());
    }
    std::sort(files.regular.begin(), files.regular.end());
    std::sort(files.special.begin(), files.special.end());
    return cache.emplace(dir, std::move(files)).first->second;
}

}  // namespace

std::string expand_env_vars(const std::string& path) {
    std::string out;
    for (size_t i = 0; i < path.size();) {
        if (path[i] != '$') {
            out += path[i++];
            continue;
        }
        size_t start = i + 1;
        bool braced = start < path.size() && path[start] == '{';
        if (braced) ++start;
        size_t end = start;
        while (end < path.size() && (std::isalnum(static_cast<unsigned char>(path[end])) || path[end] == '_'))
            ++end;
        std::string name = path.substr(start, end - start);
        if (braced && (end >= path.size() || path[end] != '}')) name.clear();
        const char* value = name.empty() ? nullptr : std::getenv(name.c_str());
        if (!value) {
            out += path[i++];
            continue;
        }
        out += value;
        i = braced ? end + 1 : end;
    }
    return out;
}

SampleSelector::SampleSelector(std::string pattern) : pattern_(std::move(pattern)) {
    if (pattern_.empty()) return;
    try {
        regex_ = Regex::compile(pattern_);
    } catch (const RegexError&) {
        // Not a regex ('*.csv'): it can still be a glob or an exact name.
    }
}

bool SampleSelector::matches(const std::string& text) const {
    if (text == pattern_) return true;
    Match m;
    if (regex_ && regex_->search(text, 0, m) && m.start == 0 && m.end == text.size()) return true;
    return ::fnmatch(pattern_.c_str(), text.c_str(), 0) == 0;
}

bool SampleSelector::selects(const std::string& file_name, const std::string& stanza) const {
    return pattern_.empty() || matches(file_name) || matches(stanza);
}

ResolvedSamples resolve_samples(const EventgenConf& conf, const ResolveOptions& options) {
    ResolvedSamples result;
    const SampleSelector selector(options.only_sample);
    // As in Eventgen, [global] holds settings only; tokens there reach no sample.
    for (const auto& [key, setting] : conf.globals.all())
        if (starts_with(key, "token.") || starts_with(key, "host."))
            result.warnings.push_back(setting.where.describe() +
                                      ": tokens in [global] apply to no sample; put them in the sample's stanza or "
                                      "in a regex stanza such as [.*] that matches the samples");
    const size_t n = conf.stanzas.size();
    std::vector<StanzaParts> parts;
    parts.reserve(n);
    for (const auto& def : conf.stanzas) parts.push_back(split_stanza(def));

    // Stanzas whose regex matches another stanza's name lend it settings and tokens
    // (Eventgen's "global tokens" for families of samples).
    auto contributors_by_name = [&](size_t target) {
        std::vector<size_t> out;
        for (size_t c = 0; c < n; ++c)
            if (c != target && prefix_match(parts[c], conf.stanzas[target].name)) out.push_back(c);
        return out;
    };
    auto effective_settings = [&](size_t winner, const std::vector<size_t>& contributors) {
        SettingsMap eff = conf.globals;
        eff.stanza = conf.stanzas[winner].name;
        for (size_t c : contributors)
            for (const auto& [k, v] : parts[c].plain.all()) eff.set(k, v);
        for (const auto& [k, v] : parts[winner].plain.all()) eff.set(k, v);
        return eff;
    };

    // Match stanzas to files.
    std::map<std::string, FolderFiles> dir_cache;
    std::map<std::string, std::vector<size_t>> file_stanzas;  // file path -> matching stanzas
    std::vector<std::string> file_order;
    std::vector<bool> matched_any(n, false);
    std::vector<std::string> stanza_dirs(n);
    for (size_t s = 0; s < n; ++s) {
        SettingsMap eff = effective_settings(s, contributors_by_name(s));
        stanza_dirs[s] = resolve_sample_dir(conf.stanzas[s], eff);
        for (const auto& name : list_files(dir_cache, stanza_dirs[s]).regular) {
            if (!full_match(parts[s], conf.stanzas[s].name, name)) continue;
            std::string path = (fs::path(stanza_dirs[s]) / name).string();
            if (!file_stanzas.count(path)) file_order.push_back(path);
            file_stanzas[path].push_back(s);
            matched_any[s] = true;
        }
    }

    auto build = [&](size_t winner, const std::vector<size_t>& contributors, const std::string& file_path) {
        SampleDefinition d;
        const ConfStanzaDef& def = conf.stanzas[winner];
        d.stanza = def.name;
        d.app = def.app;
        d.app_dir = def.app_dir;
        d.conf_dir = def.conf_dir;
        d.sample_dir = stanza_dirs[winner];
        d.file_path = file_path;
        d.name = file_path.empty() ? def.name : fs::path(file_path).filename().string();
        d.settings = effective_settings(winner, contributors);
        // -s concerns the samples it selects: the others are not checked, like Eventgen
        // skips their stanzas.
        if (!selector.selects(d.name, d.stanza)) return;
        std::vector<ConfigError> errors = parts[winner].errors;
        for (const auto& [i, t] : parts[winner].tokens) d.tokens.push_back(t);
        d.host_token = parts[winner].host;
        for (size_t c : contributors) {
            for (const auto& [i, t] : parts[c].tokens) d.tokens.push_back(t);
            if (!d.host_token) d.host_token = parts[c].host;
            errors.insert(errors.end(), parts[c].errors.begin(), parts[c].errors.end());
        }
        if (!errors.empty()) {
            // A broken stanza stops only the samples that use it.
            result.problems.insert(result.problems.end(), errors.begin(), errors.end());
            return;
        }
        bool disabled = false;
        try {
            disabled = d.settings.boolean("disabled", false);
        } catch (const ConfigError& e) {
            result.problems.push_back(e);
            return;
        }
        if (disabled) return;
        result.samples.push_back(std::move(d));
    };

    for (const auto& path : file_order) {
        const auto& matches = file_stanzas[path];
        std::string file_name = fs::path(path).filename().string();
        // The exact name wins, then the longest pattern; later stanzas win ties.
        size_t winner = matches.front();
        for (size_t s : matches) {
            bool s_exact = conf.stanzas[s].name == file_name;
            bool w_exact = conf.stanzas[winner].name == file_name;
            if (s_exact != w_exact) {
                if (s_exact) winner = s;
                continue;
            }
            if (conf.stanzas[s].name.size() >= conf.stanzas[winner].name.size()) winner = s;
        }
        std::set<size_t> contrib;
        for (size_t s : matches)
            if (s != winner) contrib.insert(s);
        for (size_t c : contributors_by_name(winner)) contrib.insert(c);
        build(winner, std::vector<size_t>(contrib.begin(), contrib.end()), path);
    }

    // Stanzas without files: generators that need no sample (windbag, ...) still run.
    for (size_t s = 0; s < n; ++s) {
        if (matched_any[s]) continue;
        auto contributors = contributors_by_name(s);
        SettingsMap eff = effective_settings(s, contributors);
        std::string generator = to_lower(trim(eff.str("generator", "default")));
        bool disabled = false;
        try {
            disabled = eff.boolean("disabled", false);
        } catch (const ConfigError&) {
        }
        // Stanzas of the file-reading generators `mode` chooses (default, replay) just
        // match no file; any other generator makes a sample (one that needs a file, or
        // an unknown one, is then reported at its generator line).
        const GeneratorDescriptor* g = find_generator(generator);
        bool file_stanza = g && !g->modes.empty() && g->name == generator;
        if (!file_stanza) {
            build(s, contributors, "");
            continue;
        }
        bool lends_to_others = false;
        for (size_t t = 0; t < n && !lends_to_others; ++t)
            lends_to_others = t != s && prefix_match(parts[s], conf.stanzas[t].name);
        bool filtered_out = !selector.selects(conf.stanzas[s].name, conf.stanzas[s].name);
        std::string special;
        for (const auto& name : list_files(dir_cache, stanza_dirs[s]).special)
            if (special.empty() && full_match(parts[s], conf.stanzas[s].name, name))
                special = (fs::path(stanza_dirs[s]) / name).string();
        if (!disabled && !filtered_out && !special.empty()) {
            result.problems.emplace_back(conf.stanzas[s].where,
                                         "the sample '" + special + "' this stanza names is " + non_regular_kind(special) +
                                             ", not a regular file; eventgen reads samples as regular files (a "
                                             "FIFO would block until something writes to it), so this stanza "
                                             "generates nothing");
            continue;
        }
        if (!disabled && !lends_to_others && !filtered_out)
            result.warnings.push_back(conf.stanzas[s].where.describe() + ": no sample file in '" +
                                      stanza_dirs[s] + "' matches this stanza; it generates nothing");
    }
    return result;
}

}  // namespace eventgen
