#include "check/config_check.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "cli/generate_command.h"
#include "common/strings.h"
#include "common/text_file.h"
#include "config/sample_config.h"
#include "config/sample_resolver.h"
#include "config/shard.h"
#include "config/setting_schema.h"
#include "generators/generator_component.h"
#include "outputs/output_component.h"
#include "regex/regex.h"

namespace eventgen {

namespace fs = std::filesystem;

namespace {

Finding make(Finding::Severity sev, std::string code, const ConfLocation& at, std::string message,
             std::string suggestion = "") {
    return Finding{sev, std::move(code), at.file, at.line, at.stanza, at.key, std::move(message), std::move(suggestion)};
}

Finding from_error(const ConfigError& e, const std::string& code) {
    return make(Finding::Severity::Error, code, e.where(), e.detail().empty() ? e.what() : e.detail());
}

size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t up = row[j];
            bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1]));
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

// The known key nearest to `key`, or "" when none is close.
std::string nearest_key(const std::string& key) {
    std::string best;
    size_t best_d = std::max<size_t>(2, key.size() / 3) + 1;
    for (const KnownSetting& k : all_settings()) {
        const std::string& cand = k.spec->key;
        if (cand.find('<') != std::string::npos) continue;
        size_t d = edit_distance(key, cand);
        if (d < best_d) {
            best_d = d;
            best = cand;
        }
    }
    return best;
}

// Unknown-key findings are reported once per place, however many samples share it.
struct Seen {
    std::set<std::string> keys;
    bool first(const Finding& f) { return keys.insert(f.file + ":" + std::to_string(f.line) + ":" + f.key + f.code).second; }
};

void add_resolver_findings(const EventgenConf& conf, const ResolvedSamples& r, CheckReport& report) {
    for (const auto& w : r.warnings) {
        Finding f;
        f.severity = Finding::Severity::Warning;
        f.code = w.find("matches this stanza") != std::string::npos ? "stanza-matches-no-file" : "sample-warning";
        f.message = w;
        // The resolver names the stanza's place at the start: take it apart.
        for (const ConfStanzaDef& s : conf.stanzas) {
            std::string at = s.where.describe() + ": ";
            if (w.rfind(at, 0) != 0) continue;
            f.file = s.where.file;
            f.line = s.where.line;
            f.stanza = s.name;
            f.message = w.substr(at.size());
            break;
        }
        report.findings.push_back(f);
    }
    for (const auto& p : r.problems) report.findings.push_back(from_error(p, "sample-error"));
}

// shard / shard_hosts of [global]: their values, and whether this host is in the
// fleet (a warning: check may run on a machine outside it, such as the deployment
// server).
void add_shard_findings(const EventgenConf& conf, CheckReport& report) {
    try {
        check_shard_settings(conf.globals);
    } catch (const ConfigError& e) {
        report.findings.push_back(from_error(e, "invalid-value"));
        return;
    }
    if (!conf.globals.has("shard_hosts") || conf.globals.has("shard")) return;
    std::string error;
    if (!shard_of_host(conf.globals.str("shard_hosts"), local_host_name(), error))
        report.findings.push_back(make(Finding::Severity::Warning, "invalid-value", conf.globals.where("shard_hosts"),
                                       error + "; generate refuses to run on this host"));
}

void add_stanza_pattern_findings(const EventgenConf& conf, CheckReport& report) {
    for (const ConfStanzaDef& s : conf.stanzas) {
        try {
            Regex::compile(s.name);
        } catch (const RegexError& e) {
            report.findings.push_back(make(Finding::Severity::Warning, "invalid-stanza-pattern", s.where,
                                           "stanza name is not a valid regular expression (" + std::string(e.what()) +
                                               "); it only matches a sample file of exactly that name",
                                           ""));
        }
    }
}

// Files in a sample folder that no sample uses and no token reads.
void add_unmatched_sample_findings(const ResolvedSamples& r, CheckReport& report) {
    std::set<std::string> dirs, used;
    for (const auto& d : r.samples) {
        if (!d.sample_dir.empty()) dirs.insert(d.sample_dir);
        if (!d.file_path.empty()) used.insert(fs::path(d.file_path).filename().string());
        for (const auto& t : d.tokens) used.insert(fs::path(t.replacement.substr(0, t.replacement.find(':'))).filename().string());
        if (d.host_token) used.insert(fs::path(d.host_token->replacement.substr(0, d.host_token->replacement.find(':'))).filename().string());
    }
    for (const auto& dir : dirs) {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            if (!entry.is_regular_file(ec)) continue;
            std::string name = entry.path().filename().string();
            if (used.count(name) || name.rfind("state.", 0) == 0 || name[0] == '.') continue;
            bool referenced = false;
            for (const auto& d : r.samples)
                for (const auto& t : d.tokens) referenced = referenced || t.replacement.find(name) != std::string::npos;
            if (referenced) continue;
            Finding f;
            f.code = "unmatched-sample";
            f.file = entry.path().string();
            f.message = "no stanza matches this sample file and no token reads it; it generates nothing";
            report.findings.push_back(f);
        }
    }
}

