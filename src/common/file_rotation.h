#pragma once
// Rotation shared by file outputs and the log file.
#include <cstdint>
#include <string>

namespace eventgen {

// path.N is dropped, path.k becomes path.(k+1), path becomes path.1 (N = backups,
// at least 1). Costs one step per backup that exists, whatever N is. False when path
// could not be renamed (errno says why).
bool shift_backups(const std::string& path, int64_t backups);

}  // namespace eventgen
