#pragma once
// Effective settings of one sample (or of [global]) after layering, each value with
// the place it came from, plus typed accessors that raise errors naming that place.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace eventgen {

struct Setting {
    std::string value;
    ConfLocation where;
};

class SettingsMap {
public:
    void set(const std::string& key, Setting s) { values_[key] = std::move(s); }
    void erase(const std::string& key) { values_.erase(key); }
    const Setting* find(const std::string& key) const;
    bool has(const std::string& key) const { return find(key) != nullptr; }
    const std::map<std::string, Setting>& all() const { return values_; }

    // Location of a key (or just the stanza when the key is not set) for error messages.
    ConfLocation where(const std::string& key) const;
    [[noreturn]] void fail(const std::string& key, const std::string& message) const;

    // Typed reads. A missing key returns the fallback; a malformed value throws ConfigError.
    std::string str(const std::string& key, const std::string& fallback = "") const;
    int64_t integer(const std::string& key, int64_t fallback) const;
    double number(const std::string& key, double fallback) const;
    bool boolean(const std::string& key, bool fallback) const;
    // The value must be one of `allowed` (case-insensitive); returns it lower-cased.
    std::string choice(const std::string& key, const std::vector<std::string>& allowed,
                       const std::string& fallback) const;

    // Name of the stanza used in messages when a key is missing.
    std::string stanza;

private:
    std::map<std::string, Setting> values_;
};

}  // namespace eventgen
