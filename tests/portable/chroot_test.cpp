// The packaged app on a host that has nothing: its .tgz unpacked into an empty root
// holding only the app, a statically linked shell (Debian's busybox-static),
// /etc/hosts, /etc/resolv.conf and a CA bundle where RHEL keeps it, then run there
// with chroot, the way splunkd would start it: --scheme, a modular-input run with an
// <input> document on stdin, and HTTPS to "localhost" against the test HEC server on
// loopback (its CA trusted only through the system-bundle discovery). The ARM64 build
// runs the same way under qemu-aarch64-static, named explicitly (no binfmt_misc here).
// Also checks with readelf that no file of the package needs a library or a symbol
// version from outside it (check_package_closure.sh).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "hec_server.h"
#include "process.h"
#include "splunkd_standin.h"

namespace fs = std::filesystem;
using namespace eventgen::test;

namespace {

const char* kToken = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const char* kBusybox = "/bin/busybox";
const char* kQemu = "/usr/bin/qemu-aarch64-static";
const std::string kApp = "/opt/splunk/etc/apps/SA-Eventgen";
// config_source = files needs no splunkd; a fall-back to REST (SPLUNK_HOME not found)
// would fail against this closed port.
const char* kNoSplunkd = "https://127.0.0.1:1";

// The .tgz package.sh makes from the native build and, when configured, the ARM64 one.
const std::string& package() {
    static std::string tarball = [] {
        std::string out = make_temp_dir("eg-portable-package");
        std::vector<std::string> args = {"/bin/bash", EVENTGEN_SOURCE_DIR "/package.sh", "--binary", EVENTGEN_BINARY};
        if (std::string(EVENTGEN_AARCH64_BINARY).size()) {
            args.push_back("--binary");
            args.push_back(EVENTGEN_AARCH64_BINARY);
        }
        args.insert(args.end(), {"--out", out});
        ProcessResult r = run_process(args, "", std::chrono::seconds(180));
        if (r.exit_code != 0) throw std::runtime_error("package.sh failed: " + r.err + r.out);
        return lines_of(r.out).back();
    }();
    return tarball;
}

std::string unpack(const std::string& into) {
    fs::create_directories(into);
    ProcessResult r = run_process({"/bin/tar", "-xzf", package(), "-C", into});
    if (r.exit_code != 0) throw std::runtime_error("cannot unpack: " + r.err);
    return into + "/SA-Eventgen";
}

// Why a test of this file cannot run here, or "" when it can.
std::string missing_for(const std::string& arch) {
    if (geteuid() != 0) return "chroot needs root (CI runs as root): run ctest as root to test the empty root";
    if (access(kBusybox, X_OK) != 0) return std::string(kBusybox) + " missing: apt-get install busybox-static";
    if (arch == "aarch64") {
        if (std::string(EVENTGEN_AARCH64_BINARY).empty())
            return "no ARM64 build configured: scripts/test-all.sh cross-builds one and passes "
                   "-DEVENTGEN_AARCH64_BINARY=<build-aarch64>/eventgen";
        if (access(kQemu, X_OK) != 0) return std::string(kQemu) + " missing: scripts/install-deps.sh --cross";
    }
    return "";
}

class EmptyRoot {
public:
    explicit EmptyRoot(const std::string& arch) : arch_(arch), root_(make_temp_dir("eg-root")) {
        unpack(root_ + "/opt/splunk/etc/apps");
        fs::create_directories(root_ + "/bin");
        fs::copy_file(kBusybox, root_ + "/bin/busybox");
        for (const char* applet : {"sh", "uname", "env"}) fs::create_symlink("busybox", root_ + "/bin/" + applet);
        if (arch == "aarch64") {
            fs::create_directories(root_ + "/usr/bin");
            fs::copy_file(kQemu, root_ + kQemu);
        }
        write_file(root_ + "/etc/hosts", "127.0.0.1 localhost\n");
        write_file(root_ + "/etc/resolv.conf", "nameserver 127.0.0.1\n");
        // A splunkd-style library path full of files that are not libraries: the
        // wrapper must keep the loader away from it.
        for (const char* lib : {"libc.so.6", "libcurl.so.4", "libssl.so.3", "libz.so.1"})
            write_file(root_ + "/opt/splunk/lib/" + lib, "not a shared object");
    }
    ~EmptyRoot() {
        std::error_code ec;
        fs::remove_all(root_, ec);
    }
    const std::string& path() const { return root_; }

