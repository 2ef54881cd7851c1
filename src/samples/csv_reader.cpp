#include "samples/csv_reader.h"

namespace eventgen {

std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool in_quotes = false;
    bool field_started = false;  // distinguishes an empty row from a row with one empty field
    auto end_field = [&] {
        row.push_back(std::move(field));
        field.clear();
        field_started = false;
    };
    auto end_row = [&] {
        if (!row.empty() || field_started || !field.empty()) {
            end_field();
            rows.push_back(std::move(row));
        }
        row.clear();
    };
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    in_quotes = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        switch (c) {
            case '"':
                in_quotes = true;
                field_started = true;
                break;
            case ',':
                end_field();
                field_started = true;  // a separator means another field follows
                break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                end_row();
                break;
            case '\n':
                end_row();
                break;
            default:
                field += c;
                field_started = true;
        }
    }
    end_row();
    return rows;
}

}  // namespace eventgen
