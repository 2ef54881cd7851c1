#include "common/bundled_samples.h"

#include <filesystem>

namespace eventgen {

namespace fs = std::filesystem;

const std::string& bundled_samples_dir() {
    static const std::string dir = [] {
        std::error_code ec;
        fs::path exe = fs::read_symlink("/proc/self/exe", ec);
        if (ec) return std::string();
        // An app folder is one with default/ and samples/ side by side.
        fs::path at = exe.parent_path();
        for (int up = 0; up < 3 && !at.empty(); ++up, at = at.parent_path()) {
            if (fs::is_directory(at / "default", ec) && fs::is_directory(at / "samples", ec))
                return (at / "samples").string();
            if (at == at.parent_path()) break;
        }
        return std::string();
    }();
    return dir;
}

}  // namespace eventgen