bool declares(const SettingSchema& schema, const std::string& key) {
    return std::any_of(schema.begin(), schema.end(), [&](const SettingSpec& s) { return s.key == key; });
}

// A setting of a component this sample does not use (an httpevent key under outputMode =
// file) is never read, so a run cannot reject it; a bad value still breaks the day the
// output is switched, so it is a warning here.
std::vector<Finding> dormant_setting_findings(const SampleConfig& config) {
    std::vector<Finding> out;
    const SettingsMap& settings = config.def.settings;
    for (const auto& [key, setting] : settings.all()) {
        const KnownSetting* known = find_setting(key);
        if (!known || known->component == "core" || setting.where.file.empty()) continue;
        if (config.output_component && declares(config.output_component->settings, key)) continue;
        if (config.generator_component && declares(config.generator_component->settings, key)) continue;
        const SettingSpec& spec = *known->spec;
        std::string problem;
        try {
            switch (spec.type) {
                case SettingType::Integer: settings.integer(key, 0); break;
                case SettingType::Number: settings.number(key, 0); break;
                case SettingType::Boolean: settings.boolean(key, false); break;
                case SettingType::Choice: settings.choice(key, spec.allowed, ""); break;
                case SettingType::Json: {
                    rapidjson::Document d;
                    if (d.Parse(setting.value.c_str()).HasParseError()) problem = "not valid JSON";
                    break;
                }
                default: break;
            }
        } catch (const ConfigError& e) {
            problem = e.detail().empty() ? e.what() : e.detail();
        }
        if (problem.empty()) continue;
        size_t colon = known->component.find(':');
        std::string kind = known->component.substr(0, colon), name = known->component.substr(colon + 1);
        std::string owner = (kind == "output" ? "outputMode = " : "generator = ") + name;
        std::string in_use = kind == "output" ? "outputMode = " + config.output_mode : "generator = " + config.generator;
        out.push_back(make(Finding::Severity::Warning, "invalid-unused-value", setting.where,
                           problem + " (unused with " + in_use + ", but " + owner + " would reject it)"));
    }
    return out;
}

void check_sample(SampleDefinition def, const CheckOptions& options, Seen& seen, CheckReport& report) {
    if (options.adjust) options.adjust(def);
    CheckedSample cs{def.name, def.stanza, def.file_path, to_lower(trim(def.settings.str("outputMode", ""))),
                     to_lower(trim(def.settings.str("generator", "")))};
    for (Finding& f : unknown_setting_findings(def))
        if (seen.first(f)) report.findings.push_back(std::move(f));
    try {
        SampleConfig config = make_sample_config(std::move(def));
        cs.output_mode = config.output_mode;
        cs.generator = config.generator;
        for (Finding& f : dormant_setting_findings(config))
            if (seen.first(f)) report.findings.push_back(std::move(f));
        // Compiles the sample, its templates and replacement files, as a run would.
        config.generator_component->prepare(config, PrepareContext{0, {}});
    } catch (const ConfigError& e) {
        report.findings.push_back(from_error(e, e.where().key.empty() ? "sample-error" : "invalid-value"));
        cs.ok = false;
    } catch (const std::exception& e) {
        Finding f;
        f.severity = Finding::Severity::Error;
        f.code = "sample-error";
        f.file = cs.file;
        f.stanza = cs.stanza;
        f.message = e.what();
        report.findings.push_back(f);
        cs.ok = false;
    }
    report.samples.push_back(cs);
}

}  // namespace

std::string Finding::describe() const {
    std::string s = file.empty() ? std::string("<config>") : file;
    if (line > 0) s += ":" + std::to_string(line);
    std::string where;
    if (!stanza.empty()) where = "[" + stanza + "]";
    if (!key.empty()) where += (where.empty() ? "" : " ") + key;
    if (!where.empty()) s += ": " + where;
    s += severity == Severity::Error ? ": error: " : ": warning: ";
    s += message;
    if (!suggestion.empty()) s += " (did you mean " + suggestion + "?)";
    return s;
}

size_t CheckReport::errors() const {
    return static_cast<size_t>(std::count_if(findings.begin(), findings.end(),
                                             [](const Finding& f) { return f.severity == Finding::Severity::Error; }));
}

size_t CheckReport::warnings() const { return findings.size() - errors(); }

int CheckReport::exit_code(bool strict) const {
    if (errors() > 0) return 2;
    return strict && warnings() > 0 ? 1 : 0;
}

