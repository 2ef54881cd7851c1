#pragma once
// One setting as the binary knows it: key, type, built-in default, allowed values and a
// one-line doc. The core's list and each component's list make up everything
// `eventgen describe` shows and everything `check` accepts.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eventgen {

enum class SettingType { String, Integer, Number, Boolean, Choice, Time, Regex, Json, Path, List };

const char* setting_type_name(SettingType type);

struct SettingSpec {
    std::string key;
    SettingType type = SettingType::String;
    std::optional<std::string> default_value;  // as the .conf text would write it
    std::vector<std::string> allowed;          // Choice: every accepted value
    std::string doc;
    bool global_only = false;                  // read from [global] only
};

using SettingSchema = std::vector<SettingSpec>;

// The settings every sample has, whatever its output and generator.
const SettingSchema& core_settings();

// Where a known setting comes from: "core", "output:<name>", "generator:<name>".
struct KnownSetting {
    const SettingSpec* spec;
    std::string component;
};
// Every setting of the core and of every registered component, core first.
const std::vector<KnownSetting>& all_settings();
// The setting spelled exactly `key`, or nullptr.
const KnownSetting* find_setting(std::string_view key);

}  // namespace eventgen
