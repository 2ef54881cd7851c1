#include "config/conf_file.h"

#include <fstream>
#include <sstream>

#include "common/strings.h"
#include "common/text_file.h"

namespace eventgen {

const std::unordered_map<std::string, size_t>& ConfStanza::index() const {
    if (key_index.size() != entries.size()) {
        key_index.clear();
        for (size_t i = 0; i < entries.size(); ++i) key_index[entries[i].key] = i;
    }
    return key_index;
}

const ConfEntry* ConfStanza::find(std::string_view key) const {
    const auto& idx = index();
    auto it = idx.find(std::string(key));
    return it == idx.end() ? nullptr : &entries[it->second];
}

void ConfStanza::set(ConfEntry entry) {
    const auto& idx = index();
    auto it = idx.find(entry.key);
    if (it != idx.end()) {
        entries[it->second] = std::move(entry);
        return;
    }
    key_index.emplace(entry.key, entries.size());
    entries.push_back(std::move(entry));
}

const ConfStanza* ConfFile::find(std::string_view name) const {
    for (const auto& s : stanzas)
        if (s.name == name) return &s;
    return nullptr;
}

ConfStanza& ConfFile::get_or_add(const std::string& name, int line) {
    for (auto& s : stanzas)
        if (s.name == name) return s;
    stanzas.push_back(ConfStanza{name, line, {}});
    return stanzas.back();
}

namespace {

// Joins physical lines ending in a backslash into one logical line. Splunk keeps the
// line break inside the value, so multi-line values survive.
struct LogicalLine {
    std::string text;
    int line;
};

std::vector<LogicalLine> logical_lines(std::string_view text) {
    std::vector<LogicalLine> out;
    int number = 0;
    std::string pending;
    int pending_line = 0;
    bool continuing = false;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view raw = text.substr(pos, nl - pos);
        ++number;
        if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
        bool continues = !raw.empty() && raw.back() == '\\';
        if (continues) raw.remove_suffix(1);
        if (continuing) {
            pending += '\n';
            pending += raw;
        } else {
            pending.assign(raw);
            pending_line = number;
        }
        continuing = continues;
        if (!continuing) out.push_back({pending, pending_line});
        if (nl == text.size()) break;
        pos = nl + 1;
    }
    if (continuing) out.push_back({pending, pending_line});
    return out;
}

}  // namespace

ConfFile parse_conf(std::string_view text, const std::string& path) {
    ConfFile conf;
    conf.path = path;
    // A UTF-8 byte order mark is common in files edited on Windows.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

    std::string current = "default";
    for (const auto& ll : logical_lines(text)) {
        std::string_view line = trim(ll.text);
        if (line.empty() || line.front() == '#') continue;
        if (line.front() == '[') {
            size_t close = line.rfind(']');
            if (close == std::string_view::npos || close == 1) {
                conf.problems.emplace_back(ConfLocation{path, ll.line, current, ""},
                                           "malformed stanza header '" + std::string(line) +
                                               "' (expected [name]); line ignored");
                continue;
            }
            current = std::string(line.substr(1, close - 1));
            conf.get_or_add(current, ll.line);
            continue;
        }
        size_t eq = line.find('=');
        if (eq == std::string_view::npos || trim(line.substr(0, eq)).empty()) {
            conf.problems.emplace_back(ConfLocation{path, ll.line, current, ""},
                                       "expected 'key = value' but found '" +
                                           std::string(line.substr(0, 80)) + "'; line ignored");
            continue;
        }
        ConfEntry entry;
        entry.key = std::string(trim(line.substr(0, eq)));
        entry.value = std::string(trim(line.substr(eq + 1)));
        entry.line = ll.line;
        conf.get_or_add(current, ll.line).set(std::move(entry));
    }
    return conf;
}

ConfFile read_conf_file(const std::string& path) {
    std::string error;
    auto text = read_text_file(path, error);
    if (!text)
        throw ConfigError(ConfLocation{path, 0, "", ""}, error.rfind("cannot", 0) == 0
                                                             ? std::string("cannot read configuration file")
                                                             : "the configuration file " + error);
    return parse_conf(*text, path);
}

}  // namespace eventgen
