#pragma once
// Reading the files a user names as data (samples, replacement files, templates,
// eventgen.conf): only regular files, opened so that a FIFO never blocks, and text in
// UTF-16 or UTF-32 (Windows editors and PowerShell write those) decoded to UTF-8.
#include <optional>
#include <string>

namespace eventgen {

// "a FIFO (named pipe)", "a directory", "a socket", "a character device", "a block
// device", "not a regular file"; empty when `path` is a regular file or does not exist.
std::string non_regular_kind(const std::string& path);

// The bytes of a regular file. A FIFO, directory, device or socket is refused without
// blocking. `error` is a predicate without the path ("is a FIFO (named pipe), not a
// regular file", "cannot be read (Permission denied)", "is not valid UTF-16LE: ...").
std::optional<std::string> read_regular_file(const std::string& path, std::string& error);

// Text as UTF-8, by its byte order mark: UTF-8's is dropped; UTF-16LE/BE and
// UTF-32LE/BE are decoded (so is BOM-less UTF-16 whose first characters are ASCII).
// Text without a mark is left as it is. False, with `error` naming the byte offset in
// the file, when the marked encoding is broken (an odd length, an unpaired surrogate).
bool decode_to_utf8(std::string& text, std::string& error);

// read_regular_file, then decode_to_utf8.
std::optional<std::string> read_text_file(const std::string& path, std::string& error);

}  // namespace eventgen
