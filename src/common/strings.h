#pragma once
// Small string helpers shared by the config, sample and output code.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eventgen {

std::string_view trim(std::string_view s);
std::string to_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
std::vector<std::string_view> split(std::string_view s, char sep);

// Strict number parsing: the whole (trimmed) text must be the number.
std::optional<int64_t> parse_int(std::string_view s);
std::optional<double> parse_double(std::string_view s);
// Splunk/Python truthiness: true/false, 1/0, yes/no, on/off, t/f (any case).
std::optional<bool> parse_bool(std::string_view s);

// RFC 3986 percent-encoding: everything but letters, digits and -_.~ (URL query
// values, file names made from token regexes).
std::string percent_encode(std::string_view s);

// Reads a whole file; nullopt if it cannot be opened.
std::optional<std::string> read_file(const std::string& path);

}  // namespace eventgen
