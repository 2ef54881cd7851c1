// Files users name as data: byte order marks decoded (UTF-16/32 from Windows editors and
// PowerShell), broken encodings refused at a byte offset, FIFOs and other non-regular
// files refused without blocking. Real files in a temp folder.
#include "common/text_file.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <fstream>

#include "../temp_dir.h"

namespace eventgen {
namespace {

using testing::TempDir;

std::string write_bytes(const std::string& dir, const std::string& name, const std::string& bytes) {
    std::string path = dir + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

// "héllo 𝄞\n" in each encoding, built by hand (U+1D11E is a surrogate pair in UTF-16).
const std::string kUtf8 = "h\xC3\xA9llo \xF0\x9D\x84\x9E\n";
const std::string kUtf16le = std::string("h\0\xE9\0l\0l\0o\0 \0\x34\xD8\x1E\xDD\n\0", 18);
const std::string kUtf16be = std::string("\0h\0\xE9\0l\0l\0o\0 \xD8\x34\xDD\x1E\0\n", 18);
const std::string kUtf32le = std::string("h\0\0\0\xE9\0\0\0l\0\0\0l\0\0\0o\0\0\0 \0\0\0\x1E\xD1\x01\0\n\0\0\0", 32);
const std::string kUtf32be = std::string("\0\0\0h\0\0\0\xE9\0\0\0l\0\0\0l\0\0\0o\0\0\0 \0\x01\xD1\x1E\0\0\0\n", 32);

TEST(TextFile, DecodesEveryByteOrderMark) {
    TempDir dir;
    struct Case {
        const char* name;
        std::string bytes;
    } cases[] = {
        {"utf8-bom", "\xEF\xBB\xBF" + kUtf8},
        {"utf16le", "\xFF\xFE" + kUtf16le},
        {"utf16be", "\xFE\xFF" + kUtf16be},
        {"utf32le", std::string("\xFF\xFE\0\0", 4) + kUtf32le},
        {"utf32be", std::string("\0\0\xFE\xFF", 4) + kUtf32be},
        {"utf16le-no-bom", kUtf16le},
        {"utf16be-no-bom", kUtf16be},
        {"plain", kUtf8},
    };
    for (const auto& c : cases) {
        std::string error;
        auto text = read_text_file(write_bytes(dir.path().string(), c.name, c.bytes), error);
        ASSERT_TRUE(text) << c.name << ": " << error;
        EXPECT_EQ(*text, kUtf8) << c.name;
    }
}

TEST(TextFile, LeavesLatin1AndEmptyFilesAlone) {
    std::string latin1 = "caf\xE9\n", empty;
    std::string error;
    EXPECT_TRUE(decode_to_utf8(latin1, error));
    EXPECT_EQ(latin1, "caf\xE9\n");  // the sample reader's Latin-1 fallback still sees it
    EXPECT_TRUE(decode_to_utf8(empty, error));
    EXPECT_EQ(empty, "");
}

TEST(TextFile, BrokenUtf16AndUtf32NameTheByteOffset) {
    struct Case {
        std::string bytes;
        std::string expected;
    } cases[] = {
        // a high surrogate followed by 'a': offset 2 + 2*2 = 6
        {std::string("\xFF\xFE" "a\0b\0\x34\xD8" "a\0", 10),
         "is not valid UTF-16LE: a high surrogate 0xD834 without a low one after it at byte offset 6"},
        {std::string("\xFE\xFF\0a\xDD\x1E", 6),
         "is not valid UTF-16BE: a low surrogate 0xDD1E without a high one before it at byte offset 4"},
        {std::string("\xFF\xFE" "a\0b", 5), "is not valid UTF-16LE: the file ends with half a character (an odd "
                                             "number of bytes; the last byte is at byte offset 4)"},
        {std::string("\xFF\xFE\0\0" "a\0\0\0\0\0\x11\0", 12),
         "is not valid UTF-32LE: 0x110000 is not a Unicode character (byte offset 8)"},
        {std::string("\0\0\xFE\xFF\0\0\0a\0\0", 10),
         "is not valid UTF-32BE: the file's length is not a whole number of 4-byte characters (the last, "
         "partial one starts at byte offset 8)"},
    };
    for (const auto& c : cases) {
        std::string text = c.bytes, error;
        EXPECT_FALSE(decode_to_utf8(text, error));
        EXPECT_EQ(error, c.expected);
    }
}

// Opening a FIFO for reading blocks until a writer comes: this test would hang (and hit
// ctest's timeout) if the reader opened it the ordinary way.
TEST(TextFile, RefusesFifoDirectoryAndSocketWithoutBlocking) {
    TempDir dir;
    std::string fifo = dir.file("pipe.sample");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    std::string error;
    EXPECT_FALSE(read_text_file(fifo, error));
    EXPECT_EQ(error, "is a FIFO (named pipe), not a regular file");
    EXPECT_EQ(non_regular_kind(fifo), "a FIFO (named pipe)");

    EXPECT_FALSE(read_text_file(dir.path().string(), error));
    EXPECT_EQ(error, "is a directory, not a regular file");

    std::string sock = dir.file("s.sock");
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", sock.c_str());
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_FALSE(read_text_file(sock, error));
    EXPECT_EQ(non_regular_kind(sock), "a socket");
    ::close(fd);

    EXPECT_FALSE(read_text_file("/dev/null", error));
    EXPECT_EQ(error, "is a character device, not a regular file");

    EXPECT_FALSE(read_text_file(dir.file("missing"), error));
    EXPECT_EQ(error, "cannot be read (No such file or directory)");
    EXPECT_EQ(non_regular_kind(dir.file("missing")), "");
}

}  // namespace
}  // namespace eventgen
