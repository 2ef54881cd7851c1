#include "splunk/stdin_document.h"

#include <unistd.h>

#include <cerrno>

namespace eventgen {

bool StdinDocument::append(std::string_view chunk) {
    if (complete_) return true;
    // Only the new bytes, and the tag's length minus one before them, can hold a tag that
    // was not there before: searching from the start every time is quadratic.
    size_t from = text_.size() >= tag_.size() ? text_.size() - tag_.size() + 1 : 0;
    text_.append(chunk);
    if (text_.find(tag_, from) != std::string::npos) complete_ = true;
    return complete_;
}

std::string read_document(int fd, const std::string& closing_tag) {
    StdinDocument doc(closing_tag);
    char buf[65536];
    while (true) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        if (doc.append(std::string_view(buf, static_cast<size_t>(n)))) break;
    }
    return doc.take();
}

}  // namespace eventgen
