#pragma once
// Jinja2's built-in filters, tests and global functions, looked up by name when a
// template is compiled.
#include <string_view>

#include "jinja/ast.h"

namespace eventgen::jinja {

FilterFn find_filter(std::string_view name);  // null when unknown
TestFn find_test(std::string_view name);      // null when unknown
// The globals every template sees: range, dict, lipsum, cycler, namespace, joiner.
void add_globals(std::vector<std::pair<int, Value>>& vars);
// Methods of built-in types: "abc".upper(), list.append(x), dict.items(), ...
Value call_method(Interp& in, const Value& self, std::string_view name, CallArgs& args);
// Python's `value % args` string formatting.
std::string percent_format(const std::string& fmt, const Value& args);

}  // namespace eventgen::jinja
