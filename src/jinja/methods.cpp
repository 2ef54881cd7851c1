// Methods of built-in types ("a b".split(), list.append(x), d.items()) and Python's
// %-formatting and str.format().
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "jinja/builtins.h"
#include "jinja/interp.h"
#include "jinja/text.h"

namespace eventgen::jinja {

namespace {

[[noreturn]] void no_method(const Value& self, std::string_view name) {
    throw RuntimeFault{std::string("'") + type_name(self) + "' object has no attribute '" + std::string(name) + "'"};
}

const Value& need(CallArgs& a, size_t i, std::string_view method) {
    if (i >= a.pos.size()) throw RuntimeFault{std::string(method) + "() is missing an argument"};
    return a.pos[i];
}

// One %-conversion or {}-field's number/str formatting.
struct Spec {
    char fill = ' ', align = 0, sign = '-';
    bool alt = false, zero = false;
    int width = -1, precision = -1;
    char type = 0;
};

std::string pad(const std::string& body, const Spec& s, char default_align) {
    int64_t len = static_cast<int64_t>(utf8_length(body));
    if (s.width < 0 || len >= s.width) return body;
    size_t n = static_cast<size_t>(s.width - len);
    char align = s.align ? s.align : default_align;
    if (align == '<') return body + std::string(n, s.fill);
    if (align == '^') return std::string(n / 2, s.fill) + body + std::string(n - n / 2, s.fill);
    if (align == '=') {
        size_t signlen = (!body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' ')) ? 1 : 0;
        return body.substr(0, signlen) + std::string(n, s.fill) + body.substr(signlen);
    }
    return std::string(n, s.fill) + body;
}

std::string format_number(const Value& v, const Spec& s, char type) {
    char fmt[32];
    char buf[512];
    std::string flags;
    if (s.sign == '+') flags += '+';
    else if (s.sign == ' ') flags += ' ';
    if (s.alt) flags += '#';
    if (type == 'd' || type == 'i' || type == 'u' || type == 'x' || type == 'X' || type == 'o') {
        int64_t x;
        if (v.kind == Kind::Float) x = static_cast<int64_t>(std::trunc(v.f));
        else if (v.is_int()) x = v.as_int();
        else throw RuntimeFault{std::string("%") + type + " format: a number is required, not " + type_name(v)};
        char t = type == 'i' || type == 'u' ? 'd' : type;
        std::snprintf(fmt, sizeof fmt, "%%%sll%c", flags.c_str(), t);
        std::snprintf(buf, sizeof buf, fmt, static_cast<long long>(x));
        std::string r = buf;
        if (s.alt && type == 'o' && x != 0) {  // Python writes 0o17
            size_t z = r.find('0');
            if (z != std::string::npos) r.insert(z + 1, "o");
        }
        return r;
    }
    double d;
    if (!to_float(v, d) || v.is_str()) throw RuntimeFault{std::string("must be real number, not ") + type_name(v)};
    int prec = s.precision < 0 ? 6 : s.precision;
    std::snprintf(fmt, sizeof fmt, "%%%s.%d%c", flags.c_str(), prec, type);
    std::snprintf(buf, sizeof buf, fmt, d);
    return buf;
}

}  // namespace

