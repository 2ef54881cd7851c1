// Sample files an admin can hand eventgen that used to go wrong (issue 18 items 11-12):
// UTF-16 samples (Notepad's "Unicode", PowerShell's Out-File) passed through as garbage
// with NULs between letters, and a FIFO given as a sample, replacement file or template
// was reported as "not found" (or would have blocked a reader that opened it). The real
// binary on real files; every run is bounded.
#include <sys/stat.h>

#include <filesystem>
#include <gtest/gtest.h>

#include "process.h"

using namespace eventgen::test;

namespace {

struct App {
    std::string dir;
    App() : dir(make_temp_dir("eg-textfiles")) {}
    ~App() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    void bytes(const std::string& rel, const std::string& data) const { write_file(dir + "/" + rel, data); }
    void fifo(const std::string& rel) const {
        std::filesystem::create_directories(std::filesystem::path(dir + "/" + rel).parent_path());
        ASSERT_EQ(::mkfifo((dir + "/" + rel).c_str(), 0600), 0);
    }
};

// ASCII/Latin-1/BMP text as UTF-16 (LE or BE), with its byte order mark.
std::string utf16(const std::u16string& text, bool big_endian) {
    std::string out = big_endian ? "\xFE\xFF" : "\xFF\xFE";
    for (char16_t u : text) {
        char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
        out += big_endian ? hi : lo;
        out += big_endian ? lo : hi;
    }
    return out;
}

ProcessResult generate(const App& app) {
    ProcessResult r = run_process({binary_path(), "generate", app.dir}, "", std::chrono::seconds(60));
    EXPECT_FALSE(r.timed_out) << "eventgen hung on a sample file: " << r.err;
    return r;
}

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

}  // namespace

TEST(SampleFiles, Utf16AndUtf8BomSamplesArriveAsUtf8) {
    App app;
    app.bytes("samples/notepad.log", utf16(u"caf\u00e9 login user=@@user\r\nlogout \u2615\r\n", false));
    app.bytes("samples/mainframe.csv", utf16(u"_raw,host\r\n\"r\u00e9sum\u00e9 ok\",h\u00f6st1\r\n", true));
    app.bytes("samples/bom8.log", "\xEF\xBB\xBF" "first line\n");
    app.bytes("samples/users.txt", utf16(u"\u00e5sa\r\n", false));  // the replacement file, UTF-16 too
    app.bytes("samples/templates/t.template", utf16(u"{\"_time\": {{ eventgen_target_time_epoch }}, \"_raw\": \"tmpl \u00fc {{ 1 + 1 }}\"}\n", false));
    app.bytes("default/eventgen.conf", R"([notepad.log]
outputMode = stdout
end = 1
token.0.token = @@user
token.0.replacementType = file
token.0.replacement = users.txt

[mainframe.csv]
sampletype = csv
outputMode = stdout
end = 1

[bom8.log]
outputMode = stdout
end = 1

[tmpl]
generator = jinja
jinja_target_template = t.template
outputMode = stdout
end = 1
)");
    ProcessResult r = generate(app);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "caf\xC3\xA9 login user=\xC3\xA5sa\n")) << r.out;
    EXPECT_TRUE(has(r.out, "logout \xE2\x98\x95\n")) << r.out;
    EXPECT_TRUE(has(r.out, "r\xC3\xA9sum\xC3\xA9 ok\n")) << r.out;
    EXPECT_TRUE(has(r.out, "tmpl \xC3\xBC 2")) << r.out;
    EXPECT_TRUE(has("\n" + r.out, "\nfirst line\n")) << "a UTF-8 BOM was kept: " << r.out;
    EXPECT_EQ(r.out.find('\0'), std::string::npos) << "a NUL byte: UTF-16 passed through undecoded";
}

