#pragma once
// `eventgen check CONFIG [--json] [--strict] [-s SAMPLE]` and `eventgen describe [--json]`.
#include <string>
#include <vector>

namespace eventgen {

// Returns the exit code: 0 clean, 1 warnings with --strict, 2 errors (or bad arguments).
int run_check_command(const std::vector<std::string>& args);
int run_describe_command(const std::vector<std::string>& args);

}  // namespace eventgen