std::string percent_format(const std::string& fmt, const Value& args) {
    std::vector<Value> list;
    bool keyed = args.kind == Kind::Dict;
    if (args.kind == Kind::Tuple) list = args.items();
    else list.push_back(args);
    size_t next = 0;
    std::string out;
    for (size_t k = 0; k < fmt.size(); ++k) {
        char c = fmt[k];
        if (c != '%') {
            out += c;
            continue;
        }
        if (++k >= fmt.size()) throw RuntimeFault{"incomplete format"};
        if (fmt[k] == '%') {
            out += '%';
            continue;
        }
        const Value* v = nullptr;
        if (fmt[k] == '(') {
            size_t close = fmt.find(')', k);
            if (close == std::string::npos) throw RuntimeFault{"incomplete format key"};
            if (!keyed) throw RuntimeFault{"format requires a mapping"};
            v = dict_find_str(args, fmt.substr(k + 1, close - k - 1));
            if (!v) throw RuntimeFault{"'" + fmt.substr(k + 1, close - k - 1) + "'"};
            k = close + 1;
        }
        Spec s;
        for (; k < fmt.size(); ++k) {
            char f = fmt[k];
            if (f == '-') s.align = '<';
            else if (f == '+') s.sign = '+';
            else if (f == ' ') { if (s.sign != '+') s.sign = ' '; }
            else if (f == '#') s.alt = true;
            else if (f == '0') s.zero = true;
            else break;
        }
        auto number = [&](int& target) {
            if (k < fmt.size() && fmt[k] == '*') {
                if (next >= list.size()) throw RuntimeFault{"not enough arguments for format string"};
                target = static_cast<int>(list[next++].as_int());
                ++k;
                return;
            }
            int x = -1;
            while (k < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[k]))) x = (x < 0 ? 0 : x * 10) + (fmt[k++] - '0');
            target = x;
        };
        number(s.width);
        if (k < fmt.size() && fmt[k] == '.') {
            ++k;
            number(s.precision);
            if (s.precision < 0) s.precision = 0;
        }
        while (k < fmt.size() && (fmt[k] == 'l' || fmt[k] == 'h' || fmt[k] == 'L')) ++k;
        if (k >= fmt.size()) throw RuntimeFault{"incomplete format"};
        char type = fmt[k];
        if (!v) {
            if (keyed) v = &args;
            else {
                if (next >= list.size()) throw RuntimeFault{"not enough arguments for format string"};
                v = &list[next++];
            }
        }
        std::string body;
        switch (type) {
            case 's':
            case 'r':
            case 'a':
                body = type == 's' ? to_str(*v) : to_repr(*v);
                if (s.precision >= 0) {
                    auto chars = utf8_chars(body);
                    if (chars.size() > static_cast<size_t>(s.precision)) {
                        std::string cut;
                        for (int i = 0; i < s.precision; ++i) cut += chars[static_cast<size_t>(i)];
                        body = cut;
                    }
                }
                break;
            case 'c':
                if (v->is_str()) body = v->s();
                else body = std::string(1, static_cast<char>(v->as_int()));
                break;
            case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
            case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
                if (v->is_undefined()) undefined_error(*v);
                body = format_number(*v, s, type);
                if (s.zero && s.align != '<') {
                    s.fill = '0';
                    s.align = '=';
                }
                break;
            default: throw RuntimeFault{std::string("unsupported format character '") + type + "'"};
        }
        out += pad(body, s, s.align == '<' ? '<' : '>');
    }
    if (!keyed && next < list.size()) throw RuntimeFault{"not all arguments converted during string formatting"};
    return out;
}

