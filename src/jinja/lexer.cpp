#include "jinja/lexer.h"

#include <algorithm>
#include <cctype>

#include "common/utf8.h"

namespace eventgen::jinja {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
bool is_hspace(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

// Python's unicode-escape decoding of a string literal's body.
std::string unescape(std::string_view s) {
    std::string out;
    for (size_t k = 0; k < s.size(); ++k) {
        char c = s[k];
        if (c != '\\' || k + 1 >= s.size()) {
            out += c;
            continue;
        }
        char e = s[++k];
        auto hex = [&](size_t digits) -> bool {
            uint32_t cp = 0;
            for (size_t d = 1; d <= digits; ++d) {
                if (k + d >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[k + d]))) return false;
                char h = static_cast<char>(std::tolower(static_cast<unsigned char>(s[k + d])));
                cp = cp * 16 + static_cast<uint32_t>(h <= '9' ? h - '0' : h - 'a' + 10);
            }
            append_utf8(cp, out);
            k += digits;
            return true;
        };
        switch (e) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'r': out += '\r'; break;
            case '\\': out += '\\'; break;
            case '\'': out += '\''; break;
            case '"': out += '"'; break;
            case 'a': out += '\a'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'v': out += '\v'; break;
            case '\n': break;
            case 'x':
                if (!hex(2)) out += "\\x";
                break;
            case 'u':
                if (!hex(4)) out += "\\u";
                break;
            case 'U':
                if (!hex(8)) out += "\\U";
                break;
            default:
                if (e >= '0' && e <= '7') {
                    uint32_t cp = static_cast<uint32_t>(e - '0');
                    for (int d = 0; d < 2 && k + 1 < s.size() && s[k + 1] >= '0' && s[k + 1] <= '7'; ++d)
                        cp = cp * 8 + static_cast<uint32_t>(s[++k] - '0');
                    append_utf8(cp, out);
                } else {
                    out += '\\';
                    out += e;
                }
        }
    }
    return out;
}

class Lexer {
public:
    Lexer(std::string_view src, const std::string& file, const LexOptions& o) : file_(file), opt_(o) {
        // Newlines normalised to \n and one trailing newline dropped, as Jinja2 does.
        s_.reserve(src.size());
        for (size_t k = 0; k < src.size(); ++k) {
            if (src[k] == '\r') {
                s_ += '\n';
                if (k + 1 < src.size() && src[k + 1] == '\n') ++k;
            } else s_ += src[k];
        }
        if (!s_.empty() && s_.back() == '\n') s_.pop_back();
        line_starts_.push_back(0);
        for (size_t k = 0; k < s_.size(); ++k)
            if (s_[k] == '\n') line_starts_.push_back(k + 1);
    }

    std::vector<Token> run() {
        size_t pos = 0;
        const size_t n = s_.size();
        while (pos < n) {
            size_t q = pos;
            int marker = 0;  // 1 comment, 2 block, 3 var, 4 line comment, 5 line statement
            for (; q < n; ++q) {
                marker = marker_at(q);
                if (marker) break;
            }
            std::string data = s_.substr(pos, q - pos);
            bool strip = false;
            if (marker >= 1 && marker <= 3 && q + 2 < n && s_[q + 2] == '-') strip = true;
            if (strip) rstrip(data);
            if (!data.empty()) push(Tok::Data, std::move(data), pos);
            if (q >= n) break;
            switch (marker) {
                case 1: pos = comment(q); break;
                case 2: pos = block(q); break;
                case 3: pos = variable(q); break;
                case 4: pos = line_comment(q); break;
                case 5: pos = line_statement(q); break;
            }
        }
        push(Tok::Eof, "", s_.size());
        return std::move(out_);
    }

private:
    int marker_at(size_t q) const {
        const size_t n = s_.size();
        if (s_[q] == '{' && q + 1 < n) {
            if (s_[q + 1] == '#') return 1;
            if (s_[q + 1] == '%') return 2;
            if (s_[q + 1] == '{') return 3;
        }
        bool line_start = q == 0 || s_[q - 1] == '\n';
        const std::string& lc = opt_.line_comment_prefix;
        if (!lc.empty() && (line_start || !is_space(s_[q - 1]))) {
            size_t k = q;
            while (k < n && is_hspace(s_[k])) ++k;
            if (s_.compare(k, lc.size(), lc) == 0) return 4;
        }
        const std::string& ls = opt_.line_statement_prefix;
        if (!ls.empty() && line_start) {
            size_t k = q;
            while (k < n && (s_[k] == ' ' || s_[k] == '\t' || s_[k] == '\v')) ++k;
            if (s_.compare(k, ls.size(), ls) == 0) return 5;
        }
        return 0;
    }

