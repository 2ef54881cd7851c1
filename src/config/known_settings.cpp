// Every setting the binary knows: the core schema and each registered component's.
#include <map>

#include "config/setting_schema.h"
#include "generators/registry.h"
#include "outputs/registry.h"

namespace eventgen {

namespace {

struct Index {
    size_t outputs = 0, generators = 0;  // registry sizes it was built from
    std::vector<KnownSetting> all;
    std::map<std::string, size_t, std::less<>> by_key;
};

// Rebuilt when a component was added (tests add theirs before anything runs).
const Index& index() {
    static Index idx;
    static bool built = false;
    if (built && idx.outputs == output_components().size() && idx.generators == generator_components().size())
        return idx;
    idx = Index{output_components().size(), generator_components().size(), {}, {}};
    for (const SettingSpec& s : core_settings()) idx.all.push_back({&s, "core"});
    for (const OutputDescriptor* d : output_components())
        for (const SettingSpec& s : d->settings) idx.all.push_back({&s, "output:" + d->name});
    for (const GeneratorDescriptor* d : generator_components())
        for (const SettingSpec& s : d->settings) idx.all.push_back({&s, "generator:" + d->name});
    for (size_t i = 0; i < idx.all.size(); ++i) idx.by_key.emplace(idx.all[i].spec->key, i);  // first owner wins
    built = true;
    return idx;
}

}  // namespace

const std::vector<KnownSetting>& all_settings() { return index().all; }

const KnownSetting* find_setting(std::string_view key) {
    const Index& idx = index();
    auto it = idx.by_key.find(key);
    return it == idx.by_key.end() ? nullptr : &idx.all[it->second];
}

}  // namespace eventgen
