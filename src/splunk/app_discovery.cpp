#include "splunk/app_discovery.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "common/self_exe.h"
#include "common/strings.h"
#include "config/conf_file.h"

namespace eventgen {

namespace fs = std::filesystem;

namespace {

fs::path self_exe() { return fs::path(self_executable()); }

}  // namespace

bool app_enabled(const std::string& app_dir) {
    for (const char* layer : {"local", "default"}) {
        fs::path conf = fs::path(app_dir) / layer / "app.conf";
        std::error_code ec;
        if (!fs::is_regular_file(conf, ec)) continue;
        ConfFile f = read_conf_file(conf.string());
        if (const ConfStanza* install = f.find("install"))
            if (const ConfEntry* state = install->find("state"))
                return to_lower(trim(state->value)) != "disabled";
    }
    return true;
}

std::string own_app_dir() {
    // The binary lives in <app>/linux_x86_64/bin/ (or <app>/bin/).
    fs::path bin = self_exe().parent_path();
    if (bin.filename() != "bin") return "";
    fs::path up = bin.parent_path();
    std::string arch = up.filename().string();
    bool arch_dir = starts_with(arch, "linux_") || starts_with(arch, "darwin_") || starts_with(arch, "windows_");
    fs::path app = arch_dir ? up.parent_path() : up;
    std::error_code ec;
    return fs::is_directory(app / "default", ec) ? app.string() : "";
}

std::string find_splunk_home() {
    if (const char* home = std::getenv("SPLUNK_HOME"); home && *home) return home;
    std::string app = own_app_dir();
    if (app.empty()) return "";
    fs::path apps = fs::path(app).parent_path();
    if (apps.filename() != "apps" || apps.parent_path().filename() != "etc") return "";
    return apps.parent_path().parent_path().string();
}

std::vector<AppConf> discover_app_confs(const std::string& splunk_home, const std::string& own_app,
                                        std::vector<std::string>& notes) {
    std::vector<AppConf> out;
    fs::path apps_dir = fs::path(splunk_home) / "etc" / "apps";
    std::error_code ec;
    std::vector<std::string> names;
    for (fs::directory_iterator it(apps_dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        std::error_code dec;
        if (name.empty() || name[0] == '.' || !it->is_directory(dec)) continue;
        names.push_back(name);
    }
    if (ec) notes.push_back("cannot list " + apps_dir.string() + ": " + ec.message());
    std::sort(names.begin(), names.end());  // Splunk's app order: ASCII of folder names

    const std::vector<ConfSource> global_layer = app_conf_sources((apps_dir / own_app).string(), own_app, true);
    for (const auto& name : names) {
        fs::path app = apps_dir / name;
        std::vector<ConfSource> own_files = app_conf_sources(app.string(), name);
        if (own_files.empty()) continue;
        if (!app_enabled(app.string())) {
            notes.push_back("app " + name + " is disabled; its eventgen.conf is skipped");
            continue;
        }
        AppConf a;
        a.app = name;
        a.app_dir = app.string();
        a.sources = global_layer;
        a.sources.insert(a.sources.end(), own_files.begin(), own_files.end());
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace eventgen