    static void rstrip(std::string& d) {
        while (!d.empty() && is_space(d.back())) d.pop_back();
    }
    size_t skip_space(size_t k) const {
        while (k < s_.size() && is_space(s_[k])) ++k;
        return k;
    }

    void push(Tok t, std::string text, size_t at) {
        Token tok;
        tok.type = t;
        tok.text = std::move(text);
        locate(at, tok.line, tok.column);
        out_.push_back(std::move(tok));
    }
    void locate(size_t at, int& line, int& column) const {
        auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), at);
        size_t idx = static_cast<size_t>(it - line_starts_.begin()) - 1;
        line = static_cast<int>(idx) + 1;
        column = static_cast<int>(at - line_starts_[idx]) + 1;
    }
    [[noreturn]] void fail(size_t at, const std::string& msg) const {
        int line, column;
        locate(std::min(at, s_.size()), line, column);
        throw TemplateError(file_, line, column, msg);
    }

    size_t comment(size_t q) {
        for (size_t k = q + 2; k < s_.size(); ++k) {
            if (s_.compare(k, 3, "-#}") == 0) return skip_space(k + 3);
            if (s_.compare(k, 2, "#}") == 0) return k + 2;
        }
        fail(q, "missing end of comment tag: expected '#}'");
    }

    size_t line_comment(size_t q) {
        size_t k = s_.find('\n', q);
        return k == std::string::npos ? s_.size() : k;
    }

    // `{% raw %}` (with optional - / + markers): the text up to `{% endraw %}` is data.
    bool raw_begin(size_t q, size_t& body) const {
        size_t k = q + 2;
        if (k < s_.size() && (s_[k] == '-' || s_[k] == '+')) ++k;
        k = skip_space(k);
        if (s_.compare(k, 3, "raw") != 0) return false;
        k += 3;
        size_t w = skip_space(k);
        if (s_.compare(w, 3, "-%}") == 0) body = skip_space(w + 3);
        else if (s_.compare(w, 2, "%}") == 0) body = w + 2;
        else return false;
        return true;
    }

    size_t block(size_t q) {
        size_t body;
        if (raw_begin(q, body)) {
            for (size_t k = body; k < s_.size(); ++k) {
                if (s_.compare(k, 2, "{%") != 0) continue;
                size_t j = k + 2;
                bool strip = j < s_.size() && s_[j] == '-';
                if (j < s_.size() && (s_[j] == '-' || s_[j] == '+')) ++j;
                j = skip_space(j);
                if (s_.compare(j, 6, "endraw") != 0) continue;
                j = skip_space(j + 6);
                size_t after;
                if (s_.compare(j, 3, "-%}") == 0) after = skip_space(j + 3);
                else if (s_.compare(j, 3, "+%}") == 0) after = j + 3;
                else if (s_.compare(j, 2, "%}") == 0) after = j + 2;
                else continue;
                std::string data = s_.substr(body, k - body);
                if (strip) rstrip(data);
                if (!data.empty()) push(Tok::Data, std::move(data), body);
                return after;
            }
            fail(q, "missing end of raw directive: expected '{% endraw %}'");
        }
        push(Tok::BlockBegin, "{%", q);
        size_t k = q + 2;
        if (k < s_.size() && (s_[k] == '-' || s_[k] == '+')) ++k;
        return tag(k, q, 'b');
    }

    size_t variable(size_t q) {
        push(Tok::VarBegin, "{{", q);
        size_t k = q + 2;
        if (k < s_.size() && (s_[k] == '-' || s_[k] == '+')) ++k;
        return tag(k, q, 'v');
    }

    size_t line_statement(size_t q) {
        size_t k = q;
        while (s_[k] != opt_.line_statement_prefix[0]) ++k;
        push(Tok::BlockBegin, "#", k);
        return tag(k + opt_.line_statement_prefix.size(), q, 'l');
    }

    // Tokens inside a tag until its end; returns the position after the end marker.
    size_t tag(size_t k, size_t start, char mode) {
        const size_t n = s_.size();
        while (true) {
            if (mode == 'l') {
                size_t m = skip_space(k);
                if (m >= n) {
                    push(Tok::BlockEnd, "", k);
                    return n;
                }
                size_t nl = s_.rfind('\n', m - 1);
                if (m > k && nl != std::string::npos && nl >= k) {
                    push(Tok::BlockEnd, "", k);
                    return nl + 1;
                }
            }
            if (k >= n) {
                fail(start, std::string("unexpected end of template, expected '") +
                                (mode == 'b' ? "%}" : mode == 'v' ? "}}" : "end of line") + "'");
            }
            char c = s_[k];
            if (mode == 'b') {
                if (s_.compare(k, 3, "-%}") == 0) {
                    push(Tok::BlockEnd, "%}", k);
                    return skip_space(k + 3);
                }
                if (s_.compare(k, 3, "+%}") == 0) {
                    push(Tok::BlockEnd, "%}", k);
                    return k + 3;
                }
                if (s_.compare(k, 2, "%}") == 0) {
                    push(Tok::BlockEnd, "%}", k);
                    return k + 2;
                }
            } else if (mode == 'v') {
                if (s_.compare(k, 3, "-}}") == 0) {
                    push(Tok::VarEnd, "}}", k);
                    return skip_space(k + 3);
                }
                if (s_.compare(k, 2, "}}") == 0) {
                    push(Tok::VarEnd, "}}", k);
                    return k + 2;
                }
            }
            if (is_space(c)) {
                ++k;
                continue;
            }
            if (std::isdigit(static_cast<unsigned char>(c))) {
                k = number(k);
                continue;
            }
            if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
                size_t e = k;
                while (e < n && (std::isalnum(static_cast<unsigned char>(s_[e])) || s_[e] == '_')) ++e;
                push(Tok::Name, s_.substr(k, e - k), k);
                k = e;
                continue;
            }
            if (c == '\'' || c == '"') {
                size_t e = k + 1;
                while (e < n && s_[e] != c) e += s_[e] == '\\' ? 2 : 1;
                if (e >= n) fail(k, "unexpected end of string: expected a closing " + std::string(1, c));
                push(Tok::String, unescape(std::string_view(s_).substr(k + 1, e - k - 1)), k);
                k = e + 1;
                continue;
            }
            static const char* two[] = {"**", "//", "==", "!=", "<=", ">="};
            bool matched = false;
            for (const char* op : two) {
                if (s_.compare(k, 2, op) == 0) {
                    push(Tok::Op, op, k);
                    k += 2;
                    matched = true;
                    break;
                }
            }
            if (matched) continue;
            if (std::string_view("+-*/%~<>()[]{},.:|=;").find(c) != std::string_view::npos) {
                push(Tok::Op, std::string(1, c), k);
                ++k;
                continue;
            }
            fail(k, std::string("unexpected char '") + c + "'");
        }
    }

    size_t number(size_t k) {
        const size_t n = s_.size();
        auto digits = [&](size_t e) {
            while (e < n && (std::isdigit(static_cast<unsigned char>(s_[e])) ||
                             (s_[e] == '_' && e + 1 < n && std::isdigit(static_cast<unsigned char>(s_[e + 1])))))
                ++e;
            return e;
        };
        size_t e = digits(k);
        bool is_float = false;
        if (e + 1 < n && s_[e] == '.' && std::isdigit(static_cast<unsigned char>(s_[e + 1]))) {
            e = digits(e + 1);
            is_float = true;
        }
        if (e < n && (s_[e] == 'e' || s_[e] == 'E')) {
            size_t x = e + 1;
            if (x < n && (s_[x] == '+' || s_[x] == '-')) ++x;
            if (x < n && std::isdigit(static_cast<unsigned char>(s_[x]))) {
                e = digits(x);
                is_float = true;
            }
        }
        std::string text;
        for (size_t j = k; j < e; ++j)
            if (s_[j] != '_') text += s_[j];
        push(is_float ? Tok::Float : Tok::Integer, text, k);
        return e;
    }

    std::string s_;
    const std::string& file_;
    const LexOptions& opt_;
    std::vector<size_t> line_starts_;
    std::vector<Token> out_;
};

}  // namespace

std::vector<Token> tokenize(std::string_view source, const std::string& file, const LexOptions& options) {
    return Lexer(source, file, options).run();
}

std::string describe(const Token& t) {
    switch (t.type) {
        case Tok::Data: return "template data";
        case Tok::VarBegin: return "begin of print statement";
        case Tok::VarEnd: return "end of print statement";
        case Tok::BlockBegin: return "begin of statement block";
        case Tok::BlockEnd: return "end of statement block";
        case Tok::Eof: return "end of template";
        case Tok::String: return "string";
        case Tok::Integer: return "integer";
        case Tok::Float: return "float";
        default: return "'" + t.text + "'";
    }
}

}  // namespace eventgen::jinja
