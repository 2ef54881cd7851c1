#pragma once
// Errors that point at the offending place in the user's configuration.
#include <stdexcept>
#include <string>

namespace eventgen {

// Where a setting came from: file, line, stanza and key. Any part may be empty/0.
struct ConfLocation {
    std::string file;
    int line = 0;
    std::string stanza;
    std::string key;

    std::string describe() const;  // "file:line: [stanza] key"
};

// A configuration problem the user must fix. The message names the location.
class ConfigError : public std::runtime_error {
public:
    ConfigError(const ConfLocation& where, const std::string& what);
    const ConfLocation& where() const { return where_; }
    const std::string& detail() const { return detail_; }

private:
    ConfLocation where_;
    std::string detail_;
};

// A stop (SIGTERM, SIGINT, SIGHUP) came while samples were being prepared: the
// preparation ends at once rather than after a large sample's compile.
class PreparationStopped : public std::runtime_error {
public:
    PreparationStopped() : std::runtime_error("stop requested while preparing the sample") {}
};

}  // namespace eventgen
