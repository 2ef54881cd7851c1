#include "common/error.h"

namespace eventgen {

std::string ConfLocation::describe() const {
    std::string out = file.empty() ? std::string("<built-in>") : file;
    if (line > 0) out += ":" + std::to_string(line);
    if (!stanza.empty()) out += ": [" + stanza + "]";
    if (!key.empty()) out += " " + key;
    return out;
}

ConfigError::ConfigError(const ConfLocation& where, const std::string& what)
    : std::runtime_error(where.describe() + ": " + what), where_(where), detail_(what) {}

}  // namespace eventgen
