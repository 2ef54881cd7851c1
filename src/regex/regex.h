#pragma once
// A compiled regular expression with Python 3 `re` semantics (str patterns),
// executed by PCRE2 with JIT. Copies share the compiled code; matching from
// several threads at once is safe (match buffers are per thread).
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/byte_set.h"

namespace eventgen {

// A pattern PCRE2 rejects. offset() is a byte offset into the pattern as written.
class RegexError : public std::runtime_error {
public:
    RegexError(size_t offset, const std::string& detail);
    size_t offset() const { return offset_; }
    const std::string& detail() const { return detail_; }

private:
    size_t offset_;
    std::string detail_;
};

// Byte offsets of one match. Tokens replace group 1 when it took part, else the
// whole match.
// A match that PCRE2 gave up on (match or depth limit, usually a pattern that
// backtracks without end such as (a+)+b): names the pattern so the caller can say
// which setting holds it.
class RegexMatchError : public std::runtime_error {
public:
    RegexMatchError(std::string pattern, const std::string& message)
        : std::runtime_error(message), pattern_(std::move(pattern)) {}
    const std::string& pattern() const { return pattern_; }

private:
    std::string pattern_;
};

struct Match {
    size_t start = 0;
    size_t end = 0;
    bool has_group1 = false;
    size_t g1_start = 0;
    size_t g1_end = 0;

    size_t replace_start() const { return has_group1 ? g1_start : start; }
    size_t replace_end() const { return has_group1 ? g1_end : end; }
};

class Regex {
public:
    // Translates Python-only syntax, compiles (UTF, UCP, invalid UTF-8 subjects
    // allowed, newline = LF) and JIT-compiles. Throws RegexError.
    static Regex compile(std::string_view pattern);

    // First match starting at or after `from` (like Python's pattern.search(s, from):
    // '^' still means the real start of the subject). False when none.
    bool search(std::string_view subject, size_t from, Match& m) const;

    // Like search, but an attempt that runs into the end of the subject (it would have
    // to see more text to decide: a longer match, or an assertion at the end) gives
    // Partial, whatever else it finds (PCRE2_PARTIAL_HARD). The sample compiler uses it
    // to prove that no match attempt reads past a point. Runs in PCRE2's interpreter.
    // With `anchored`, only an attempt starting at `from` counts. On Partial, m.start is
    // where that attempt started.
    enum class Probe { None, Match, Partial };
    Probe probe(std::string_view subject, size_t from, Match& m, bool anchored = false) const;

    // All matches as Python's re.finditer yields them; replaces out's contents.
    void find_all(std::string_view subject, std::vector<Match>& out) const;

    int capture_count() const;
    // Lower bound on the length of any match, in characters (so also in bytes).
    size_t min_match_length() const;
    // Bytes every match must start with (PCRE2's start-of-match analysis). False when
    // PCRE2 knows no such set (e.g. the pattern can start anywhere).
    bool first_bytes(ByteSet& out) const;
    bool jit_compiled() const;
    const std::string& pattern() const;       // as written
    const std::string& pcre2_pattern() const;  // after translation

private:
    struct Compiled;
    explicit Regex(std::shared_ptr<const Compiled> compiled) : c_(std::move(compiled)) {}
    bool search_with(std::string_view subject, size_t from, unsigned options, Match& m) const;
    void fill_match(int rc, Match& m) const;

    std::shared_ptr<const Compiled> c_;
};

}  // namespace eventgen
