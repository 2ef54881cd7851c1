#include "samples/csv_reader.h"

namespace eventgen {

bool CsvReader::next(std::vector<std::string>& row) {
    // The states of Python's _csv reader (non-strict, doublequote on).
    enum class State { StartField, InField, InQuoted, QuoteInQuoted };
    size_t fields = 0;
    auto field = [&]() -> std::string& {
        if (fields == row.size()) row.emplace_back();
        return row[fields];
    };
    while (pos_ < text_.size()) {
        row_line_ = line_;
        State state = State::StartField;
        bool any = false;  // a row with nothing on it is a blank line
        field().clear();
        auto end_field = [&] {
            ++fields;
            field().clear();
        };
        bool row_done = false;
        while (pos_ < text_.size() && !row_done) {
            char c = text_[pos_++];
            if (c == '\n') ++line_;
            switch (state) {
                case State::StartField:
                case State::InField:
                    if (c == '"' && state == State::StartField) {
                        state = State::InQuoted;
                        any = true;
                    } else if (c == ',') {
                        end_field();
                        state = State::StartField;
                        any = true;
                    } else if (c == '\n' || c == '\r') {
                        if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') {
                            ++pos_;
                            ++line_;
                        }
                        row_done = true;
                    } else {
                        field() += c;
                        state = State::InField;
                        any = true;
                    }
                    break;
                case State::InQuoted:
                    if (c == '"') state = State::QuoteInQuoted;
                    else field() += c;
                    break;
                case State::QuoteInQuoted:
                    if (c == '"') {  // "" inside quotes is one quote
                        field() += '"';
                        state = State::InQuoted;
                    } else if (c == ',') {
                        end_field();
                        state = State::StartField;
                    } else if (c == '\n' || c == '\r') {
                        if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') {
                            ++pos_;
                            ++line_;
                        }
                        row_done = true;
                    } else {  // text after the closing quote belongs to the field
                        field() += c;
                        state = State::InField;
                    }
                    break;
            }
        }
        if (!any) continue;  // blank line
        row.resize(fields + 1);
        return true;
    }
    return false;
}

std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
    std::vector<std::vector<std::string>> rows;
    CsvReader reader(text);
    std::vector<std::string> row;
    while (reader.next(row)) rows.push_back(row);
    return rows;
}

}  // namespace eventgen
