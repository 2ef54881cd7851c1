#include "common/ca_bundle.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <set>

#include "common/log.h"

namespace eventgen {

std::vector<std::string> ca_bundle_candidates() {
    std::vector<std::string> out;
    if (const char* env = std::getenv("SSL_CERT_FILE"); env && *env) out.emplace_back(env);
    for (const char* path : {
             "/etc/ssl/certs/ca-certificates.crt",                 // Debian, Ubuntu, Arch, Gentoo
             "/etc/pki/tls/certs/ca-bundle.crt",                   // RHEL, Rocky, Alma, Amazon Linux, Fedora
             "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  // RHEL 7+ (what the above links to)
             "/etc/ssl/ca-bundle.pem",                             // SUSE, openSUSE
             "/var/lib/ca-certificates/ca-bundle.pem",             // SUSE (what the above links to)
             "/etc/ssl/cert.pem",                                  // Alpine
             "/etc/pki/tls/cacert.pem",                            // older Mandriva/Mageia layouts
         })
        out.emplace_back(path);
    return out;
}

std::string find_ca_bundle(const std::vector<std::string>& candidates) {
    for (const auto& path : candidates) {
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && ::access(path.c_str(), R_OK) == 0)
            return path;
    }
    return "";
}

const std::string& system_ca_bundle() {
    static const std::string bundle = find_ca_bundle(ca_bundle_candidates());
    return bundle;
}

namespace {

// Says once per file (and process) which CAs are trusted, so a TLS failure on a new
// host can be traced to the bundle in one look at the log.
void note_once(const std::string& file, bool configured) {
    static std::mutex mutex;
    static std::set<std::string> noted;
    std::lock_guard<std::mutex> lock(mutex);
    if (!noted.insert(file).second) return;
    if (file.empty()) {
        std::string looked;
        for (const auto& c : ca_bundle_candidates()) looked += (looked.empty() ? "" : ", ") + c;
        LOG_WARN("TLS: no system CA bundle found (looked for " << looked
                 << "); set httpeventCAFile to verify HTTPS servers");
    } else {
        LOG_INFO("TLS: trusting the CA certificates in " << file << (configured ? " (configured)" : " (system CA bundle)"));
    }
}

}  // namespace

void use_ca_bundle(CURL* curl, const std::string& configured) {
    const std::string& file = configured.empty() ? system_ca_bundle() : configured;
    note_once(file, !configured.empty());
    if (!file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, file.c_str());
}

}  // namespace eventgen
