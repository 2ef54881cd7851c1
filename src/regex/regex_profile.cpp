#include "regex/regex_profile.h"

#include "regex/char_sets.h"
#include "regex/pattern_scan.h"
#include "regex/regex.h"

namespace eventgen {
namespace {

using namespace pattern_scan;

struct NotAnalyzable {
    std::string reason;
};

struct Flags {
    bool caseless = false;
    bool dotall = false;
};

// Walks a PCRE2 pattern that is known to compile, collecting atoms. Anything
// whose effect on matching is not a function of per-character atom membership,
// '\n' and word-character positions is rejected.
class Profiler {
public:
    explicit Profiler(std::string_view p) : p_(p) {}

    RegexProfile run() {
        while (i_ < p_.size()) step();
        out_.analyzable = true;
        return std::move(out_);
    }

private:
    [[noreturn]] void reject(const std::string& what) const {
        const size_t from = i_ < p_.size() ? i_ : p_.size();
        throw NotAnalyzable{what + " is not supported (at \"" +
                            std::string(p_.substr(from, 8)) + "\")"};
    }
    char at(size_t k) const { return k < p_.size() ? p_[k] : '\0'; }

    void add(const ByteSet& atom) {
        for (const auto& a : out_.atoms)
            if (a == atom) return;
        out_.atoms.push_back(atom);
    }

    void step() {
        switch (p_[i_]) {
            case '\\': return escape();
            case '[': return add(char_class());
            case '(': return open_group();
            case ')':
                if (!saved_.empty()) {
                    flags_ = saved_.back();
                    saved_.pop_back();
                }
                ++i_;
                return;
            case '|':
            case '*':
            case '+':
            case '?':  // quantifiers and their lazy/possessive suffixes consume nothing
                ++i_;
                return;
            case '{':
                if (const size_t n = brace_quantifier_length(p_, i_)) {
                    i_ += n;
                    return;
                }
                add(char_sets::code_point('{', false));
                ++i_;
                return;
            case '^':
            case '$':
                out_.has_line_anchors = true;
                ++i_;
                return;
            case '.':
                add(char_sets::dot(flags_.dotall));
                ++i_;
                return;
            default:
                return literal();
        }
    }

    void literal() {
        size_t len = 1;
        const uint32_t cp = decode_utf8(p_, i_, len);
        add(char_sets::code_point(cp, flags_.caseless));
        i_ += len;
    }

    void escape() {
        const char d = at(i_ + 1);
        switch (d) {
            case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
                add(char_sets::class_escape(d));
                i_ += 2;
                return;
            case 'b': case 'B':
                out_.has_word_boundary = true;
                i_ += 2;
                return;
            case 'Z':
                out_.has_line_anchors = true;
                i_ += 2;
                return;
            case 'A': case 'z': case 'E':  // a lone \E is ignored by PCRE2
                i_ += 2;
                return;
            case 'Q':
                i_ += 2;
                while (i_ < p_.size() && !(p_[i_] == '\\' && at(i_ + 1) == 'E')) literal();
                i_ += 2;
                return;
            default:
                add(char_sets::code_point(escaped_char(false), flags_.caseless));
        }
    }

    // A single-character escape at i_ (the backslash); advances past it.
    uint32_t escaped_char(bool in_class) {
        const char d = at(i_ + 1);
        switch (d) {
            case 'a': i_ += 2; return 0x07;
            case 'e': i_ += 2; return 0x1B;
            case 'f': i_ += 2; return 0x0C;
            case 'n': i_ += 2; return 0x0A;
            case 'r': i_ += 2; return 0x0D;
            case 't': i_ += 2; return 0x09;
            case 'o': return braced_number(8);
            case 'x':
                if (at(i_ + 2) == '{') return braced_number(16);
                return digits(i_ + 2, 2, 16);
            default: break;
        }
        // Outside a class \1-\9 may be a backreference; in one they are octal
        // (and \8 \9 literals whose Python meaning differs).
        if (d == '0' || (in_class && is_octal(d))) return digits(i_ + 1, 3, 8);
        if (!in_class && (is_digit(d) || d == 'g' || d == 'k')) reject("backreference");
        if (is_ascii_alnum(d) || d == '\0') reject(std::string("escape \\") + d);
        size_t len = 1;
        const uint32_t cp = decode_utf8(p_, i_ + 1, len);
        i_ += 1 + len;
        return cp;
    }

    uint32_t digits(size_t from, size_t max, int base) {
        uint32_t v = 0;
        size_t j = from;
        for (; j < p_.size() && j < from + max; ++j) {
            const int d = hex_value(p_[j]);
            if (d < 0 || d >= base) break;
            v = v * base + d;
        }
        i_ = j;
        return v;
    }

    uint32_t braced_number(int base) {  // \o{...} or \x{...}
        const uint32_t v = digits(i_ + 3, 8, base);
        if (at(i_) != '}') reject("numeric escape");
        ++i_;
        return v;
    }

