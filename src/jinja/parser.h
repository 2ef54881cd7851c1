#pragma once
// Parses template text into a compiled tree with Jinja2's grammar and operator
// precedence. Errors are TemplateErrors naming file:line:column and what was expected.
#include <memory>
#include <string>
#include <string_view>

#include "jinja/ast.h"
#include "jinja/lexer.h"

namespace eventgen::jinja {

// `name` is how the template is referred to, `path` the file it came from (errors).
std::unique_ptr<Template> parse_template(std::string_view source, const std::string& name, const std::string& path,
                                         const LexOptions& options = {});

}  // namespace eventgen::jinja
