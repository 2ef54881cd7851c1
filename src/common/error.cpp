#include "common/error.h"

namespace eventgen {

std::string ConfLocation::describe() const {
    // Built with append(): GCC 12 warns falsely (-Wrestrict) on chained operator+ at -O3.
    std::string out;
    out.append(file.empty() ? std::string_view("<built-in>") : std::string_view(file));
    if (line > 0) {
        out.push_back(':');
        out.append(std::to_string(line));
    }
    if (!stanza.empty()) {
        out.append(": [");
        out.append(stanza);
        out.push_back(']');
    }
    if (!key.empty()) {
        out.push_back(' ');
        out.append(key);
    }
    return out;
}

ConfigError::ConfigError(const ConfLocation& where, const std::string& what)
    : std::runtime_error(where.describe() + ": " + what), where_(where), detail_(what) {}

}  // namespace eventgen
