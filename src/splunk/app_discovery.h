#pragma once
// Finding the eventgen.conf files of every app installed in Splunk, the way SA-Eventgen
// users expect: each enabled app's default/ then local/ eventgen.conf, with its own
// samples/ folder, and SA-Eventgen's [global] settings underneath every app.
#include <string>
#include <vector>

#include "config/eventgen_conf.h"

namespace eventgen {

struct AppConf {
    std::string app;
    std::string app_dir;
    std::vector<ConfSource> sources;  // SA-Eventgen's [global] first, then the app's own files
};

// Apps under splunk_home/etc/apps in Splunk's order (folder names in ASCII order),
// skipping hidden folders and apps whose app.conf says [install] state = disabled.
// `own_app` is our app's folder name (its files give the [global] layer of all apps).
std::vector<AppConf> discover_app_confs(const std::string& splunk_home, const std::string& own_app,
                                        std::vector<std::string>& notes);

// Whether an app folder is enabled per its local/ then default/ app.conf.
bool app_enabled(const std::string& app_dir);

// $SPLUNK_HOME, or derived from where this binary lives
// (<home>/etc/apps/<app>/linux_x86_64/bin/<exe>). Empty when neither works.
std::string find_splunk_home();
// Our own app folder (<home>/etc/apps/<app>) from the binary's location; empty if unknown.
std::string own_app_dir();

}  // namespace eventgen
