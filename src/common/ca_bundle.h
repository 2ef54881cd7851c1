#pragma once
// Which CA certificates libcurl trusts. The binary runs on many distributions (its
// libraries travel with it), so the CA bundle cannot be the path compiled into
// Debian's libcurl: it is looked up at run time where each distribution keeps it.
#include <curl/curl.h>

#include <string>
#include <vector>

namespace eventgen {

// Where distributions keep their PEM bundle of trusted CAs, most common first:
// $SSL_CERT_FILE (OpenSSL's override) when set, then Debian/Ubuntu, the RHEL family
// (RHEL, Rocky, Alma, Amazon Linux, Fedora), SUSE, Alpine.
std::vector<std::string> ca_bundle_candidates();

// The first candidate that is a readable, non-empty regular file; "" when none is.
std::string find_ca_bundle(const std::vector<std::string>& candidates);

// The system bundle, looked up once per process.
const std::string& system_ca_bundle();

// Called by HttpClient (outputs/support), the one libcurl client of HEC, splunkstream
// and the splunkd REST client.
// Points `curl` at `configured` (e.g. httpeventCAFile) or, when that is empty, at the
// system bundle. Logs one line per process and file naming the file it uses (or a
// warning when no bundle exists, leaving libcurl's built-in default).
void use_ca_bundle(CURL* curl, const std::string& configured);

}  // namespace eventgen
