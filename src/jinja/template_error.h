#pragma once
// A problem in a template, located at file:line:column (column 0: unknown).
#include <stdexcept>
#include <string>

namespace eventgen::jinja {

class TemplateError : public std::runtime_error {
public:
    TemplateError(std::string file, int line, int column, const std::string& message)
        : std::runtime_error(format(file, line, column, message)),
          file_(std::move(file)), line_(line), column_(column), message_(message) {}
    const std::string& file() const { return file_; }
    int line() const { return line_; }
    int column() const { return column_; }
    const std::string& message() const { return message_; }

    static std::string format(const std::string& file, int line, int column, const std::string& message) {
        std::string s = file;
        if (line > 0) s += ":" + std::to_string(line);
        if (line > 0 && column > 0) s += ":" + std::to_string(column);
        return s + ": " + message;
    }

private:
    std::string file_;
    int line_, column_;
    std::string message_;
};

}  // namespace eventgen::jinja
