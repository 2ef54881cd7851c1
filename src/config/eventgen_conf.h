#pragma once
// All eventgen.conf files of a run merged into one view: the [global] settings layered
// over the built-in defaults, and every sample stanza with its own settings.
#include <string>
#include <vector>

#include "common/error.h"
#include "config/conf_file.h"
#include "config/settings_map.h"

namespace eventgen {

// One configuration file and the app it belongs to. Files are given lowest
// precedence first (e.g. app/default/eventgen.conf, then app/local/eventgen.conf).
struct ConfSource {
    std::string path;
    std::string app;      // app name, reported in messages and used for defaults
    std::string app_dir;  // the app's folder: default samples live in app_dir/samples
    bool globals_only = false;  // take only [default]/[global] from this file (SA-Eventgen's
                                // own settings layered under another app's)
};

struct ConfStanzaDef {
    std::string name;      // as written between the brackets: a regex over sample file names
    std::string app;
    std::string app_dir;
    std::string conf_dir;  // folder of the file that defined the stanza (relative sampleDir base)
    ConfLocation where;    // the stanza header
    SettingsMap own;       // only the keys written in this stanza (all files merged)
    int order = 0;         // position of first appearance across all files
};

struct EventgenConf {
    SettingsMap globals;  // built-ins < [default] < [global]
    std::vector<ConfStanzaDef> stanzas;
    std::vector<ConfigError> problems;  // bad lines; each names file and line
};

// The app's default/ then local/ eventgen.conf that exist, in that order.
// `globals_only` marks them as giving only [default]/[global] (SA-Eventgen's layer).
std::vector<ConfSource> app_conf_sources(const std::string& app_dir, const std::string& app, bool globals_only = false);

// Loads the built-in defaults and then `sources` in order. A missing file is reported
// in `problems`, never thrown.
EventgenConf load_eventgen_conf(const std::vector<ConfSource>& sources);

// Same, from already-read text (used by tests).
struct ConfText {
    ConfSource source;
    std::string text;
};
EventgenConf load_eventgen_conf_text(const std::vector<ConfText>& texts);

// Same, from parsed files (the Splunk REST path builds ConfFile objects itself).
EventgenConf load_eventgen_conf_parsed(const std::vector<std::pair<ConfSource, ConfFile>>& files);

}  // namespace eventgen
