#include "outputs/support/spool_location.h"

#include <filesystem>

#include "config/sample_config.h"
#include "config/sample_resolver.h"

namespace eventgen {

SpoolLocation read_spool_location(const SampleConfig& c) {
    const SettingsMap& s = c.def.settings;
    SpoolLocation l;
    l.dir = expand_env_vars(s.str("spoolDir", "$SPLUNK_HOME/var/spool/splunk"));
    l.file = s.str("spoolFile", "<SAMPLE>");
    if (l.file == "<SAMPLE>")
        l.file = c.def.file_path.empty() ? c.def.name : std::filesystem::path(c.def.file_path).filename().string();
    return l;
}

}  // namespace eventgen
