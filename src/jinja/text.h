#pragma once
// Python's string operations that filters and methods share (ASCII case rules,
// code-point widths for UTF-8 text).
#include <cstdint>
#include <string>
#include <vector>

namespace eventgen::jinja {

std::string lower(const std::string& s);
std::string upper(const std::string& s);
std::string strip(const std::string& s);  // str.strip()
std::string strip_chars(const std::string& s, const std::string& chars, bool left = true, bool right = true);
std::string lstrip(const std::string& s);
std::string rstrip(const std::string& s);
std::string py_replace(const std::string& s, const std::string& old, const std::string& neu, int64_t count);
std::string jinja_title(const std::string& s);  // the title filter
std::string py_title(const std::string& s);     // str.title()
std::string capitalize(const std::string& s);
int64_t word_count(const std::string& s);
std::string py_center(const std::string& s, int64_t width);
std::vector<std::string> split_lines(const std::string& s);  // str.splitlines()
std::vector<std::string> split_ws(const std::string& s);     // str.split()
std::vector<std::string> split_on(const std::string& s, const std::string& sep, int64_t maxsplit);
std::string html_escape(const std::string& s);
// Python's html.unescape for the entities templates use: &amp; &lt; &gt; &quot; &apos;
// &nbsp; and numeric references.
std::string html_unescape(const std::string& s);
std::string url_quote(const std::string& s, bool for_query);
std::string strip_tags(const std::string& s);

}  // namespace eventgen::jinja