namespace {

// str.format(): {} {0} {name} fields with [[fill]align][sign][#][0][width][,][.precision][type].
std::string brace_format(const std::string& fmt, CallArgs& a) {
    std::string out;
    size_t auto_index = 0;
    for (size_t k = 0; k < fmt.size(); ++k) {
        char c = fmt[k];
        if (c == '}' && k + 1 < fmt.size() && fmt[k + 1] == '}') {
            out += '}';
            ++k;
            continue;
        }
        if (c != '{') {
            out += c;
            continue;
        }
        if (k + 1 < fmt.size() && fmt[k + 1] == '{') {
            out += '{';
            ++k;
            continue;
        }
        size_t close = fmt.find('}', k);
        if (close == std::string::npos) throw RuntimeFault{"Single '{' encountered in format string"};
        std::string field = fmt.substr(k + 1, close - k - 1);
        k = close;
        std::string spec;
        size_t colon = field.find(':');
        if (colon != std::string::npos) {
            spec = field.substr(colon + 1);
            field = field.substr(0, colon);
        }
        char conv = 0;
        size_t bang = field.find('!');
        if (bang != std::string::npos) {
            conv = bang + 1 < field.size() ? field[bang + 1] : 0;
            field = field.substr(0, bang);
        }
        const Value* v = nullptr;
        if (field.empty()) {
            if (auto_index >= a.pos.size()) throw RuntimeFault{"Replacement index out of range"};
            v = &a.pos[auto_index++];
        } else if (std::all_of(field.begin(), field.end(), ::isdigit)) {
            size_t i = std::stoul(field);
            if (i >= a.pos.size()) throw RuntimeFault{"Replacement index out of range"};
            v = &a.pos[i];
        } else {
            for (auto& [n, x] : a.kw)
                if (n == field) v = &x;
            if (!v) throw RuntimeFault{"'" + field + "'"};
        }
        Value val = conv == 'r' ? Value::str(to_repr(*v)) : conv == 's' ? Value::str(to_str(*v)) : *v;
        Spec s;
        size_t p = 0;
        auto is_align = [](char x) { return x == '<' || x == '>' || x == '^' || x == '='; };
        if (spec.size() >= 2 && is_align(spec[1])) {
            s.fill = spec[0];
            s.align = spec[1];
            p = 2;
        } else if (!spec.empty() && is_align(spec[0])) {
            s.align = spec[0];
            p = 1;
        }
        if (p < spec.size() && (spec[p] == '+' || spec[p] == '-' || spec[p] == ' ')) s.sign = spec[p++];
        if (p < spec.size() && spec[p] == '#') {
            s.alt = true;
            ++p;
        }
        if (p < spec.size() && spec[p] == '0') {
            s.zero = true;
            ++p;
        }
        int w = -1;
        while (p < spec.size() && std::isdigit(static_cast<unsigned char>(spec[p]))) w = (w < 0 ? 0 : w * 10) + (spec[p++] - '0');
        s.width = w;
        if (p < spec.size() && spec[p] == ',') ++p;
        if (p < spec.size() && spec[p] == '.') {
            ++p;
            int pr = 0;
            while (p < spec.size() && std::isdigit(static_cast<unsigned char>(spec[p]))) pr = pr * 10 + (spec[p++] - '0');
            s.precision = pr;
        }
        if (p < spec.size()) s.type = spec[p];
        std::string body;
        bool numeric = val.is_number();
        if (s.type == 's' || (!s.type && !numeric)) {
            body = to_str(val);
            if (s.precision >= 0 && body.size() > static_cast<size_t>(s.precision)) body = body.substr(0, static_cast<size_t>(s.precision));
            out += pad(body, s, '<');
            continue;
        }
        char type = s.type;
        if (!type) type = val.kind == Kind::Float ? (s.precision >= 0 ? 'g' : 0) : 'd';
        if (!type) body = to_str(val);
        else if (type == '%') {
            Spec t = s;
            body = format_number(Value::real(val.as_float() * 100), t, 'f') + "%";
        } else if (type == 'n') body = format_number(val, s, val.kind == Kind::Float ? 'g' : 'd');
        else body = format_number(val, s, type == 'b' ? 'd' : type);
        if (s.zero && !s.align) {
            s.fill = '0';
            s.align = '=';
        }
        out += pad(body, s, '>');
    }
    return out;
}

Value str_method(const Value& self, std::string_view name, CallArgs& a);

// markupsafe's Markup: these methods escape their text arguments and return Markup.
Value markup_method(const Value& self, std::string_view name, CallArgs& a) {
    static const std::set<std::string_view> wrapped = {"capitalize", "title", "lower", "upper", "replace", "ljust",
                                                       "rjust", "lstrip", "rstrip", "center", "strip", "swapcase",
                                                       "zfill", "expandtabs"};
    Value plain = Value::str(self.s());
    if (!wrapped.count(name)) return str_method(plain, name, a);
    CallArgs escaped = a;
    for (auto& v : escaped.pos)
        if (v.is_str()) v = escape_value(v);
    Value r = str_method(plain, name, escaped);
    return r.is_str() ? Value::markup(r.s()) : r;
}

Value str_method(const Value& self, std::string_view name, CallArgs& a) {
    if (self.is_markup()) return markup_method(self, name, a);
    const std::string& s = self.s();
    auto opt_str = [&](size_t i) -> const Value* {
        return i < a.pos.size() && a.pos[i].kind != Kind::None ? &a.pos[i] : nullptr;
    };
    if (name == "upper") return Value::str(upper(s));
    if (name == "lower") return Value::str(lower(s));
    if (name == "title") return Value::str(py_title(s));
    if (name == "capitalize") return Value::str(capitalize(s));
    if (name == "swapcase") {
        std::string r = s;
        for (auto& c : r) c = static_cast<char>(std::isupper(static_cast<unsigned char>(c)) ? std::tolower(static_cast<unsigned char>(c)) : std::toupper(static_cast<unsigned char>(c)));
        return Value::str(r);
    }
    if (name == "strip" || name == "lstrip" || name == "rstrip") {
        bool l = name != "rstrip", r = name != "lstrip";
        if (const Value* c = opt_str(0)) return Value::str(strip_chars(s, to_str(*c), l, r));
        return Value::str(l && r ? strip(s) : l ? lstrip(s) : rstrip(s));
    }
    if (name == "split" || name == "rsplit") {
        const Value* sep = opt_str(0);
        if (!sep)
            for (auto& [k, v] : a.kw)
                if (k == "sep" && v.kind != Kind::None) sep = &v;
        int64_t maxsplit = a.pos.size() > 1 ? a.pos[1].as_int() : -1;
        std::vector<std::string> parts;
        if (!sep) {
            parts = split_ws(s);
            if (maxsplit >= 0 && static_cast<int64_t>(parts.size()) > maxsplit + 1) {
                // Rejoin the tail: Python keeps the rest of the text as the last part.
                std::vector<std::string> head(parts.begin(), parts.begin() + maxsplit);
                size_t pos = 0;
                for (auto& h : head) pos = s.find(h, pos) + h.size();
                head.push_back(lstrip(s.substr(pos)));
                parts = head;
            }
        } else {
            if (to_str(*sep).empty()) throw RuntimeFault{"empty separator"};
            parts = split_on(s, to_str(*sep), name == "split" ? maxsplit : -1);
        }
        std::vector<Value> out;
        for (auto& p : parts) out.push_back(Value::str(p));
        return Value::list(std::move(out));
    }
    if (name == "splitlines") {
        std::vector<Value> out;
        for (auto& p : split_lines(s)) out.push_back(Value::str(p));
        return Value::list(std::move(out));
    }
    if (name == "startswith" || name == "endswith") {
        const Value& p = need(a, 0, name);
        std::vector<Value> options;
        if (p.kind == Kind::Tuple) options = p.items();
        else options.push_back(p);
        for (auto& o : options) {
            std::string x = to_str(o);
            if (name == "startswith" ? s.compare(0, x.size(), x) == 0
                                     : s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0)
                return Value::boolean(true);
        }
        return Value::boolean(false);
    }
    if (name == "replace") {
        int64_t count = a.pos.size() > 2 ? a.pos[2].as_int() : -1;
        return Value::str(py_replace(s, to_str(need(a, 0, name)), to_str(need(a, 1, name)), count));
    }
    if (name == "join") {
        std::vector<Value> items;
        to_list(need(a, 0, name), items);
        std::string out;
        for (size_t k = 0; k < items.size(); ++k) {
            if (!items[k].is_str())
                throw RuntimeFault{"sequence item " + std::to_string(k) + ": expected str instance, " + type_name(items[k]) + " found"};
            if (k) out += s;
            out += items[k].s();
        }
        return Value::str(std::move(out));
    }
    if (name == "format") return Value::str(brace_format(s, a));
    if (name == "count") {
        std::string x = to_str(need(a, 0, name));
        if (x.empty()) return Value::integer(static_cast<int64_t>(utf8_length(s)) + 1);
        int64_t n = 0;
        for (size_t p = s.find(x); p != std::string::npos; p = s.find(x, p + x.size())) ++n;
        return Value::integer(n);
    }
    if (name == "find" || name == "index" || name == "rfind") {
        std::string x = to_str(need(a, 0, name));
        size_t p = name == "rfind" ? s.rfind(x) : s.find(x);
        if (p == std::string::npos) {
            if (name == "index") throw RuntimeFault{"substring not found"};
            return Value::integer(-1);
        }
        return Value::integer(static_cast<int64_t>(utf8_length(s.substr(0, p))));
    }
    auto all = [&](int (*pred)(int)) {
        if (s.empty()) return Value::boolean(false);
        for (unsigned char c : s)
            if (!pred(c)) return Value::boolean(false);
        return Value::boolean(true);
    };
    if (name == "isdigit" || name == "isnumeric" || name == "isdecimal") return all(::isdigit);
    if (name == "isalpha") return all(::isalpha);
    if (name == "isalnum") return all(::isalnum);
    if (name == "isspace") return all(::isspace);
    if (name == "islower") return Value::boolean(lower(s) == s && upper(s) != s);
    if (name == "isupper") return Value::boolean(upper(s) == s && lower(s) != s);
    if (name == "zfill") {
        int64_t w = need(a, 0, name).as_int();
        int64_t len = static_cast<int64_t>(utf8_length(s));
        if (len >= w) return self;
        size_t signlen = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
        return Value::str(s.substr(0, signlen) + std::string(static_cast<size_t>(w - len), '0') + s.substr(signlen));
    }
    if (name == "center" || name == "ljust" || name == "rjust") {
        int64_t w = need(a, 0, name).as_int();
        std::string fill = a.pos.size() > 1 ? to_str(a.pos[1]) : " ";
        int64_t len = static_cast<int64_t>(utf8_length(s));
        if (len >= w) return self;
        size_t n = static_cast<size_t>(w - len);
        auto rep = [&](size_t k) {
            std::string r;
            for (size_t i = 0; i < k; ++i) r += fill;
            return r;
        };
        if (name == "ljust") return Value::str(s + rep(n));
        if (name == "rjust") return Value::str(rep(n) + s);
        size_t left = n / 2 + (n & static_cast<size_t>(w) & 1);
        return Value::str(rep(left) + s + rep(n - left));
    }
    no_method(self, name);
}

Value list_method(const Value& self, std::string_view name, CallArgs& a) {
    auto& items = self.items();
    bool is_list = self.kind == Kind::List;
    if (name == "count") {
        int64_t n = 0;
        for (auto& v : items) n += equals(v, need(a, 0, name));
        return Value::integer(n);
    }
    if (name == "index") {
        for (size_t k = 0; k < items.size(); ++k)
            if (equals(items[k], need(a, 0, name))) return Value::integer(static_cast<int64_t>(k));
        throw RuntimeFault{to_repr(need(a, 0, name)) + " is not in list"};
    }
    if (!is_list) no_method(self, name);
    if (name == "append") {
        items.push_back(need(a, 0, name));
        return Value::none();
    }
    if (name == "extend") {
        std::vector<Value> more;
        to_list(need(a, 0, name), more);
        items.insert(items.end(), more.begin(), more.end());
        return Value::none();
    }
    if (name == "insert") {
        int64_t i = need(a, 0, name).as_int();
        int64_t n = static_cast<int64_t>(items.size());
        if (i < 0) i = std::max<int64_t>(0, i + n);
        i = std::min(i, n);
        items.insert(items.begin() + i, need(a, 1, name));
        return Value::none();
    }
    if (name == "pop") {
        if (items.empty()) throw RuntimeFault{"pop from empty list"};
        int64_t n = static_cast<int64_t>(items.size());
        int64_t i = a.pos.empty() ? n - 1 : a.pos[0].as_int();
        if (i < 0) i += n;
        if (i < 0 || i >= n) throw RuntimeFault{"pop index out of range"};
        Value v = items[static_cast<size_t>(i)];
        items.erase(items.begin() + i);
        return v;
    }
    if (name == "remove") {
        for (size_t k = 0; k < items.size(); ++k)
            if (equals(items[k], need(a, 0, name))) {
                items.erase(items.begin() + static_cast<long>(k));
                return Value::none();
            }
        throw RuntimeFault{"list.remove(x): x not in list"};
    }
    if (name == "reverse") {
        std::reverse(items.begin(), items.end());
        return Value::none();
    }
    if (name == "sort") {
        bool reverse = false;
        for (auto& [k, v] : a.kw)
            if (k == "reverse") reverse = truthy(v);
        std::stable_sort(items.begin(), items.end(), [&](const Value& x, const Value& y) { return reverse ? less(y, x) : less(x, y); });
        return Value::none();
    }
    if (name == "copy") return Value::list(items);
    if (name == "clear") {
        items.clear();
        return Value::none();
    }
    no_method(self, name);
}

Value dict_method(const Value& self, std::string_view name, CallArgs& a) {
    auto& items = self.dict_items();
    if (name == "get") {
        const Value* v = dict_find(self, need(a, 0, name));
        return v ? *v : a.pos.size() > 1 ? a.pos[1] : Value::none();
    }
    if (name == "keys" || name == "values" || name == "items") {
        std::vector<Value> out;
        for (auto& [k, v] : items)
            out.push_back(name == "keys" ? k : name == "values" ? v : Value::tuple({k, v}));
        return Value::list(std::move(out));
    }
    if (name == "update") {
        for (auto& p : a.pos)
            if (p.kind == Kind::Dict)
                for (auto& [k, v] : p.dict_items()) dict_set(self, k, v);
        for (auto& [k, v] : a.kw) dict_set(self, Value::str(k), v);
        return Value::none();
    }
    if (name == "pop") {
        const Value& key = need(a, 0, name);
        for (size_t k = 0; k < items.size(); ++k)
            if (equals(items[k].first, key)) {
                Value v = items[k].second;
                items.erase(items.begin() + static_cast<long>(k));
                return v;
            }
        if (a.pos.size() > 1) return a.pos[1];
        throw RuntimeFault{to_repr(key)};
    }
    if (name == "setdefault") {
        const Value& key = need(a, 0, name);
        if (const Value* v = dict_find(self, key)) return *v;
        Value d = a.pos.size() > 1 ? a.pos[1] : Value::none();
        dict_set(self, key, d);
        return d;
    }
    if (name == "copy") {
        Value d = Value::dict();
        d.dict_items() = items;
        return d;
    }
    if (name == "clear") {
        items.clear();
        return Value::none();
    }
    no_method(self, name);
}

}  // namespace

Value call_method(Interp&, const Value& self, std::string_view name, CallArgs& args) {
    switch (self.kind) {
        case Kind::Str: return str_method(self, name, args);
        case Kind::List:
        case Kind::Tuple: return list_method(self, name, args);
        case Kind::Dict: return dict_method(self, name, args);
        case Kind::Range:
            if (name == "count" || name == "index") {
                std::vector<Value> items;
                to_list(self, items);
                return list_method(Value::tuple(std::move(items)), name, args);
            }
            break;
        case Kind::Undefined: undefined_error(self);
        default: break;
    }
    no_method(self, name);
}

}  // namespace eventgen::jinja
