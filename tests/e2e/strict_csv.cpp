#include "strict_csv.h"

namespace eventgen::test {

bool parse_csv(const std::string& body, std::vector<std::vector<std::string>>& records, std::string& error) {
    size_t i = 0;
    while (i < body.size()) {
        std::vector<std::string> rec;
        while (true) {
            std::string field;
            if (i < body.size() && body[i] == '"') {
                ++i;
                while (true) {
                    if (i >= body.size()) {
                        error = "CSV: quoted field not closed";
                        return false;
                    }
                    if (body[i] == '"') {
                        if (i + 1 < body.size() && body[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    field += body[i++];
                }
            } else {
                while (i < body.size() && body[i] != ',' && body[i] != '\r' && body[i] != '\n') {
                    if (body[i] == '"') {
                        error = "CSV: quote inside an unquoted field at byte " + std::to_string(i);
                        return false;
                    }
                    field += body[i++];
                }
            }
            rec.push_back(field);
            if (i >= body.size()) {
                error = "CSV: the last record does not end with a newline";
                return false;
            }
            if (body[i] == ',') {
                ++i;
                continue;
            }
            if (body[i] == '\r') {
                if (i + 1 >= body.size() || body[i + 1] != '\n') {
                    error = "CSV: CR without LF at byte " + std::to_string(i);
                    return false;
                }
                ++i;
            }
            if (body[i] != '\n') {
                error = "CSV: unexpected character after a quoted field at byte " + std::to_string(i);
                return false;
            }
            ++i;
            break;
        }
        if (!records.empty() && rec.size() != records.front().size()) {
            error = "CSV: record " + std::to_string(records.size()) + " has " + std::to_string(rec.size()) +
                    " fields, the header " + std::to_string(records.front().size());
            return false;
        }
        records.push_back(std::move(rec));
    }
    return true;
}

}  // namespace eventgen::test
