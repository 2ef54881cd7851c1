#pragma once
// RFC 4180 / Excel-dialect CSV, as Python's csv module reads it: comma separated,
// double-quoted fields that may contain commas, quotes ("") and line breaks.
#include <string>
#include <string_view>
#include <vector>

namespace eventgen {

// Splits `text` into rows of fields. Blank lines are skipped.
std::vector<std::vector<std::string>> parse_csv(std::string_view text);

}  // namespace eventgen
