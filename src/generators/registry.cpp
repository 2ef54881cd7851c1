// The generator components. Adding a generator: its folder under src/generators/
// defining `const GeneratorDescriptor& <name>_generator()`, and one line below.
#include "generators/registry.h"

#define EVENTGEN_GENERATORS(X) \
    X(sample)                  \
    X(replay)                  \
    X(windbag)                 \
    X(counter)                 \
    X(weblog)                  \
    X(jinja)

namespace eventgen {

#define EVENTGEN_DECLARE_GENERATOR(name) const GeneratorDescriptor& name##_generator();
EVENTGEN_GENERATORS(EVENTGEN_DECLARE_GENERATOR)
#define EVENTGEN_LIST_GENERATOR(name) &name##_generator(),

namespace {
std::vector<const GeneratorDescriptor*>& components() {
    static std::vector<const GeneratorDescriptor*> list = {EVENTGEN_GENERATORS(EVENTGEN_LIST_GENERATOR)};
    return list;
}
}  // namespace

const std::vector<const GeneratorDescriptor*>& generator_components() { return components(); }

void add_generator_component(const GeneratorDescriptor& descriptor) { components().push_back(&descriptor); }

const GeneratorDescriptor* find_generator(std::string_view name) {
    for (const GeneratorDescriptor* d : generator_components())
        for (const auto& n : d->names)
            if (n == name) return d;
    return nullptr;
}

const GeneratorDescriptor* generator_for_mode(std::string_view mode) {
    for (const GeneratorDescriptor* d : generator_components())
        for (const auto& m : d->modes)
            if (m == mode) return d;
    return nullptr;
}

std::string generator_name_list() {
    std::string list;
    for (const GeneratorDescriptor* d : generator_components())
        for (const auto& n : d->names) list += (list.empty() ? "" : ", ") + n;
    return list;
}

std::vector<std::string> generator_modes() {
    std::vector<std::string> modes;
    for (const GeneratorDescriptor* d : generator_components())
        for (const auto& m : d->modes) modes.push_back(m);
    return modes;
}

}  // namespace eventgen
