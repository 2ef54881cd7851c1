#pragma once
// English (C locale) day and month names, shared by formatting and parsing.
#include <string_view>

namespace eventgen {

inline constexpr std::string_view kWeekdayNames[7] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

inline constexpr std::string_view kMonthNames[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// The C locale abbreviations are the first three letters of the full names.
constexpr std::string_view abbreviation(std::string_view full_name) {
    return full_name.substr(0, 3);
}

}  // namespace eventgen
