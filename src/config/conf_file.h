#pragma once
// Splunk .conf syntax: [stanza] headers, key = value lines, # comments and lines
// continued with a trailing backslash. Parsing never stops at a bad line: the line is
// reported and skipped so the rest of the file still works.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/error.h"

namespace eventgen {

struct ConfEntry {
    std::string key;
    std::string value;
    int line = 0;
};

struct ConfStanza {
    std::string name;
    int line = 0;
    std::vector<ConfEntry> entries;  // in file order; a repeated key keeps its last value

    const ConfEntry* find(std::string_view key) const;
    void set(ConfEntry entry);  // replaces an existing key or appends

    // Position of each key in `entries`, so a stanza with 100,000 token keys is read in
    // linear time (it was a scan per key). Kept by set(); rebuilt when `entries` was
    // filled directly (its size then differs).
    mutable std::unordered_map<std::string, size_t> key_index = {};
    const std::unordered_map<std::string, size_t>& index() const;
};

struct ConfFile {
    std::string path;
    std::vector<ConfStanza> stanzas;  // in order of first appearance; repeats are merged
    std::vector<ConfigError> problems;

    const ConfStanza* find(std::string_view name) const;
    ConfStanza& get_or_add(const std::string& name, int line);
};

// Parses .conf text. `path` is used in error locations only.
ConfFile parse_conf(std::string_view text, const std::string& path);

// Reads and parses a file; a missing or unreadable file is a ConfigError.
ConfFile read_conf_file(const std::string& path);

}  // namespace eventgen
