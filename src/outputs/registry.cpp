// The output components. Adding an output: its folder under src/outputs/ defining
// `const OutputDescriptor& <name>_output()`, and one line in the list below.
#include "outputs/registry.h"

#include <stdexcept>

#define EVENTGEN_OUTPUTS(X) \
    X(modinput)             \
    X(stdout)               \
    X(devnull)              \
    X(file)                 \
    X(spool)                \
    X(hec)                  \
    X(tcp)                  \
    X(udp)                  \
    X(syslog)               \
    X(splunkstream)         \
    X(s2s)

namespace eventgen {

#define EVENTGEN_DECLARE_OUTPUT(name) const OutputDescriptor& name##_output();
EVENTGEN_OUTPUTS(EVENTGEN_DECLARE_OUTPUT)
#define EVENTGEN_LIST_OUTPUT(name) &name##_output(),

namespace {
std::vector<const OutputDescriptor*>& components() {
    static std::vector<const OutputDescriptor*> list = {EVENTGEN_OUTPUTS(EVENTGEN_LIST_OUTPUT)};
    return list;
}
}  // namespace

const std::vector<const OutputDescriptor*>& output_components() { return components(); }

void add_output_component(const OutputDescriptor& descriptor) { components().push_back(&descriptor); }

const OutputDescriptor* find_output(std::string_view mode) {
    for (const OutputDescriptor* d : output_components())
        for (const auto& m : d->modes)
            if (m == mode) return d;
    return nullptr;
}

const OutputDescriptor& modinput_stream_output() {
    for (const OutputDescriptor* d : output_components())
        if (d->traits.per_process && d->traits.under_modinput == UnderModinput::Keep) return *d;
    throw std::logic_error("no output component writes the modular input stream");
}

std::string output_mode_list() {
    std::string list;
    for (const OutputDescriptor* d : output_components())
        for (const auto& m : d->modes) list += (list.empty() ? "" : ", ") + m;
    return list;
}

}  // namespace eventgen
