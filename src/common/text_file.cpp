#include "common/text_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdint>
#include <cstring>

#include "common/utf8.h"

namespace eventgen {

namespace {

std::string kind_of(mode_t mode) {
    if (S_ISREG(mode)) return "";
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    return "a special file";
}

std::string hex(uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%04X", v);
    return buf;
}

// `start` is where the code units begin (after the mark): offsets in errors are the file's.
bool decode_utf16(const std::string& in, size_t start, bool big_endian, std::string& out, std::string& error) {
    const char* name = big_endian ? "UTF-16BE" : "UTF-16LE";
    auto unit = [&](size_t i) {
        auto b0 = static_cast<unsigned char>(in[i]), b1 = static_cast<unsigned char>(in[i + 1]);
        return static_cast<uint32_t>(big_endian ? (b0 << 8 | b1) : (b1 << 8 | b0));
    };
    if ((in.size() - start) % 2 != 0) {
        error = std::string("is not valid ") + name + ": the file ends with half a character (an odd number of bytes; " +
                "the last byte is at byte offset " + std::to_string(in.size() - 1) + ")";
        return false;
    }
    out.reserve((in.size() - start) / 2 * 3 / 2);
    for (size_t i = start; i < in.size(); i += 2) {
        uint32_t u = unit(i);
        if (u >= 0xDC00 && u <= 0xDFFF) {
            error = std::string("is not valid ") + name + ": a low surrogate " + hex(u) +
                    " without a high one before it at byte offset " + std::to_string(i);
            return false;
        }
        if (u >= 0xD800 && u <= 0xDBFF) {
            uint32_t low = i + 3 < in.size() ? unit(i + 2) : 0;
            if (low < 0xDC00 || low > 0xDFFF) {
                error = std::string("is not valid ") + name + ": a high surrogate " + hex(u) +
                        " without a low one after it at byte offset " + std::to_string(i);
                return false;
            }
            u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
            i += 2;
        }
        append_utf8(u, out);
    }
    return true;
}

bool decode_utf32(const std::string& in, size_t start, bool big_endian, std::string& out, std::string& error) {
    const char* name = big_endian ? "UTF-32BE" : "UTF-32LE";
    if ((in.size() - start) % 4 != 0) {
        error = std::string("is not valid ") + name + ": the file's length is not a whole number of 4-byte characters (" +
                "the last, partial one starts at byte offset " + std::to_string(in.size() - (in.size() - start) % 4) +
                ")";
        return false;
    }
    out.reserve(in.size() - start);
    for (size_t i = start; i < in.size(); i += 4) {
        uint32_t v = 0;
        for (int k = 0; k < 4; ++k) {
            auto b = static_cast<unsigned char>(in[i + (big_endian ? k : 3 - k)]);
            v = v << 8 | b;
        }
        if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
            error = std::string("is not valid ") + name + ": " + hex(v) + " is not a Unicode character (byte offset " +
                    std::to_string(i) + ")";
            return false;
        }
        append_utf8(v, out);
    }
    return true;
}

// Without a mark: the first two characters are Latin-1 in 16-bit units (one byte 0, the
// other not) and no unit among the first 32 is NUL. No UTF-8 or Latin-1 text looks so.
int bomless_utf16(const std::string& s) {
    if (s.size() < 4 || s.size() % 2 != 0) return 0;
    int kind = s[0] != 0 && s[1] == 0 && s[2] != 0 && s[3] == 0 ? 1 : s[0] == 0 && s[1] != 0 && s[2] == 0 && s[3] != 0 ? 2 : 0;
    for (size_t i = 0; kind && i < std::min<size_t>(s.size(), 64); i += 2)
        if (s[i] == 0 && s[i + 1] == 0) kind = 0;
    return kind;
}

bool starts_with_bytes(const std::string& s, const char* bytes, size_t n) {
    return s.size() >= n && std::memcmp(s.data(), bytes, n) == 0;
}

}  // namespace

std::string non_regular_kind(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return "";
    return kind_of(st.st_mode);
}

std::optional<std::string> read_regular_file(const std::string& path, std::string& error) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        error = std::string("cannot be read (") + std::strerror(errno) + ")";
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        error = std::string("cannot be read (") + std::strerror(errno) + ")";
        ::close(fd);
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        error = "is " + kind_of(st.st_mode) + ", not a regular file";
        return std::nullopt;
    }
    std::string data;
    if (st.st_size > 0) data.reserve(static_cast<size_t>(st.st_size));
    char buf[65536];
    while (true) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            error = std::string("cannot be read (") + std::strerror(errno) + ")";
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0) break;
        data.append(buf, static_cast<size_t>(n));
    }
    ::close(fd);
    return data;
}

bool decode_to_utf8(std::string& text, std::string& error) {
    std::string out;
    bool ok = true;
    if (starts_with_bytes(text, "\xFF\xFE\x00\x00", 4)) {
        ok = decode_utf32(text, 4, false, out, error);
    } else if (starts_with_bytes(text, "\x00\x00\xFE\xFF", 4)) {
        ok = decode_utf32(text, 4, true, out, error);
    } else if (starts_with_bytes(text, "\xEF\xBB\xBF", 3)) {
        text.erase(0, 3);
        return true;
    } else if (starts_with_bytes(text, "\xFF\xFE", 2)) {
        ok = decode_utf16(text, 2, false, out, error);
    } else if (starts_with_bytes(text, "\xFE\xFF", 2)) {
        ok = decode_utf16(text, 2, true, out, error);
    } else if (int kind = bomless_utf16(text)) {
        ok = decode_utf16(text, 0, kind == 2, out, error);
    } else {
        return true;
    }
    if (ok) text.swap(out);
    return ok;
}

std::optional<std::string> read_text_file(const std::string& path, std::string& error) {
    auto data = read_regular_file(path, error);
    if (!data || !decode_to_utf8(*data, error)) return std::nullopt;
    return data;
}

}  // namespace eventgen
