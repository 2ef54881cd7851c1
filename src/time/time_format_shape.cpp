// TimeFormat::shape(): the possible outputs of each op, concatenated.
#include <charconv>
#include <string>
#include <vector>

#include "time/time_format.h"
#include "time/time_names.h"

namespace eventgen {
namespace {

using Field = TimeFormat::Field;

struct NumericRange {
    int lo, hi, width;
    char pad;  // default padding
};

bool numeric_range(Field f, NumericRange& r) {
    switch (f) {
        case Field::Century: r = {10, 99, 2, '0'}; return true;
        case Field::Year2: case Field::IsoYear2: r = {0, 99, 2, '0'}; return true;
        case Field::Month: r = {1, 12, 2, '0'}; return true;
        case Field::Day: r = {1, 31, 2, '0'}; return true;
        case Field::DaySpace: r = {1, 31, 2, ' '}; return true;
        case Field::Hour: r = {0, 23, 2, '0'}; return true;
        case Field::HourSpace: r = {0, 23, 2, ' '}; return true;
        case Field::Hour12: r = {1, 12, 2, '0'}; return true;
        case Field::Hour12Space: r = {1, 12, 2, ' '}; return true;
        case Field::Minute: case Field::Second: r = {0, 59, 2, '0'}; return true;
        case Field::YearDay: r = {1, 366, 3, '0'}; return true;
        case Field::WeekdaySun0: r = {0, 6, 1, '0'}; return true;
        case Field::WeekdayMon1: r = {1, 7, 1, '0'}; return true;
        case Field::WeekSun: case Field::WeekMon: r = {0, 53, 2, '0'}; return true;
        case Field::WeekIso: r = {1, 53, 2, '0'}; return true;
        default: return false;
    }
}

// Renders every value the way TimeFormat does and lets ValueShape summarise them:
// simpler than reasoning about padding flags case by case, and exact.
ValueShape numeric_shape(const NumericRange& r, char flag) {
    const char pad = flag == '-' ? 0 : flag == '_' ? ' ' : flag == '0' ? '0' : r.pad;
    std::vector<std::string> texts;
    for (int v = r.lo; v <= r.hi; ++v) {
        char buf[12];
        const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
        std::string s(buf, end);
        if (pad != 0 && static_cast<int>(s.size()) < r.width) s.insert(0, r.width - s.size(), pad);
        texts.push_back(std::move(s));
    }
    return ValueShape::any_of(std::vector<std::string_view>(texts.begin(), texts.end()));
}

template <size_t N>
ValueShape names_shape(const std::string_view (&names)[N], bool abbreviated) {
    std::vector<std::string_view> texts;
    for (auto n : names) texts.push_back(abbreviated ? abbreviation(n) : n);
    return ValueShape::any_of(texts);
}

ValueShape year_shape() {
    return ValueShape::of_positions(
        {ByteSet::range('1', '9'), ByteSet::digits(), ByteSet::digits(), ByteSet::digits()});
}

ValueShape field_shape(const TimeFormat::Op& op) {
    NumericRange r{};
    if (numeric_range(op.field, r)) return numeric_shape(r, op.pad);
    switch (op.field) {
        case Field::Year: case Field::IsoYear: return year_shape();
        case Field::Micro:
            return ValueShape::of_positions(std::vector<ByteSet>(6, ByteSet::digits()));
        case Field::AmPm: return ValueShape::any_of({"AM", "PM"});
        case Field::AmPmLower: return ValueShape::any_of({"am", "pm"});
        case Field::WeekdayAbbr: return names_shape(kWeekdayNames, true);
        case Field::WeekdayFull: return names_shape(kWeekdayNames, false);
        case Field::MonthAbbr: return names_shape(kMonthNames, true);
        case Field::MonthFull: return names_shape(kMonthNames, false);
        case Field::Epoch: return ValueShape::variable(ByteSet::digits() | ByteSet::of("-"), 1);
        case Field::Offset:
            return ValueShape::of_positions({ByteSet::of("+-"), ByteSet::range('0', '2'),
                                             ByteSet::digits(), ByteSet::range('0', '5'),
                                             ByteSet::digits()});
        case Field::ZoneName:
            // tzdata and POSIX TZ names are 3+ letters, digits and signs ("EST", "-03").
            return ValueShape::variable(
                ByteSet::letters() | ByteSet::digits() | ByteSet::of("+-"), 3);
        default: return ValueShape::unknown();
    }
}

}  // namespace

ValueShape TimeFormat::shape() const {
    ValueShape s = ValueShape::exact("");
    for (const Op& op : ops_) {
        if (op.field == Field::Literal)
            s.append(ValueShape::exact(std::string_view(literals_).substr(op.lit_pos, op.lit_len)));
        else
            s.append(field_shape(op));
    }
    return s;
}

}  // namespace eventgen
