#include "time/time_parse.h"

#include <cctype>

#include "time/time_names.h"

namespace eventgen {
namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool iequal_prefix(std::string_view text, std::string_view word) {
    if (text.size() < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) !=
            std::tolower(static_cast<unsigned char>(word[i])))
            return false;
    return true;
}

class Parser {
public:
    explicit Parser(std::string_view text) : text_(text) {}

    bool run(std::string_view fmt);
    std::optional<TimeUs> result(const TimeZone& tz) const;
    bool at_end() const { return pos_ == text_.size(); }

private:
    bool directive(char c, char next_in_format);
    bool number(int min_digits, int max_digits, int lo, int hi, int& out, bool space_ok = false);
    bool name(const std::string_view* names, int n, int& out);
    bool offset();
    bool zone_name();
    bool epoch(bool fraction_ok);
    void skip_space() {
        while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
    }

    std::string_view text_;
    size_t pos_ = 0;
    int year_ = 1900, month_ = 1, day_ = 1, hour_ = 0, minute_ = 0, second_ = 0, micro_ = 0;
    int hour12_ = -1;  // set by %I/%l
    int pm_ = -1;      // set by %p: 0 AM, 1 PM
    int yearday_ = -1;
    std::optional<int> offset_;
    std::optional<TimeUs> epoch_;
};

// Reads up to max_digits digits, then gives back trailing ones while the value is
// too large, the way Python's alternation regexes settle ("13" as %m reads "1").
bool Parser::number(int min_digits, int max_digits, int lo, int hi, int& out, bool space_ok) {
    size_t p = pos_;
    if (space_ok && p < text_.size() && text_[p] == ' ') ++p;
    int n = 0;
    while (n < max_digits && p + n < text_.size() && is_digit(text_[p + n])) ++n;
    for (; n >= min_digits && n > 0; --n) {
        int v = 0;
        for (int i = 0; i < n; ++i) v = v * 10 + (text_[p + i] - '0');
        if (v > hi) continue;
        if (v < lo) return false;
        out = v;
        pos_ = p + n;
        return true;
    }
    return false;
}

bool Parser::name(const std::string_view* names, int n, int& out) {
    const std::string_view rest = text_.substr(pos_);
    for (int i = 0; i < n; ++i) {  // full names first: "March" must not stop at "Mar"
        if (iequal_prefix(rest, names[i])) {
            out = i;
            pos_ += names[i].size();
            return true;
        }
    }
    for (int i = 0; i < n; ++i) {
        if (iequal_prefix(rest, abbreviation(names[i]))) {
            out = i;
            pos_ += 3;
            return true;
        }
    }
    return false;
}

// Z, or +hh[:]mm with optional [:]ss[.ffffff] (what Python's %z takes).
bool Parser::offset() {
    if (pos_ < text_.size() && text_[pos_] == 'Z') {
        ++pos_;
        offset_ = 0;
        return true;
    }
    if (pos_ >= text_.size() || (text_[pos_] != '+' && text_[pos_] != '-')) return false;
    const int sign = text_[pos_] == '-' ? -1 : 1;
    ++pos_;
    int hh = 0, mm = 0, ss = 0, frac = 0;
    if (!number(2, 2, 0, 23, hh)) return false;
    const bool colon = pos_ < text_.size() && text_[pos_] == ':';
    if (colon) ++pos_;
    if (!number(2, 2, 0, 59, mm)) return false;
    const size_t before_seconds = pos_;
    if (colon && pos_ < text_.size() && text_[pos_] == ':') ++pos_;
    if (!number(2, 2, 0, 59, ss)) {
        pos_ = before_seconds;
        ss = 0;
    } else if (pos_ < text_.size() && text_[pos_] == '.') {
        ++pos_;
        if (!number(1, 6, 0, 999999, frac)) return false;  // sub-second offsets: ignored
    }
    offset_ = sign * (hh * 3600 + mm * 60 + ss);
    return true;
}