    // Runs the modular input's entry script inside the root with nothing but PATH=/bin:
    // on x86-64 the app's bin/ script (it picks the build by uname -m), on ARM64 the
    // architecture folder's, with the emulator put in front of the loader.
    std::vector<std::string> command(const std::vector<std::string>& args) const {
        std::vector<std::string> c = {"/usr/sbin/chroot", root_, "/bin/env", "-i", "PATH=/bin",
                                      "LD_LIBRARY_PATH=/opt/splunk/lib", "LD_PRELOAD=/opt/splunk/lib/libssl.so.3"};
        if (arch_ == "aarch64") {
            c.push_back(std::string("EVENTGEN_EMULATOR=") + kQemu);
            c.insert(c.end(), {"/bin/sh", kApp + "/linux_aarch64/bin/modinput_eventgen.sh"});
        } else {
            c.insert(c.end(), {"/bin/sh", kApp + "/bin/modinput_eventgen.sh"});
        }
        c.insert(c.end(), args.begin(), args.end());
        return c;
    }

    // An app with a sample and its eventgen.conf, as an admin would add one.
    void add_config_app(const std::string& settings) const {
        std::string app = root_ + "/opt/splunk/etc/apps/chroot_app";
        write_file(app + "/samples/chroot.sample", "line one of the empty root\nline two & <three>\n");
        write_file(app + "/default/eventgen.conf", "[chroot.sample]\nindex = main\nsourcetype = chroot\n"
                                                   "host = root-01\ncount = 6\nend = 1\nearliest = -1m\n" +
                                                       settings);
    }

private:
    std::string arch_;
    std::string root_;
};

class EmptyRootTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        std::string why = missing_for(GetParam());
        if (!why.empty()) GTEST_SKIP() << why;
    }
};

