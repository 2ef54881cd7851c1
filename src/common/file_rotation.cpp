#include "common/file_rotation.h"

#include <cstdio>

namespace eventgen {

bool shift_backups(const std::string& path, int64_t backups) {
    auto backup = [&](int64_t k) { return path + "." + std::to_string(k); };
    std::remove(backup(backups).c_str());
    for (int64_t k = backups - 1; k >= 1; --k) std::rename(backup(k).c_str(), backup(k + 1).c_str());
    return std::rename(path.c_str(), backup(1).c_str()) == 0;
}

}  // namespace eventgen
