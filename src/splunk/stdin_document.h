#pragma once
// splunkd's configuration document on stdin, gathered chunk by chunk until its
// closing tag. Each chunk is searched once (plus the tag's length of overlap for a tag
// split between chunks), so reading is linear in the document's size however small the
// reads are: splunkd's documents grow with the number of stanzas and apps.
#include <cstddef>
#include <string>
#include <string_view>

namespace eventgen {

class StdinDocument {
public:
    explicit StdinDocument(std::string closing_tag) : tag_(std::move(closing_tag)) {}

    // Adds a chunk; true once the closing tag has been seen (further chunks are not needed).
    bool append(std::string_view chunk);
    bool complete() const { return complete_; }
    const std::string& text() const { return text_; }
    std::string take() { return std::move(text_); }

private:
    std::string tag_;
    std::string text_;
    bool complete_ = false;
};

// Reads fd until end of file or the closing tag (splunkd may keep the pipe open).
std::string read_document(int fd, const std::string& closing_tag);

}  // namespace eventgen