TEST_P(EmptyRootTest, SchemeIsPrinted) {
    EmptyRoot root(GetParam());
    ProcessResult r = run_process(root.command({"--scheme"}), "", std::chrono::seconds(60));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("<scheme>"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("<title>SA-Eventgen</title>"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("<arg name=\"verbosity\">"), std::string::npos) << r.out;
}

TEST_P(EmptyRootTest, ModularInputStreamsWellFormedEvents) {
    EmptyRoot root(GetParam());
    root.add_config_app("");
    // No SPLUNK_HOME: eventgen finds it from its own path, which under the loader
    // only the wrapper can tell it.
    SplunkdStandin splunkd("/opt/splunk");
    std::string doc = splunkd.input_document("SA-Eventgen", "modinput_eventgen://default", {{"verbosity", "20"}}, kNoSplunkd, "k");
    ProcessResult r = run_process(root.command({}), doc, std::chrono::seconds(120));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ParsedStream s = SplunkdStandin::parse_stream(r.out);
    ASSERT_TRUE(s.well_formed) << s.error << "\n" << r.out << r.err;
    EXPECT_TRUE(s.closed);
    ASSERT_EQ(s.events.size(), 6u) << r.err;
    for (const auto& e : s.events) {
        EXPECT_EQ(e.host, "root-01");
        EXPECT_EQ(e.sourcetype, "chroot");
        EXPECT_TRUE(e.data == "line one of the empty root" || e.data == "line two & <three>") << e.data;
    }
    EXPECT_TRUE(fs::is_regular_file(root.path() + "/opt/splunk/var/log/splunk/eventgen.log"))
        << "eventgen did not find $SPLUNK_HOME from its own path";
}

TEST_P(EmptyRootTest, HttpsToLocalhostTrustsTheCaWhereRhelKeepsIt) {
    HecServerOptions options;
    options.tls = true;
    HecToken token;
    token.token = kToken;
    options.tokens.push_back(token);
    HecServer hec(options);
    EmptyRoot root(GetParam());
    fs::create_directories(root.path() + "/etc/pki/tls/certs");
    fs::copy_file(hec.ca_path(), root.path() + "/etc/pki/tls/certs/ca-bundle.crt");
    root.add_config_app("outputMode = httpevent\nhttpeventServers = {\"servers\": [{\"protocol\": \"https\", "
                        "\"address\": \"localhost\", \"port\": \"" +
                        std::to_string(hec.port()) + "\", \"key\": \"" + kToken + "\"}]}\n");
    SplunkdStandin splunkd("/opt/splunk");
    std::string doc = splunkd.input_document("SA-Eventgen", "modinput_eventgen://default",
                                             {{"verbosity", "20"}, {"keep_output_mode", "true"}}, kNoSplunkd, "k");
    ProcessResult r = run_process(root.command({}), doc, std::chrono::seconds(120));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(hec.wait_for_events(6, std::chrono::seconds(30))) << r.err;
    EXPECT_EQ(hec.event_count(), 6u) << r.err;
    EXPECT_NE(r.err.find("TLS: trusting the CA certificates in /etc/pki/tls/certs/ca-bundle.crt"), std::string::npos)
        << r.err;
    for (const auto& e : hec.events()) EXPECT_EQ(e.host, "root-01");
}

class PackageClosureTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "aarch64" && std::string(EVENTGEN_AARCH64_BINARY).empty())
            GTEST_SKIP() << "no ARM64 build configured: scripts/test-all.sh cross-builds one and passes "
                            "-DEVENTGEN_AARCH64_BINARY=<build-aarch64>/eventgen";
    }
};

TEST_P(PackageClosureTest, NeedsNoLibraryOrSymbolVersionFromOutside) {
    std::string app = unpack(make_temp_dir("eg-closure"));
    ASSERT_TRUE(fs::is_regular_file(app + "/linux_" + GetParam() + "/bin/eventgen"));
    ProcessResult r = run_process({"/bin/sh", EVENTGEN_SOURCE_DIR "/tests/portable/check_package_closure.sh", app});
    EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
    // The check can fail: without zlib the package is incomplete.
    fs::remove(app + "/linux_" + GetParam() + "/lib/libz.so.1");
    ProcessResult broken = run_process({"/bin/sh", EVENTGEN_SOURCE_DIR "/tests/portable/check_package_closure.sh", app});
    EXPECT_NE(broken.exit_code, 0);
    EXPECT_NE(broken.err.find("needs libz.so.1, which the package does not carry"), std::string::npos) << broken.err;
}

TEST_P(PackageClosureTest, BinaryFileDeclarationNamesEveryBinaryAndLibrary) {
    std::string app = unpack(make_temp_dir("eg-declaration"));
    std::string readme = read_text(app + "/README.md");
    std::string arch_dir = app + "/linux_" + GetParam();
    size_t named = 0;
    for (const char* sub : {"/bin", "/lib"})
        for (const auto& e : fs::directory_iterator(arch_dir + sub)) {
            std::string name = e.path().filename().string();
            if (name == "openssl.cnf" || name == "modinput_eventgen.sh") continue;
            EXPECT_NE(readme.find(name), std::string::npos) << name << " is not named in the Binary File Declaration";
            ++named;
        }
    EXPECT_GT(named, 10u);
}

INSTANTIATE_TEST_SUITE_P(Arch, EmptyRootTest, ::testing::Values("x86_64", "aarch64"),
                         [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Arch, PackageClosureTest, ::testing::Values("x86_64", "aarch64"),
                         [](const auto& info) { return info.param; });

}  // namespace
