#pragma once
// Splits template text into tokens the way Jinja2's lexer does, with SA-Eventgen's
// settings: line statements start with `#`, line comments with `##`, no trim/lstrip
// of blocks, and one trailing newline of the source is dropped.
#include <string>
#include <string_view>
#include <vector>

#include "jinja/template_error.h"

namespace eventgen::jinja {

enum class Tok {
    Data,        // text outside tags (already whitespace-controlled)
    VarBegin,    // {{
    VarEnd,      // }}
    BlockBegin,  // {% or a line statement's '#'
    BlockEnd,    // %} or the end of a line statement
    Name,
    String,  // text is the unescaped value
    Integer,
    Float,
    Op,  // text is the operator: + - * / // % ** ~ == != < <= > >= ( ) [ ] { } , . : | =
    Eof,
};

struct Token {
    Tok type;
    std::string text;
    int line = 1, column = 1;
};

struct LexOptions {
    std::string line_statement_prefix = "#";
    std::string line_comment_prefix = "##";
};

// Throws TemplateError (file:line:column) on an unterminated tag, comment or string.
std::vector<Token> tokenize(std::string_view source, const std::string& file, const LexOptions& options = {});

// How a token is named in error messages ("end of statement block", "'x'").
std::string describe(const Token& t);

}  // namespace eventgen::jinja
