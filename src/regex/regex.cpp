#include "regex/regex.h"

#include <cctype>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <new>

#include "regex/python_syntax.h"

namespace eventgen {
namespace {

std::string pcre2_message(int code) {
    PCRE2_UCHAR buf[256];
    const int n = pcre2_get_error_message(code, buf, sizeof buf);
    return n < 0 ? "error " + std::to_string(code) : std::string(reinterpret_cast<char*>(buf));
}

// Per-thread match buffers. Two ovector pairs suffice: only group 0 and group 1
// are reported, and PCRE2 still matches correctly with a short ovector.
struct Scratch {
    pcre2_match_data* data = nullptr;
    pcre2_match_context* context = nullptr;
    pcre2_jit_stack* jit_stack = nullptr;

    Scratch() {
        data = pcre2_match_data_create(2, nullptr);
        context = pcre2_match_context_create(nullptr);
        // The default 32 KiB JIT stack fails on long subjects with nested repeats.
        jit_stack = pcre2_jit_stack_create(32 * 1024, 4 * 1024 * 1024, nullptr);
        if (!data || !context) {
            release();
            throw std::bad_alloc();
        }
        if (jit_stack) pcre2_jit_stack_assign(context, nullptr, jit_stack);
    }
    ~Scratch() { release(); }
    void release() {
        pcre2_jit_stack_free(jit_stack);
        pcre2_match_context_free(context);
        pcre2_match_data_free(data);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
};

Scratch& scratch() {
    thread_local Scratch s;
    return s;
}

}  // namespace

struct Regex::Compiled {
    pcre2_code* code = nullptr;
    std::string pattern;
    std::string pcre2_pattern;
    int captures = 0;
    size_t min_length = 0;
    bool jit = false;

    Compiled() = default;
    Compiled(const Compiled&) = delete;
    Compiled& operator=(const Compiled&) = delete;
    ~Compiled() { pcre2_code_free(code); }
};

RegexError::RegexError(size_t offset, const std::string& detail)
    : std::runtime_error("bad regex at offset " + std::to_string(offset) + ": " + detail),
      offset_(offset),
      detail_(detail) {}

Regex Regex::compile(std::string_view pattern) {
    auto c = std::make_shared<Compiled>();
    c->pattern = std::string(pattern);
    const TranslatedPattern translated = translate_python_pattern(pattern);
    c->pcre2_pattern = translated.text;

    pcre2_compile_context* ctx = pcre2_compile_context_create(nullptr);
    if (!ctx) throw std::bad_alloc();
    // Fixed rather than build-dependent: only '\n' ends a line, as in Python.
    pcre2_set_newline(ctx, PCRE2_NEWLINE_LF);
    int err = 0;
    PCRE2_SIZE err_offset = 0;
    c->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(c->pcre2_pattern.data()),
                            c->pcre2_pattern.size(),
                            PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &err, &err_offset,
                            ctx);
    pcre2_compile_context_free(ctx);
    if (!c->code)
        throw RegexError(translated.original_offset(err_offset, pattern.size()),
                         pcre2_message(err));

