#include "jinja/value.h"

#include "jinja/text.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace eventgen::jinja {

int64_t RangeObj::size() const {
    if (step > 0) return start < stop ? (stop - start + step - 1) / step : 0;
    return start > stop ? (start - stop - step - 1) / (-step) : 0;
}

const Value* CallArgs::get(size_t index, std::string_view name) const {
    if (index < pos.size()) return &pos[index];
    for (auto& [k, v] : kw)
        if (k == name) return &v;
    return nullptr;
}

Value Special::call(Interp&, CallArgs&) { throw RuntimeFault{std::string("'") + type_name() + "' object is not callable"}; }
Value Special::getattr(std::string_view name, Interp&) { return Value::undefined(std::string(name)); }
bool Special::setattr(std::string_view, const Value&) { return false; }
void Special::str(std::string& out) const {
    out += "<";
    out += type_name();
    out += " object>";
}

Value Value::markup(std::string s) {
    Value v;
    v.kind = Kind::Str;
    v.obj = std::make_shared<StrObj>(std::move(s), true);
    return v;
}

Value escape_value(const Value& v) { return v.is_markup() ? v : Value::markup(html_escape(to_str(v))); }

void append_escaped(const Value& v, std::string& out) {
    if (v.is_markup()) out += v.s();
    else out += html_escape(to_str(v));
}

Value markup_escape_args(const Value& b) {
    auto one = [](const Value& x) { return x.is_number() || x.kind == Kind::None ? x : escape_value(x); };
    if (b.kind == Kind::Tuple) {
        std::vector<Value> items;
        for (const auto& x : b.items()) items.push_back(one(x));
        return Value::tuple(std::move(items));
    }
    if (b.kind == Kind::Dict) {
        Value d = Value::dict();
        for (const auto& [k, x] : b.dict_items()) d.dict_items().emplace_back(k, one(x));
        return d;
    }
    return one(b);
}

Value Value::str(std::string s) {
    Value v;
    v.kind = Kind::Str;
    v.obj = std::make_shared<StrObj>(std::move(s));
    return v;
}
Value Value::undefined(std::string name) {
    Value v;
    if (!name.empty()) v.obj = std::make_shared<StrObj>(std::move(name));
    return v;
}
Value Value::list(std::vector<Value> items) {
    Value v;
    v.kind = Kind::List;
    auto o = std::make_shared<ListObj>();
    o->items = std::move(items);
    v.obj = std::move(o);
    return v;
}
Value Value::tuple(std::vector<Value> items) {
    Value v = list(std::move(items));
    v.kind = Kind::Tuple;
    return v;
}
Value Value::dict() {
    Value v;
    v.kind = Kind::Dict;
    v.obj = std::make_shared<DictObj>();
    return v;
}
Value Value::range(int64_t start, int64_t stop, int64_t step) {
    Value v;
    v.kind = Kind::Range;
    auto o = std::make_shared<RangeObj>();
    o->start = start;
    o->stop = stop;
    o->step = step;
    v.obj = std::move(o);
    return v;
}
Value Value::object(std::shared_ptr<Special> o) {
    Value v;
    v.kind = Kind::Object;
    v.obj = std::move(o);
    return v;
}

bool truthy(const Value& v) {
    switch (v.kind) {
        case Kind::Undefined:
        case Kind::None: return false;
        case Kind::Bool: return v.b;
        case Kind::Int: return v.i != 0;
        case Kind::Float: return v.f != 0.0;
        case Kind::Str: return !v.s().empty();
        case Kind::List:
        case Kind::Tuple: return !v.items().empty();
        case Kind::Dict: return !v.dict_items().empty();
        case Kind::Range: return v.range_obj().size() > 0;
        case Kind::Object: return true;
    }
    return false;
}

