#pragma once
// Excel-dialect CSV exactly as Python's csv module (SA-Eventgen's reader) reads it:
// comma separated; a field that STARTS with a double quote is quoted and may hold
// commas, doubled quotes ("") and line breaks; a quote anywhere else is an ordinary
// character (Apache-style `_raw` columns such as 1.2.3.4 "GET / HTTP/1.1" depend on
// that), and text after a closing quote is kept as Python keeps it ("ab"c -> abc).
#include <string>
#include <string_view>
#include <vector>

namespace eventgen {

// Reads rows one at a time, so a large sample never holds every row at once.
class CsvReader {
public:
    explicit CsvReader(std::string_view text) : text_(text) {}
    // The next non-blank row into `row` (its old fields are reused); false at the end.
    bool next(std::vector<std::string>& row);
    // 1-based line of the row `next` returned last (where it started).
    size_t line() const { return row_line_; }

private:
    std::string_view text_;
    size_t pos_ = 0;
    size_t line_ = 1, row_line_ = 0;
};

// Every row of `text`. Blank lines are skipped.
std::vector<std::vector<std::string>> parse_csv(std::string_view text);

}  // namespace eventgen