    uint32_t captures = 0, min_length = 0;
    pcre2_pattern_info(c->code, PCRE2_INFO_CAPTURECOUNT, &captures);
    pcre2_pattern_info(c->code, PCRE2_INFO_MINLENGTH, &min_length);
    c->captures = static_cast<int>(captures);
    c->min_length = min_length;
    // Without JIT support PCRE2 falls back to its interpreter; results are the same.
    c->jit = pcre2_jit_compile(c->code, PCRE2_JIT_COMPLETE) == 0;
    return Regex(std::move(c));
}

bool Regex::search(std::string_view subject, size_t from, Match& m) const {
    return search_with(subject, from, 0, m);
}

Regex::Probe Regex::probe(std::string_view subject, size_t from, Match& m, bool anchored) const {
    if (from > subject.size()) return Probe::None;
    Scratch& s = scratch();
    const char* data = subject.data() ? subject.data() : "";
    const int rc = pcre2_match(c_->code, reinterpret_cast<PCRE2_SPTR>(data), subject.size(), from,
                               PCRE2_PARTIAL_HARD | (anchored ? PCRE2_ANCHORED : 0u), s.data, s.context);
    if (rc == PCRE2_ERROR_NOMATCH) return Probe::None;
    if (rc == PCRE2_ERROR_PARTIAL) {
        // Where the attempt that ran into the end started (nothing here looks behind).
        const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(s.data);
        m = Match{ov[0], ov[1], false, 0, 0};
        return Probe::Partial;
    }
    if (rc < 0)
        throw RegexMatchError(c_->pattern, "regex match failed for '" + c_->pattern + "': " + pcre2_message(rc));
    fill_match(rc, m);
    return Probe::Match;
}

void Regex::fill_match(int rc, Match& m) const {
    const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(scratch().data);
    m.start = ov[0];
    m.end = ov[1];
    // rc == 0 means "more groups than ovector pairs"; group 1 is still filled in.
    m.has_group1 = c_->captures >= 1 && (rc == 0 || rc > 1) && ov[2] != PCRE2_UNSET;
    m.g1_start = m.has_group1 ? ov[2] : 0;
    m.g1_end = m.has_group1 ? ov[3] : 0;
}

bool Regex::search_with(std::string_view subject, size_t from, unsigned options,
                        Match& m) const {
    if (from > subject.size()) return false;
    Scratch& s = scratch();
    // Older PCRE2 releases reject a null subject pointer even with length 0.
    const char* data = subject.data() ? subject.data() : "";
    const int rc = pcre2_match(c_->code, reinterpret_cast<PCRE2_SPTR>(data), subject.size(),
                               from, options, s.data, s.context);
    if (rc == PCRE2_ERROR_NOMATCH) return false;
    if (rc < 0)
        throw RegexMatchError(c_->pattern, "regex match failed for '" + c_->pattern + "': " + pcre2_message(rc));
    fill_match(rc, m);
    return true;
}

void Regex::find_all(std::string_view subject, std::vector<Match>& out) const {
    out.clear();
    size_t pos = 0;
    unsigned options = 0;
    Match m;
    // Python 3.7+: after an empty match the next match may not be empty at the same
    // position but may start there; failing that the search moves on one character.
    // PCRE2_NOTEMPTY_ATSTART on an unanchored search expresses exactly that.
    while (pos <= subject.size() && search_with(subject, pos, options, m)) {
        if (m.end < pos) break;  // only reachable with \K tricks; avoid looping
        out.push_back(m);
        options = m.start == m.end ? PCRE2_NOTEMPTY_ATSTART : 0;
        pos = m.end;
    }
}

int Regex::capture_count() const { return c_->captures; }
size_t Regex::min_match_length() const { return c_->min_length; }

bool Regex::first_bytes(ByteSet& out) const {
    out = ByteSet();
    uint32_t type = 0;
    if (pcre2_pattern_info(c_->code, PCRE2_INFO_FIRSTCODETYPE, &type) != 0) return false;
    if (type == 1) {
        uint32_t unit = 0;
        pcre2_pattern_info(c_->code, PCRE2_INFO_FIRSTCODEUNIT, &unit);
        if (unit > 0xFF) return false;
        // The first unit may be matched caselessly; keep both cases to stay safe.
        unsigned char c = static_cast<unsigned char>(unit);
        out.add(c);
        if (c < 0x80) {
            out.add(static_cast<unsigned char>(std::tolower(c)));
            out.add(static_cast<unsigned char>(std::toupper(c)));
        }
        return true;
    }
    const uint8_t* bitmap = nullptr;
    if (pcre2_pattern_info(c_->code, PCRE2_INFO_FIRSTBITMAP, &bitmap) != 0 || bitmap == nullptr) return false;
    for (int b = 0; b < 256; ++b)
        if (bitmap[b / 8] & (1u << (b % 8))) out.add(static_cast<unsigned char>(b));
    return true;
}
bool Regex::jit_compiled() const { return c_->jit; }
const std::string& Regex::pattern() const { return c_->pattern; }
const std::string& Regex::pcre2_pattern() const { return c_->pcre2_pattern; }

}  // namespace eventgen
