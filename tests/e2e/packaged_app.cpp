#include "packaged_app.h"

#include <filesystem>
#include <stdexcept>

#include "process.h"

namespace eventgen::test {

const std::string& packaged_app_tarball() {
    static std::string tarball = [] {
        std::string out = make_temp_dir("eg-package");
        ProcessResult r = run_process({"/bin/bash", EVENTGEN_SOURCE_DIR "/package.sh", "--binary", binary_path(), "--out", out},
                                      "", std::chrono::seconds(120));
        if (r.exit_code != 0) throw std::runtime_error("package.sh failed: " + r.err + r.out);
        return lines_of(r.out).back();
    }();
    return tarball;
}

std::string make_splunk_home_with_app() {
    std::string home = make_temp_dir("eg-splunk");
    std::filesystem::create_directories(home + "/etc/apps");
    ProcessResult r = run_process({"/bin/tar", "-xzf", packaged_app_tarball(), "-C", home + "/etc/apps"});
    if (r.exit_code != 0) throw std::runtime_error("cannot unpack: " + r.err);
    return home;
}

}  // namespace eventgen::test