void append_float(double d, std::string& out) {
    if (std::isnan(d)) {
        out += "nan";
        return;
    }
    if (std::isinf(d)) {
        out += d < 0 ? "-inf" : "inf";
        return;
    }
    if (d == 0) {
        out += std::signbit(d) ? "-0.0" : "0.0";
        return;
    }
    // Shortest round-trip digits, laid out as Python's repr does: fixed notation for
    // decimal exponents -4..15, scientific otherwise.
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string_view sci(buf, static_cast<size_t>(r.ptr - buf));
    bool neg = sci[0] == '-';
    if (neg) sci.remove_prefix(1);
    size_t e = sci.find('e');
    std::string digits;
    for (char c : sci.substr(0, e))
        if (c != '.') digits += c;
    int exp = std::atoi(std::string(sci.substr(e + 1)).c_str());
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    if (neg) out += '-';
    if (exp >= -4 && exp < 16) {
        if (exp < 0) {
            out += "0.";
            out.append(static_cast<size_t>(-exp - 1), '0');
            out += digits;
        } else if (static_cast<int>(digits.size()) <= exp + 1) {
            out += digits;
            out.append(static_cast<size_t>(exp + 1 - static_cast<int>(digits.size())), '0');
            out += ".0";
        } else {
            out.append(digits, 0, static_cast<size_t>(exp + 1));
            out += '.';
            out.append(digits, static_cast<size_t>(exp + 1));
        }
        return;
    }
    out += digits[0];
    if (digits.size() > 1) {
        out += '.';
        out.append(digits, 1);
    }
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
    out += eb;
}

