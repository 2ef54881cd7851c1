#pragma once
// The app as users install it: package.sh's archive of the binary under test,
// unpacked into a fake $SPLUNK_HOME/etc/apps.
#include <string>

namespace eventgen::test {

// The .tgz, built once per test program.
const std::string& packaged_app_tarball();
// A fresh $SPLUNK_HOME with SA-Eventgen installed (nothing else).
std::string make_splunk_home_with_app();

}  // namespace eventgen::test
