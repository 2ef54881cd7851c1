#include "common/self_exe.h"

#include <nss.h>

#include <cstdlib>
#include <filesystem>

namespace eventgen {

namespace fs = std::filesystem;

namespace {

std::string proc_self_exe() {
    std::error_code ec;
    fs::path p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : p.string();
}

}  // namespace

bool is_dynamic_loader_path(const std::string& path) {
    std::string name = fs::path(path).filename().string();
    return name.rfind("ld-linux", 0) == 0 && name.find(".so") != std::string::npos;
}

bool started_through_loader() { return is_dynamic_loader_path(proc_self_exe()); }

std::string self_executable() {
    std::string exe = proc_self_exe();
    // Without /proc (a chroot, some containers) only the wrapper's word is left.
    if (!exe.empty() && !is_dynamic_loader_path(exe)) return exe;
    const char* named = std::getenv("EVENTGEN_EXE");
    if (!named || !*named) return exe;
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(named, ec), ec);
    return ec ? std::string(named) : p.string();
}

void use_built_in_name_resolution() {
    if (!started_through_loader()) return;
    __nss_configure_lookup("hosts", "files dns");
}

}  // namespace eventgen
