// CA bundle discovery: which file libcurl is told to trust on each distribution.
#include "common/ca_bundle.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>

#include "../temp_dir.h"

namespace eventgen {
namespace {

using testing::TempDir;

TEST(CaBundle, CandidatesCoverEveryDistributionFamily) {
    auto c = ca_bundle_candidates();
    auto has = [&](const char* p) { return std::find(c.begin(), c.end(), p) != c.end(); };
    EXPECT_TRUE(has("/etc/ssl/certs/ca-certificates.crt"));                 // Debian, Ubuntu
    EXPECT_TRUE(has("/etc/pki/tls/certs/ca-bundle.crt"));                   // RHEL family
    EXPECT_TRUE(has("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"));  // RHEL 7+
    EXPECT_TRUE(has("/etc/ssl/ca-bundle.pem"));                             // SUSE
    EXPECT_TRUE(has("/etc/ssl/cert.pem"));                                  // Alpine
}

TEST(CaBundle, SslCertFileComesFirst) {
    TempDir dir;
    std::string mine = dir.write("mine.pem", "-----BEGIN CERTIFICATE-----\n");
    ::setenv("SSL_CERT_FILE", mine.c_str(), 1);
    auto c = ca_bundle_candidates();
    ::unsetenv("SSL_CERT_FILE");
    ASSERT_FALSE(c.empty());
    EXPECT_EQ(c.front(), mine);
    EXPECT_EQ(ca_bundle_candidates().front(), "/etc/ssl/certs/ca-certificates.crt");
}

TEST(CaBundle, PicksTheFirstNonEmptyRegularFile) {
    TempDir dir;
    std::string empty = dir.write("empty.pem", "");
    std::filesystem::create_directories(dir.file("folder.pem"));
    std::string good = dir.write("good.pem", "-----BEGIN CERTIFICATE-----\n");
    std::string later = dir.write("later.pem", "-----BEGIN CERTIFICATE-----\n");
    EXPECT_EQ(find_ca_bundle({dir.file("missing.pem"), empty, dir.file("folder.pem"), good, later}), good);
    EXPECT_EQ(find_ca_bundle({dir.file("missing.pem"), empty}), "");
    EXPECT_EQ(find_ca_bundle({}), "");
}

// use_ca_bundle itself is exercised over real TLS: the e2e HEC tests name their CA with
// httpeventCAFile, and the empty-root tests (tests/portable) find it where RHEL keeps it.

}  // namespace
}  // namespace eventgen