    void open_group() {
        const char k = at(i_ + 1);
        if (k == '*') reject("verb or option (*...)");
        if (k != '?') return push(1);
        const char k2 = at(i_ + 2);
        const char k3 = at(i_ + 3);
        switch (k2) {
            case '#': {
                const size_t close = p_.find(')', i_);
                i_ = close == std::string_view::npos ? p_.size() : close + 1;
                return;
            }
            case ':': case '>':  // atomic groups keep matching a function of atoms
                return push(3);
            case '|': reject("branch reset group");
            case '=': case '!': reject("lookahead");
            case '(': reject("conditional group");
            case 'C': reject("callout");
            case '<':
                if (k3 == '=' || k3 == '!') reject("lookbehind");
                return named_group(i_ + 3, '>');
            case '\'': return named_group(i_ + 3, '\'');
            case 'P':
                if (k3 == '<') return named_group(i_ + 4, '>');
                reject("named backreference or recursion");
            default:
                break;
        }
        if (k2 == 'R' || k2 == '&' || k2 == '+' || is_digit(k2) || (k2 == '-' && is_digit(k3)))
            reject("recursion or subroutine call");
        option_setting();
    }

    void push(size_t skip) {
        saved_.push_back(flags_);
        i_ += skip;
    }

    void named_group(size_t name_start, char terminator) {
        const size_t end = p_.find(terminator, name_start);
        if (end == std::string_view::npos) reject("group name");
        saved_.push_back(flags_);
        i_ = end + 1;
    }

    // (?flags) lasts to the end of the enclosing group; (?flags:...) scopes it.
    void option_setting() {
        Flags f = flags_;
        bool unset = false;
        for (size_t j = i_ + 2; j < p_.size(); ++j) {
            const char c = p_[j];
            if (c == ')' || c == ':') {
                if (c == ':') saved_.push_back(flags_);
                flags_ = f;
                i_ = j + 1;
                return;
            }
            if (c == '-') unset = true;
            else if (c == '^') f = Flags{};
            else if (c == 'i') f.caseless = !unset;
            else if (c == 's') f.dotall = !unset;
            else if (c == 'm') out_.has_line_anchors = true;  // ^ $ now react to '\n'
            else reject(std::string("inline option ") + c);
        }
        reject("option setting");
    }

    struct ClassItem {
        bool is_set = false;
        uint32_t cp = 0;
        ByteSet set;
    };

    ByteSet char_class() {
        ++i_;
        const bool negated = at(i_) == '^';
        if (negated) ++i_;
        ByteSet members;
        for (bool first = true;; first = false) {
            if (i_ >= p_.size()) reject("unterminated class");
            if (p_[i_] == ']' && !first) break;
            const ClassItem a = class_item();
            const bool dash = at(i_) == '-' && at(i_ + 1) != ']' && i_ + 1 < p_.size();
            if (a.is_set) {
                if (dash) reject("range starting at a class");
                members.add(a.set);
            } else if (dash) {
                ++i_;
                const ClassItem b = class_item();
                if (b.is_set || b.cp < a.cp) reject("class range");
                members.add(char_sets::code_point_range(a.cp, b.cp, flags_.caseless));
            } else {
                members.add(char_sets::code_point(a.cp, flags_.caseless));
            }
        }
        ++i_;
        return negated ? char_sets::negate(members) : members;
    }

    ClassItem class_item() {
        ClassItem item;
        const char c = p_[i_];
        if (c == '[') {
            const size_t end = posix_class_end(p_, i_);
            if (end != std::string_view::npos) {
                if (at(i_ + 1) != ':') reject("POSIX collating element");
                std::string_view name = p_.substr(i_ + 2, end - i_ - 4);
                const bool neg = !name.empty() && name[0] == '^';
                if (neg) name.remove_prefix(1);
                if (!char_sets::posix_class(name, flags_.caseless, item.set))
                    reject("POSIX class");
                if (neg) item.set = char_sets::negate(item.set);
                item.is_set = true;
                i_ = end;
                return item;
            }
        }
        if (c != '\\') {
            size_t len = 1;
            item.cp = decode_utf8(p_, i_, len);
            i_ += len;
            return item;
        }
        const char d = at(i_ + 1);
        if (d == 'd' || d == 'D' || d == 'w' || d == 'W' || d == 's' || d == 'S') {
            item.is_set = true;
            item.set = char_sets::class_escape(d);
            i_ += 2;
        } else if (d == 'b') {
            item.cp = 0x08;  // backspace inside a class
            i_ += 2;
        } else if (d == 'Q' || d == 'E') {
            reject("\\Q...\\E inside a class");
        } else {
            item.cp = escaped_char(true);
        }
        return item;
    }

    std::string_view p_;
    size_t i_ = 0;
    Flags flags_;
    std::vector<Flags> saved_;
    RegexProfile out_;
};

}  // namespace

ByteSet RegexProfile::alphabet() const {
    if (summary_ready) return alphabet_cache;
    ByteSet s;
    for (const auto& a : atoms) s.add(a);
    return s;
}

RegexProfile profile_regex(std::string_view pattern) {
    RegexProfile failed;
    try {
        // Analyse exactly the text PCRE2 will run.
        const Regex compiled = Regex::compile(pattern);
        RegexProfile profile = Profiler(compiled.pcre2_pattern()).run();
        summarize_profile(profile);
        return profile;
    } catch (const RegexError& e) {
        failed.reason = e.what();
    } catch (const NotAnalyzable& e) {
        failed.reason = e.reason;
    }
    return failed;
}

}  // namespace eventgen
