#pragma once
// The replacement files this app ships in its samples/ folder: the same files
// SA-Eventgen installs, which most apps' eventgen.conf name as
// $SPLUNK_HOME/etc/apps/SA-Eventgen/samples/<file>.
#include <string>

namespace eventgen {

// The samples/ folder of the app this binary belongs to (<app>/bin/,
// <app>/linux_*/bin/, or a build folder inside the app's source tree); "" if none.
const std::string& bundled_samples_dir();

}  // namespace eventgen