TEST(SampleFiles, BrokenUtf16IsRefusedAtItsByteOffsetAndOthersRun) {
    App app;
    // "ab", then a high surrogate (0xD83D) with no low one: byte offset 2 + 4 = 6.
    app.bytes("samples/broken.log", std::string("\xFF\xFE" "a\0b\0\x3D\xD8" "c\0\n\0", 12));
    app.bytes("samples/good.log", "fine\n");
    app.bytes("default/eventgen.conf", "[broken.log]\noutputMode = stdout\nend = 1\n\n"
                                       "[good.log]\noutputMode = stdout\nend = 1\n");
    ProcessResult r = generate(app);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.out, "fine\n");
    EXPECT_TRUE(has(r.err, "samples/broken.log: [broken.log]: the sample file is not valid UTF-16LE: a high "
                           "surrogate 0xD83D without a low one after it at byte offset 6"))
        << r.err;
}

// Each case alone, so each must fail fast on its own (a blocking open would hang the run).
TEST(SampleFiles, FifoAsSampleIsNamedNotMissingAndDoesNotHang) {
    App app;
    app.fifo("samples/live.log");
    app.bytes("samples/good.log", "fine\n");
    app.bytes("default/eventgen.conf", "[live.log]\noutputMode = stdout\nend = 1\n\n"
                                       "[good.log]\noutputMode = stdout\nend = 1\n");
    ProcessResult r = generate(app);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.out, "fine\n");
    EXPECT_TRUE(has(r.err, "default/eventgen.conf:1: [live.log]: the sample '" + app.dir +
                               "/samples/live.log' this stanza names is a FIFO (named pipe), not a regular file"))
        << r.err;
    EXPECT_FALSE(has(r.err, "matches this stanza; it generates nothing")) << r.err;
}

TEST(SampleFiles, FifoAsReplacementFileNamesFileStanzaAndKey) {
    App app;
    app.fifo("samples/users.txt");
    app.bytes("samples/login.log", "login user=@@user\n");
    app.bytes("default/eventgen.conf", "[login.log]\noutputMode = stdout\nend = 1\n"
                                       "token.0.token = @@user\ntoken.0.replacementType = file\n"
                                       "token.0.replacement = users.txt\n");
    ProcessResult r = generate(app);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(has(r.err, "default/eventgen.conf:6: [login.log] token.0.replacement: replacement file '" + app.dir +
                               "/samples/users.txt' is a FIFO (named pipe), not a regular file"))
        << r.err;
}

TEST(SampleFiles, FifoAsJinjaTemplateSaysSo) {
    App app;
    app.fifo("samples/templates/t.template");
    app.bytes("default/eventgen.conf", "[tmpl]\ngenerator = jinja\njinja_target_template = t.template\n"
                                       "outputMode = stdout\nend = 1\n");
    ProcessResult r = generate(app);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(has(r.err, "samples/templates/t.template: the template is a FIFO (named pipe), not a regular file"))
        << r.err;
    EXPECT_TRUE(has(r.err, "[tmpl]")) << r.err;
}

TEST(SampleFiles, EventgenCheckReportsTheFifoToo) {
    App app;
    app.fifo("samples/live.log");
    app.bytes("default/eventgen.conf", "[live.log]\nend = 1\n");
    ProcessResult r = run_process({binary_path(), "check", app.dir}, "", std::chrono::seconds(60));
    ASSERT_FALSE(r.timed_out);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_TRUE(has(r.out + r.err, "[live.log]: error: the sample '" + app.dir +
                                       "/samples/live.log' this stanza names is a FIFO (named pipe)"))
        << r.out << r.err;
}

// eventgen.conf saved as UTF-16 by a Windows editor reads like its UTF-8 twin.
TEST(SampleFiles, Utf16EventgenConfIsRead) {
    App app;
    app.bytes("samples/a.log", "from a utf-16 conf\n");
    app.bytes("default/eventgen.conf", utf16(u"[a.log]\r\noutputMode = stdout\r\nend = 1\r\ncount = 3\r\n", false));
    ProcessResult r = generate(app);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(lines_of(r.out).size(), 3u) << r.out << r.err;
}
