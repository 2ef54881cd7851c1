#include "splunk/search_check.h"

#if __has_include("check/config_check.h")
#include "check/config_check.h"
#define EVENTGEN_HAS_CONFIG_CHECK 1
#else
#include "config/sample_config.h"
#include "config/sample_resolver.h"
#endif

namespace eventgen::search {

namespace {

struct Row {
    std::string severity, code, file;
    int line = 0;
    std::string stanza, key, message, suggestion;
};

#ifdef EVENTGEN_HAS_CONFIG_CHECK
std::vector<Row> findings(const std::vector<EventgenConf>& confs, const CheckRequest& request, size_t& samples) {
    CheckOptions options;
    options.only_sample = request.stanza;
    CheckReport report = check_confs(confs, options);
    samples = report.samples.size();
    std::vector<Row> rows;
    for (const Finding& f : report.findings)
        rows.push_back(Row{f.severity == Finding::Severity::Error ? "error" : "warning", f.code, f.file, f.line,
                           f.stanza, f.key, f.message, f.suggestion});
    return rows;
}
#else
// Until `eventgen check` (src/check/) is in this tree: the problems loading, resolving
// and validating the samples report, which the modular input would log.
std::vector<Row> findings(const std::vector<EventgenConf>& confs, const CheckRequest& request, size_t& samples) {
    std::vector<Row> rows;
    auto error_row = [&](const ConfigError& e, const char* code) {
        const ConfLocation& w = e.where();
        rows.push_back(Row{"error", code, w.file, w.line, w.stanza, w.key, e.detail(), ""});
    };
    samples = 0;
    for (const EventgenConf& conf : confs) {
        for (const auto& p : conf.problems) error_row(p, "parse-error");
        ResolvedSamples resolved = resolve_samples(conf, ResolveOptions{request.stanza});
        for (const auto& w : resolved.warnings) rows.push_back(Row{"warning", "sample-warning", "", 0, "", "", w, ""});
        for (const auto& p : resolved.problems) error_row(p, "sample-error");
        for (auto& def : resolved.samples) {
            ++samples;
            try {
                SampleConfig config = make_sample_config(std::move(def));
                for (const auto& [key, s] : config.def.settings.all())
                    if (!is_known_setting(key))
                        rows.push_back(Row{"warning", "unknown-key", s.where.file, s.where.line, s.where.stanza, key,
                                           "unknown setting, ignored", ""});
            } catch (const ConfigError& e) {
                error_row(e, "invalid-value");
            }
        }
    }
    return rows;
}
#endif

}  // namespace

const std::vector<std::string>& check_fields() {
    static const std::vector<std::string> fields = {"severity", "code", "file", "line",
                                                    "stanza", "key", "message", "suggestion"};
    return fields;
}

std::vector<std::vector<std::string>> run_check(const std::vector<EventgenConf>& confs, const CheckRequest& request,
                                                std::vector<InspectorMessage>& messages) {
    size_t samples = 0;
    std::vector<Row> found = findings(confs, request, samples);
    std::vector<std::vector<std::string>> rows;
    size_t errors = 0;
    for (const Row& r : found) {
        if (r.severity == "error") ++errors;
        rows.push_back({r.severity, r.code, r.file, r.line > 0 ? std::to_string(r.line) : "", r.stanza, r.key,
                        r.message, r.suggestion});
    }
    std::string scope = std::to_string(confs.size()) + " app(s), " + std::to_string(samples) + " sample(s)";
    if (rows.empty()) {
        rows.push_back({"ok", "", "", "", request.stanza, "", "no problems found in " + scope, ""});
        return rows;
    }
    messages.push_back({errors ? "WARN" : "INFO", std::to_string(errors) + " error(s) and " +
                                                      std::to_string(found.size() - errors) + " warning(s) in " + scope});
    return rows;
}

}  // namespace eventgen::search