// A zone name's value is ignored: letters ("EST", "UTC") or a numeric name ("+0530").
bool Parser::zone_name() {
    const size_t start = pos_;
    if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) {
        ++pos_;
        while (pos_ < text_.size() && (is_digit(text_[pos_]) || text_[pos_] == ':')) ++pos_;
        return pos_ > start + 1;
    }
    while (pos_ < text_.size() && std::isalpha(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    return pos_ > start;
}

// In "%s.%f" the dot belongs to the format, so the fraction is read only when the
// format does not continue with a dot.
bool Parser::epoch(bool fraction_ok) {
    const bool negative = pos_ < text_.size() && text_[pos_] == '-';
    size_t p = pos_ + (negative ? 1 : 0);
    int64_t secs = 0;
    const size_t start = p;
    while (p < text_.size() && is_digit(text_[p])) {
        if (p - start >= 12) return false;  // beyond year 9999
        secs = secs * 10 + (text_[p++] - '0');
    }
    if (p == start) return false;
    int64_t us = 0;
    if (fraction_ok && p + 1 < text_.size() && text_[p] == '.' && is_digit(text_[p + 1])) {
        ++p;
        int64_t scale = 100'000;
        for (; p < text_.size() && is_digit(text_[p]); ++p, scale /= 10)
            us += (text_[p] - '0') * scale;  // digits past microseconds are dropped
    }
    const TimeUs t = secs * kUsPerSecond + us;
    epoch_ = negative ? -t : t;
    pos_ = p;
    return true;
}

bool Parser::directive(char c, char next_in_format) {
    int ignored = 0;
    switch (c) {
        case 'Y': return number(4, 4, 0, 9999, year_);
        case 'y':
            if (!number(2, 2, 0, 99, year_)) return false;
            year_ += year_ < 69 ? 2000 : 1900;  // POSIX/Python pivot
            return true;
        case 'm': return number(1, 2, 1, 12, month_, true);
        case 'd': case 'e': return number(1, 2, 1, 31, day_, true);
        case 'H': case 'k': return number(1, 2, 0, 23, hour_, true);
        case 'I': case 'l': return number(1, 2, 1, 12, hour12_, true);
        case 'M': return number(1, 2, 0, 59, minute_);
        case 'S': return number(1, 2, 0, 59, second_);
        case 'j': return number(1, 3, 1, 366, yearday_);
        case 'f': {
            const size_t start = pos_;
            if (!number(1, 6, 0, 999999, micro_)) return false;
            for (size_t n = pos_ - start; n < 6; ++n) micro_ *= 10;  // ".5" is 500000 us
            return true;
        }
        case 'p':
        case 'P': {
            const std::string_view rest = text_.substr(pos_);
            if (iequal_prefix(rest, "AM") || iequal_prefix(rest, "PM")) {
                pm_ = std::tolower(static_cast<unsigned char>(text_[pos_])) == 'p' ? 1 : 0;
                pos_ += 2;
                return true;
            }
            return false;
        }
        case 'b': case 'B': case 'h':
            if (!name(kMonthNames, 12, month_)) return false;
            ++month_;
            return true;
        case 'a': case 'A': return name(kWeekdayNames, 7, ignored);
        case 'z': return offset();
        case 'Z': return zone_name();
        case 's': return epoch(next_in_format != '.');
        case 'n': case 't': skip_space(); return true;
        case '%':
            if (pos_ >= text_.size() || text_[pos_] != '%') return false;
            ++pos_;
            return true;
        case 'T': case 'X': return run("%H:%M:%S");
        case 'D': case 'x': return run("%m/%d/%y");
        case 'F': return run("%Y-%m-%d");
        case 'R': return run("%H:%M");
        case 'r': return run("%I:%M:%S %p");
        case 'c': return run("%a %b %e %H:%M:%S %Y");
        default: return false;
    }
}

bool Parser::run(std::string_view fmt) {
    size_t i = 0;
    while (i < fmt.size()) {
        const char c = fmt[i];
        if (is_space(c)) {
            while (i < fmt.size() && is_space(fmt[i])) ++i;
            if (pos_ >= text_.size() || !is_space(text_[pos_])) return false;
            skip_space();
            continue;
        }
        if (c != '%') {
            if (pos_ >= text_.size() || text_[pos_] != c) return false;
            ++pos_;
            ++i;
            continue;
        }
        ++i;
        while (i < fmt.size() && (fmt[i] == '-' || fmt[i] == '_' || fmt[i] == '0')) ++i;
        if (i < fmt.size() && (fmt[i] == 'E' || fmt[i] == 'O')) ++i;
        if (i >= fmt.size()) return false;
        const char next = i + 1 < fmt.size() ? fmt[i + 1] : '\0';
        if (!directive(fmt[i++], next)) return false;
    }
    return true;
}

std::optional<TimeUs> Parser::result(const TimeZone& tz) const {
    if (epoch_) return *epoch_ + micro_;  // micro_ is set only by a separate %f
    CivilTime c;
    c.year = year_;
    c.hour = hour_;
    if (hour12_ >= 0) c.hour = hour12_ % 12 + (pm_ == 1 ? 12 : 0);  // no %p means AM
    c.minute = minute_;
    c.second = second_;
    c.microsecond = micro_;
    if (yearday_ > 0) {
        if (yearday_ > (is_leap_year(year_) ? 366 : 365)) return std::nullopt;
        c.day = yearday_;  // from_civil carries the day count through the months
    } else {
        if (day_ > days_in_month(year_, month_)) return std::nullopt;
        c.month = month_;
        c.day = day_;
    }
    return from_civil(c, offset_ ? TimeZone::fixed(*offset_) : tz);
}

}  // namespace

std::optional<TimeUs> parse_time(std::string_view text, std::string_view fmt, const TimeZone& tz) {
    Parser p(text);
    if (!p.run(fmt) || !p.at_end()) return std::nullopt;
    return p.result(tz);
}

}  // namespace eventgen