namespace {

void append_str_repr(const std::string& s, std::string& out) {
    bool has_single = s.find('\'') != std::string::npos;
    bool has_double = s.find('"') != std::string::npos;
    char q = has_single && !has_double ? '"' : '\'';
    out += q;
    for (unsigned char c : s) {
        if (c == static_cast<unsigned char>(q) || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (c < 0x20 || c == 0x7f) {
            char b[8];
            std::snprintf(b, sizeof b, "\\x%02x", c);
            out += b;
        } else out += static_cast<char>(c);
    }
    out += q;
}

}  // namespace

void append_repr(const Value& v, std::string& out) {
    switch (v.kind) {
        case Kind::Str: append_str_repr(v.s(), out); return;
        case Kind::List:
        case Kind::Tuple: {
            bool tuple = v.kind == Kind::Tuple;
            out += tuple ? '(' : '[';
            auto& items = v.items();
            for (size_t k = 0; k < items.size(); ++k) {
                if (k) out += ", ";
                append_repr(items[k], out);
            }
            if (tuple && items.size() == 1) out += ',';
            out += tuple ? ')' : ']';
            return;
        }
        case Kind::Dict: {
            out += '{';
            bool first = true;
            for (auto& [k, val] : v.dict_items()) {
                if (!first) out += ", ";
                first = false;
                append_repr(k, out);
                out += ": ";
                append_repr(val, out);
            }
            out += '}';
            return;
        }
        case Kind::Undefined: return;
        default: append_str(v, out);
    }
}

void append_str(const Value& v, std::string& out) {
    switch (v.kind) {
        case Kind::Undefined: return;
        case Kind::None: out += "None"; return;
        case Kind::Bool: out += v.b ? "True" : "False"; return;
        case Kind::Int: {
            char buf[24];
            auto r = std::to_chars(buf, buf + sizeof buf, v.i);
            out.append(buf, static_cast<size_t>(r.ptr - buf));
            return;
        }
        case Kind::Float: append_float(v.f, out); return;
        case Kind::Str: out += v.s(); return;
        case Kind::Range: {
            auto& r = v.range_obj();
            out += "range(" + std::to_string(r.start) + ", " + std::to_string(r.stop);
            if (r.step != 1) out += ", " + std::to_string(r.step);
            out += ')';
            return;
        }
        case Kind::Object: v.special()->str(out); return;
        default: append_repr(v, out);
    }
}

std::string to_str(const Value& v) {
    std::string s;
    append_str(v, s);
    return s;
}
std::string to_repr(const Value& v) {
    std::string s;
    append_repr(v, s);
    return s;
}

const char* type_name(const Value& v) {
    switch (v.kind) {
        case Kind::Undefined: return "Undefined";
        case Kind::None: return "NoneType";
        case Kind::Bool: return "bool";
        case Kind::Int: return "int";
        case Kind::Float: return "float";
        case Kind::Str: return "str";
        case Kind::List: return "list";
        case Kind::Tuple: return "tuple";
        case Kind::Dict: return "dict";
        case Kind::Range: return "range";
        case Kind::Object: return v.special()->type_name();
    }
    return "object";
}

bool equals(const Value& a, const Value& b) {
    if (a.is_number() && b.is_number()) {
        if (a.kind == Kind::Float || b.kind == Kind::Float) return a.as_float() == b.as_float();
        return a.as_int() == b.as_int();
    }
    if (a.kind == Kind::Range || b.kind == Kind::Range) {
        if (a.kind != b.kind) return false;
        std::vector<Value> x, y;
        to_list(a, x);
        to_list(b, y);
        return equals(Value::list(std::move(x)), Value::list(std::move(y)));
    }
    if (a.kind != b.kind) return false;
    switch (a.kind) {
        case Kind::Undefined:
        case Kind::None: return true;
        case Kind::Str: return a.s() == b.s();
        case Kind::List:
        case Kind::Tuple: {
            auto &x = a.items(), &y = b.items();
            if (x.size() != y.size()) return false;
            for (size_t k = 0; k < x.size(); ++k)
                if (!equals(x[k], y[k])) return false;
            return true;
        }
        case Kind::Dict: {
            auto &x = a.dict_items(), &y = b.dict_items();
            if (x.size() != y.size()) return false;
            for (auto& [k, v] : x) {
                const Value* o = dict_find(b, k);
                if (!o || !equals(v, *o)) return false;
            }
            return true;
        }
        default: return a.obj == b.obj;
    }
}

bool less(const Value& a, const Value& b) {
    if (a.is_number() && b.is_number()) {
        if (a.kind == Kind::Float || b.kind == Kind::Float) return a.as_float() < b.as_float();
        return a.as_int() < b.as_int();
    }
    if (a.kind == Kind::Str && b.kind == Kind::Str) return a.s() < b.s();
    if (a.is_seq() && a.kind == b.kind) {
        auto &x = a.items(), &y = b.items();
        for (size_t k = 0; k < x.size() && k < y.size(); ++k) {
            if (!equals(x[k], y[k])) return less(x[k], y[k]);
        }
        return x.size() < y.size();
    }
    throw RuntimeFault{std::string("'<' not supported between instances of '") + type_name(a) + "' and '" +
                       type_name(b) + "'"};
}

const Value* dict_find(const Value& d, const Value& key) {
    for (auto& [k, v] : d.dict_items())
        if (equals(k, key)) return &v;
    return nullptr;
}
const Value* dict_find_str(const Value& d, std::string_view key) {
    for (auto& [k, v] : d.dict_items())
        if (k.kind == Kind::Str && k.s() == key) return &v;
    return nullptr;
}
void dict_set(const Value& d, Value key, Value value) {
    for (auto& [k, v] : d.dict_items())
        if (equals(k, key)) {
            v = std::move(value);
            return;
        }
    d.dict_items().emplace_back(std::move(key), std::move(value));
}

bool to_list(const Value& v, std::vector<Value>& out) {
    switch (v.kind) {
        case Kind::List:
        case Kind::Tuple: out.insert(out.end(), v.items().begin(), v.items().end()); return true;
        case Kind::Dict:
            for (auto& kv : v.dict_items()) out.push_back(kv.first);
            return true;
        case Kind::Range: {
            auto& r = v.range_obj();
            int64_t n = r.size();
            if (n > 50000000) throw RuntimeFault{"range of " + std::to_string(n) + " items is too large to make a list"};
            out.reserve(out.size() + static_cast<size_t>(n));
            for (int64_t k = 0; k < n; ++k) out.push_back(Value::integer(r.at(k)));
            return true;
        }
        case Kind::Str:
            for (auto c : utf8_chars(v.s())) out.push_back(Value::str(std::string(c)));
            return true;
        case Kind::Undefined: return true;  // Jinja2's Undefined iterates as empty
        default: return false;
    }
}

int64_t length(const Value& v) {
    switch (v.kind) {
        case Kind::List:
        case Kind::Tuple: return static_cast<int64_t>(v.items().size());
        case Kind::Dict: return static_cast<int64_t>(v.dict_items().size());
        case Kind::Range: return v.range_obj().size();
        case Kind::Str: return static_cast<int64_t>(utf8_length(v.s()));
        case Kind::Undefined: return 0;
        default: return -1;
    }
}

size_t utf8_length(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

std::vector<std::string_view> utf8_chars(std::string_view s) {
    std::vector<std::string_view> out;
    out.reserve(s.size());
    size_t k = 0;
    while (k < s.size()) {
        size_t len = 1;
        while (k + len < s.size() && (static_cast<unsigned char>(s[k + len]) & 0xC0) == 0x80) ++len;
        out.push_back(s.substr(k, len));
        k += len;
    }
    return out;
}

}  // namespace eventgen::jinja