std::vector<Finding> unknown_setting_findings(const SampleDefinition& def) {
    std::vector<Finding> out;
    for (const auto& [key, s] : def.settings.all()) {
        // The shard is the whole run's: in a sample's own stanza it would split nothing.
        if ((key == "shard" || key == "shard_hosts") && s.where.stanza != "global" && s.where.stanza != "default" &&
            !s.where.stanza.empty())
            out.push_back(make(Finding::Severity::Warning, "unknown-key", s.where,
                               "ignored here: " + key + " applies to the whole run; set it in [global] (or the "
                               "input's inputs.conf stanza, or --shard)"));
        if (is_known_setting(key)) continue;
        std::string near = nearest_key(key);
        bool wrong_case = !near.empty() && to_lower(near) == to_lower(key);
        out.push_back(make(Finding::Severity::Warning, wrong_case ? "wrong-case" : "unknown-key", s.where,
                           wrong_case ? "unknown setting, ignored: setting names are case-sensitive"
                                      : "unknown setting, ignored",
                           near));
    }
    return out;
}

std::vector<Finding> duplicate_findings(const std::string& text, const std::string& path) {
    std::vector<Finding> out;
    std::map<std::string, int> stanza_lines;
    std::map<std::string, int> key_lines;
    std::string stanza = "default";
    bool continued = false;
    int n = 0;
    for (auto raw : split(text, '\n')) {
        ++n;
        std::string_view line = trim(raw);
        bool was_continued = continued;
        continued = !line.empty() && line.back() == '\\';
        if (was_continued || line.empty() || line[0] == '#') continue;
        if (line[0] == '[' && line.back() == ']') {
            stanza = std::string(line.substr(1, line.size() - 2));
            key_lines.clear();
            auto [it, fresh] = stanza_lines.emplace(stanza, n);
            if (!fresh)
                out.push_back(make(Finding::Severity::Warning, "duplicate-stanza", ConfLocation{path, n, stanza, ""},
                                   "stanza repeated (first at line " + std::to_string(it->second) +
                                       "); Splunk merges them, later keys win"));
            continue;
        }
        size_t eq = line.find('=');
        if (eq == std::string_view::npos) continue;
        std::string key(trim(line.substr(0, eq)));
        auto [it, fresh] = key_lines.emplace(key, n);
        if (!fresh)
            out.push_back(make(Finding::Severity::Warning, "duplicate-key", ConfLocation{path, n, stanza, key},
                               "key set twice in this stanza (first at line " + std::to_string(it->second) +
                                   "); the last value wins"));
        it->second = n;
    }
    return out;
}

CheckReport check_confs(const std::vector<EventgenConf>& confs, const CheckOptions& options) {
    CheckReport report;
    Seen seen;
    for (const EventgenConf& conf : confs) {
        for (const auto& p : conf.problems) report.findings.push_back(from_error(p, "parse-error"));
        add_shard_findings(conf, report);
        add_stanza_pattern_findings(conf, report);
        ResolvedSamples resolved = resolve_samples(conf, ResolveOptions{options.only_sample});
        add_resolver_findings(conf, resolved, report);
        if (options.only_sample.empty()) add_unmatched_sample_findings(resolved, report);
        for (auto& def : resolved.samples) check_sample(def, options, seen, report);
    }
    return report;
}

CheckReport check_path(const std::string& config, const CheckOptions& options) {
    std::string error;
    std::vector<ConfSource> sources = conf_sources_for(config, error);
    if (sources.empty()) {
        CheckReport report;
        Finding f;
        f.severity = Finding::Severity::Error;
        f.code = "config-not-found";
        f.file = config;
        f.message = error;
        report.findings.push_back(f);
        return report;
    }
    CheckReport report = check_confs({load_eventgen_conf(sources)}, options);
    std::vector<Finding> dups;
    for (const ConfSource& src : sources)
        if (std::string unread; auto text = read_text_file(src.path, unread))
            for (Finding& f : duplicate_findings(*text, src.path)) dups.push_back(std::move(f));
    report.findings.insert(report.findings.begin(), dups.begin(), dups.end());
    return report;
}

std::string check_report_json(const CheckReport& report, const std::string& config, bool strict) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    auto str = [&](const char* key, const std::string& v) {
        w.Key(key);
        w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
    };
    w.StartObject();
    str("config", config);
    w.Key("exit_code");
    w.Int(report.exit_code(strict));
    w.Key("strict");
    w.Bool(strict);
    w.Key("counts");
    w.StartObject();
    w.Key("error");
    w.Uint64(report.errors());
    w.Key("warning");
    w.Uint64(report.warnings());
    w.EndObject();
    w.Key("samples");
    w.StartArray();
    for (const CheckedSample& s : report.samples) {
        w.StartObject();
        str("name", s.name);
        str("stanza", s.stanza);
        str("file", s.file);
        str("output_mode", s.output_mode);
        str("generator", s.generator);
        w.Key("ok");
        w.Bool(s.ok);
        w.EndObject();
    }
    w.EndArray();
    w.Key("findings");
    w.StartArray();
    for (const Finding& f : report.findings) {
        w.StartObject();
        str("severity", f.severity == Finding::Severity::Error ? "error" : "warning");
        str("code", f.code);
        str("file", f.file);
        w.Key("line");
        w.Int(f.line);
        str("stanza", f.stanza);
        str("key", f.key);
        str("message", f.message);
        str("suggestion", f.suggestion);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace eventgen
