#include "config/settings_map.h"

#include <cmath>

#include "common/strings.h"

namespace eventgen {

const Setting* SettingsMap::find(const std::string& key) const {
    auto it = values_.find(key);
    return it == values_.end() ? nullptr : &it->second;
}

ConfLocation SettingsMap::where(const std::string& key) const {
    if (const Setting* s = find(key)) return s->where;
    return ConfLocation{"", 0, stanza, key};
}

void SettingsMap::fail(const std::string& key, const std::string& message) const {
    throw ConfigError(where(key), message);
}

std::string SettingsMap::str(const std::string& key, const std::string& fallback) const {
    const Setting* s = find(key);
    return s ? s->value : fallback;
}

int64_t SettingsMap::integer(const std::string& key, int64_t fallback) const {
    const Setting* s = find(key);
    if (!s) return fallback;
    if (auto v = parse_int(s->value)) return *v;
    // Python's int() refuses "1.5" but configs written for Splunk often carry "60.0".
    // Range check first (it also rejects inf/nan): converting an out-of-range double is UB.
    if (auto d = parse_double(s->value); d && *d >= -0x1p63 && *d < 0x1p63 && *d == std::trunc(*d))
        return static_cast<int64_t>(*d);
    fail(key, "expected an integer but found '" + s->value + "'");
}

double SettingsMap::number(const std::string& key, double fallback) const {
    const Setting* s = find(key);
    if (!s) return fallback;
    // inf/nan parse as doubles but would silently break scheduling and rating.
    if (auto v = parse_double(s->value); v && std::isfinite(*v)) return *v;
    fail(key, "expected a number but found '" + s->value + "'");
}

bool SettingsMap::boolean(const std::string& key, bool fallback) const {
    const Setting* s = find(key);
    if (!s) return fallback;
    if (trim(s->value).empty()) return false;
    if (auto v = parse_bool(s->value)) return *v;
    fail(key, "expected true or false but found '" + s->value + "'");
}

std::string SettingsMap::choice(const std::string& key, const std::vector<std::string>& allowed,
                                const std::string& fallback) const {
    const Setting* s = find(key);
    if (!s) return fallback;
    std::string v = to_lower(trim(s->value));
    for (const auto& a : allowed)
        if (v == a) return v;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    fail(key, "'" + s->value + "' is not one of: " + list);
}

}  // namespace eventgen
