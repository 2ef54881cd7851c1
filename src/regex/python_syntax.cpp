#include "regex/python_syntax.h"

#include "regex/pattern_scan.h"

namespace eventgen {
namespace {

using namespace pattern_scan;

class Translator {
public:
    explicit Translator(std::string_view src) : src_(src) {}

    TranslatedPattern run() {
        while (i_ < src_.size()) {
            const char c = src_[i_];
            if (c == '\\') {
                escape(false);
            } else if (c == '[') {
                char_class();
            } else if (src_.substr(i_, 3) == "(?#") {
                // Comments may contain brackets; copy them untouched.
                const size_t close = src_.find(')', i_);
                copy(close == std::string_view::npos ? src_.size() - i_ : close + 1 - i_);
            } else if (c == '{') {
                brace();
            } else {
                copy(1);
            }
        }
        return std::move(out_);
    }

private:
    void copy(size_t n) {
        for (size_t k = 0; k < n && i_ < src_.size(); ++k, ++i_) {
            out_.text.push_back(src_[i_]);
            out_.source_offset.push_back(i_);
        }
    }
    // Emits replacement text for the construct at i_ and skips `consumed` bytes.
    void replace(std::string_view text, size_t consumed) {
        for (char c : text) {
            out_.text.push_back(c);
            out_.source_offset.push_back(i_);
        }
        i_ += consumed;
    }

    void escape(bool in_class) {
        if (i_ + 1 >= src_.size()) return copy(1);
        switch (src_[i_ + 1]) {
            case 'Z':
                return in_class ? copy(2) : replace("\\z", 2);
            case 'v':
                return replace("\\x0b", 2);
            case 'u':
                return unicode_escape(4);
            case 'U':
                return unicode_escape(8);
            case 's':
                // Class escape last, so "[\s-z]" stays an invalid range as in Python.
                return replace(in_class ? "\\x1c-\\x1f\\s" : "[\\x1c-\\x1f\\s]", 2);
            case 'S':
                // PCRE2 10.42 cannot subtract inside a class; "[\S]" keeps PCRE2's meaning.
                return in_class ? copy(2) : replace("[^\\x1c-\\x1f\\s]", 2);
            case 'Q': {
                const size_t end = src_.find("\\E", i_ + 2);
                return copy(end == std::string_view::npos ? src_.size() - i_ : end + 2 - i_);
            }
            default: {
                size_t len = 1;
                decode_utf8(src_, i_ + 1, len);
                return copy(1 + len);
            }
        }
    }

    void unicode_escape(size_t digits) {
        if (i_ + 2 + digits > src_.size()) return copy(2);
        const std::string_view hex = src_.substr(i_ + 2, digits);
        for (char h : hex)
            if (hex_value(h) < 0) return copy(2);
        std::string text = "\\x{";
        text.append(hex);
        text += '}';
        replace(text, 2 + digits);
    }

    void char_class() {
        copy(1);
        if (i_ < src_.size() && src_[i_] == '^') copy(1);
        if (i_ < src_.size() && src_[i_] == ']') copy(1);  // a leading ']' is a member
        while (i_ < src_.size()) {
            const char c = src_[i_];
            if (c == ']') return copy(1);
            if (c == '\\') {
                escape(true);
                continue;
            }
            if (c == '[') {
                const size_t end = posix_class_end(src_, i_);
                if (end != std::string_view::npos) {
                    copy(end - i_);
                    continue;
                }
            }
            copy(1);
        }
    }

    // Python reads "{,m}" as {0,m} and "{,}" as {0,}; PCRE2 10.42 would read them literally.
    void brace() {
        size_t j = i_ + 1;
        if (j < src_.size() && src_[j] == ',') {
            ++j;
            while (j < src_.size() && is_digit(src_[j])) ++j;
            if (j < src_.size() && src_[j] == '}') {
                replace("{0", 1);
                return;
            }
        }
        copy(1);
    }

    std::string_view src_;
    size_t i_ = 0;
    TranslatedPattern out_;
};

}  // namespace

TranslatedPattern translate_python_pattern(std::string_view python) {
    return Translator(python).run();
}

}  // namespace eventgen
