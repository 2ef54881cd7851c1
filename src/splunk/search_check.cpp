#include "splunk/search_check.h"

#include "check/config_check.h"

namespace eventgen::search {

namespace {

struct Row {
    std::string severity, code, file;
    int line = 0;
    std::string stanza, key, message, suggestion;
};

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
