#include "common/file_rotation.h"

#include <sys/stat.h>

#include <cstdio>

namespace eventgen {

bool shift_backups(const std::string& path, int64_t backups) {
    auto backup = [&](int64_t k) { return path + "." + std::to_string(k); };
    auto exists = [](const std::string& p) {
        struct stat st {};
        return ::stat(p.c_str(), &st) == 0;
    };
    // Only the backups that exist move: the work is bounded by the files on disk,
    // not by the setting (fileBackupFiles can be huge). The chain stops at the first gap.
    int64_t present = 0;
    while (present < backups && exists(backup(present + 1))) ++present;
    if (present == backups) std::remove(backup(backups).c_str());
    for (int64_t k = present == backups ? backups - 1 : present; k >= 1; --k)
        std::rename(backup(k).c_str(), backup(k + 1).c_str());
    return std::rename(path.c_str(), backup(1).c_str()) == 0;
}

}  // namespace eventgen
