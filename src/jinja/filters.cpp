// Jinja2's built-in filters, with its argument names, defaults and quirks.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unordered_map>

#include "jinja/builtins.h"
#include "jinja/environment.h"
#include "jinja/interp.h"
#include "jinja/text.h"

namespace eventgen::jinja {

namespace {

const Value* arg(CallArgs& a, size_t i, std::string_view name) { return a.get(i, name); }
bool flag(CallArgs& a, size_t i, std::string_view name, bool def) {
    const Value* v = arg(a, i, name);
    return v ? truthy(*v) : def;
}
int64_t int_arg(CallArgs& a, size_t i, std::string_view name, int64_t def) {
    const Value* v = arg(a, i, name);
    if (!v || v->kind == Kind::None) return def;
    int64_t r;
    if (!v->is_number() || !to_int(*v, r)) throw RuntimeFault{std::string("'") + std::string(name) + "' must be an integer"};
    return r;
}
std::string str_arg(CallArgs& a, size_t i, std::string_view name, const std::string& def) {
    const Value* v = arg(a, i, name);
    return v ? to_str(*v) : def;
}

std::vector<Value> seq_of(const Value& v) {
    std::vector<Value> items;
    if (!to_list(v, items)) throw RuntimeFault{std::string("'") + type_name(v) + "' object is not iterable"};
    return items;
}

// Jinja2's attribute getter: "a.b.0" walks attributes/items.
Value attr_path(Interp& in, const Value& v, const std::string& path) {
    Value cur = v;
    size_t start = 0;
    while (start <= path.size()) {
        size_t dot = path.find('.', start);
        std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        int64_t idx;
        bool numeric = !part.empty() && std::all_of(part.begin(), part.end(), ::isdigit) && to_int(Value::str(part), idx);
        cur = numeric ? get_item(in, cur, Value::integer(idx)) : get_item(in, cur, Value::str(part));
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return cur;
}

// Sort key: lower-cased strings unless case-sensitive.
Value sort_key(Interp& in, const Value& v, bool case_sensitive, const Value* attribute) {
    Value k = attribute && attribute->kind != Kind::None ? attr_path(in, v, to_str(*attribute)) : v;
    if (!case_sensitive && k.is_str()) return Value::str(lower(k.s()));
    return k;
}

Value f_random(Interp& in, Value& v, CallArgs&) {
    if (v.kind == Kind::Range) {
        auto& r = v.range_obj();
        int64_t n = r.size();
        if (n == 0) throw RuntimeFault{"Cannot choose from an empty sequence"};
        return Value::integer(r.at(static_cast<int64_t>(in.rng.below(static_cast<uint64_t>(n)))));
    }
    if (v.is_seq()) {
        auto& items = v.items();
        if (items.empty()) throw RuntimeFault{"Cannot choose from an empty sequence"};
        return items[in.rng.below(items.size())];
    }
    if (v.is_str()) {
        auto chars = utf8_chars(v.s());
        if (chars.empty()) throw RuntimeFault{"Cannot choose from an empty sequence"};
        return Value::str(std::string(chars[in.rng.below(chars.size())]));
    }
    if (v.is_undefined()) undefined_error(v);
    std::vector<Value> items = seq_of(v);
    if (items.empty()) throw RuntimeFault{"Cannot choose from an empty sequence"};
    return items[in.rng.below(items.size())];
}

Value f_int(Interp&, Value& v, CallArgs& a) {
    const Value* def = arg(a, 0, "default");
    int64_t base = int_arg(a, 1, "base", 10);
    if (v.is_undefined()) undefined_error(v);
    int64_t r;
    if (v.is_str() && base != 10) {
        std::string s = strip(v.s());
        std::string low = lower(s);
        if ((base == 16 && low.rfind("0x", 0) == 0) || (base == 8 && low.rfind("0o", 0) == 0) ||
            (base == 2 && low.rfind("0b", 0) == 0))
            s = s.substr(2);
        char* end = nullptr;
        long long x = std::strtoll(s.c_str(), &end, static_cast<int>(base));
        if (!s.empty() && end && *end == 0) return Value::integer(x);
    } else if (v.kind != Kind::Float && to_int(v, r)) {
        return Value::integer(r);
    }
    double d;
    if (to_float(v, d) && std::isfinite(d)) return Value::integer(static_cast<int64_t>(std::trunc(d)));
    return def ? *def : Value::integer(0);
}

Value f_float(Interp&, Value& v, CallArgs& a) {
    if (v.is_undefined()) undefined_error(v);
    double d;
    if (to_float(v, d)) return Value::real(d);
    const Value* def = arg(a, 0, "default");
    return def ? *def : Value::real(0.0);
}

Value f_string(Interp&, Value& v, CallArgs&) { return v.is_markup() ? v : Value::str(to_str(v)); }

double py_round(double x, int64_t digits) {
    if (!std::isfinite(x)) return x;
    if (digits == 0) return std::nearbyint(x);
    if (digits > 0) {
        char buf[512];
        std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(std::min<int64_t>(digits, 300)), x);
        return std::strtod(buf, nullptr);
    }
    double p = std::pow(10.0, static_cast<double>(-digits));
    return std::nearbyint(x / p) * p;
}

Value f_round(Interp&, Value& v, CallArgs& a) {
    int64_t precision = int_arg(a, 0, "precision", 0);
    std::string method = str_arg(a, 1, "method", "common");
    if (method != "common" && method != "ceil" && method != "floor")
        throw RuntimeFault{"method must be common, ceil or floor"};
    if (!v.is_number()) {
        if (v.is_undefined()) undefined_error(v);
        throw RuntimeFault{std::string("type ") + type_name(v) + " doesn't define __round__ method"};
    }
    if (method == "common") {
        if (v.is_int() && precision >= 0) return Value::integer(v.as_int());
        return Value::real(py_round(v.as_float(), precision));
    }
    double p = std::pow(10.0, static_cast<double>(precision));
    double x = v.as_float() * p;
    double r = method == "ceil" ? std::ceil(x) : std::floor(x);
    return Value::real(r / p);
}

Value f_abs(Interp&, Value& v, CallArgs&) {
    if (v.kind == Kind::Float) return Value::real(std::fabs(v.f));
    if (v.is_int()) return Value::integer(std::llabs(v.as_int()));
    if (v.is_undefined()) undefined_error(v);
    throw RuntimeFault{std::string("bad operand type for abs(): '") + type_name(v) + "'"};
}

Value f_default(Interp&, Value& v, CallArgs& a) {
    const Value* def = arg(a, 0, "default_value");
    bool boolean = flag(a, 1, "boolean", false);
    if (v.is_undefined() || (boolean && !truthy(v))) return def ? *def : Value::str("");
    return v;
}

Value f_length(Interp&, Value& v, CallArgs&) {
    int64_t n = length(v);
    if (n < 0) throw RuntimeFault{std::string("object of type '") + type_name(v) + "' has no len()"};
    return Value::integer(n);
}

// Jinja2's filters work on soft_str(value): Markup in, Markup out.
Value like(const Value& v, std::string s) { return v.is_markup() ? Value::markup(std::move(s)) : Value::str(std::move(s)); }

Value f_lower(Interp&, Value& v, CallArgs&) { return like(v, lower(to_str(v))); }
Value f_upper(Interp&, Value& v, CallArgs&) { return like(v, upper(to_str(v))); }
Value f_title(Interp&, Value& v, CallArgs&) { return Value::str(jinja_title(to_str(v))); }  // a str join in Jinja2
Value f_capitalize(Interp&, Value& v, CallArgs&) { return like(v, capitalize(to_str(v))); }
Value f_trim(Interp&, Value& v, CallArgs& a) {
    const Value* chars = arg(a, 0, "chars");
    return like(v, chars && chars->kind != Kind::None ? strip_chars(to_str(v), to_str(*chars)) : strip(to_str(v)));
}

Value f_replace(Interp& in, Value& v, CallArgs& a) {
    const Value* old = arg(a, 0, "old");
    const Value* neu = arg(a, 1, "new");
    if (!old || !neu) throw RuntimeFault{"replace() takes the old and the new text"};
    int64_t count = int_arg(a, 2, "count", -1);
    if (!in.autoescape) return Value::str(py_replace(to_str(v), to_str(*old), to_str(*neu), count));
    // Under autoescaping, Jinja2 escapes the text when the replacement is Markup, and
    // Markup's replace escapes its arguments.
    Value s = (old->is_markup() || neu->is_markup()) && !v.is_markup() ? escape_value(v) : v;
    if (!s.is_markup()) return Value::str(py_replace(to_str(s), to_str(*old), to_str(*neu), count));
    return Value::markup(py_replace(s.s(), escape_value(*old).s(), escape_value(*neu).s(), count));
}

Value f_join(Interp& in, Value& v, CallArgs& a) {
    std::string sep = str_arg(a, 0, "d", "");
    const Value* attribute = arg(a, 1, "attribute");
    std::vector<Value> items;
    for (auto& item : seq_of(v))
        items.push_back(attribute && attribute->kind != Kind::None ? attr_path(in, item, to_str(*attribute)) : item);
    // Under autoescaping a Markup separator or item makes the result Markup, the rest escaped.
    const Value* d = arg(a, 0, "d");
    bool markup = in.autoescape && ((d && d->is_markup()) ||
                                    std::any_of(items.begin(), items.end(), [](const Value& x) { return x.is_markup(); }));
    if (markup) sep = d ? escape_value(*d).s() : std::string();
    std::string out;
    bool first = true;
    for (auto& item : items) {
        if (!first) out += sep;
        first = false;
        markup ? append_escaped(item, out) : append_str(item, out);
    }
    return markup ? Value::markup(std::move(out)) : Value::str(std::move(out));
}

Value f_first(Interp&, Value& v, CallArgs&) {
    if (v.kind == Kind::Range) {
        auto& r = v.range_obj();
        return r.size() ? Value::integer(r.start) : Value::undefined("first");
    }
    auto items = seq_of(v);
    return items.empty() ? Value::undefined("first") : items.front();
}
Value f_last(Interp&, Value& v, CallArgs&) {
    if (v.kind == Kind::Range) {
        auto& r = v.range_obj();
        return r.size() ? Value::integer(r.at(r.size() - 1)) : Value::undefined("last");
    }
    auto items = seq_of(v);
    return items.empty() ? Value::undefined("last") : items.back();
}
Value f_list(Interp&, Value& v, CallArgs&) { return Value::list(seq_of(v)); }

Value f_sort(Interp& in, Value& v, CallArgs& a) {
    bool reverse = flag(a, 0, "reverse", false);
    bool cs = flag(a, 1, "case_sensitive", false);
    const Value* attribute = arg(a, 2, "attribute");
    auto items = seq_of(v);
    std::vector<std::pair<Value, Value>> keyed;
    for (auto& x : items) keyed.emplace_back(sort_key(in, x, cs, attribute), x);
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& p, const auto& q) {
        return reverse ? less(q.first, p.first) : less(p.first, q.first);
    });
    std::vector<Value> out;
    for (auto& kv : keyed) out.push_back(kv.second);
    return Value::list(std::move(out));
}

Value f_dictsort(Interp&, Value& v, CallArgs& a) {
    bool cs = flag(a, 0, "case_sensitive", false);
    std::string by = str_arg(a, 1, "by", "key");
    bool reverse = flag(a, 2, "reverse", false);
    if (v.kind != Kind::Dict) throw RuntimeFault{"dictsort needs a dict"};
    if (by != "key" && by != "value") throw RuntimeFault{"You can only sort by either \"key\" or \"value\""};
    std::vector<std::pair<Value, Value>> items = v.dict_items();
    auto key = [&](const std::pair<Value, Value>& p) {
        const Value& k = by == "key" ? p.first : p.second;
        return !cs && k.is_str() ? Value::str(lower(k.s())) : k;
    };
    std::stable_sort(items.begin(), items.end(), [&](const auto& p, const auto& q) {
        return reverse ? less(key(q), key(p)) : less(key(p), key(q));
    });
    std::vector<Value> out;
    for (auto& [k, val] : items) out.push_back(Value::tuple({k, val}));
    return Value::list(std::move(out));
}

Value f_items(Interp&, Value& v, CallArgs&) {
    if (v.is_undefined()) return Value::list();
    if (v.kind != Kind::Dict) throw RuntimeFault{std::string("can only get item pairs from a mapping, not ") + type_name(v)};
    std::vector<Value> out;
    for (auto& [k, val] : v.dict_items()) out.push_back(Value::tuple({k, val}));
    return Value::list(std::move(out));
}

Value f_unique(Interp& in, Value& v, CallArgs& a) {
    bool cs = flag(a, 0, "case_sensitive", false);
    const Value* attribute = arg(a, 1, "attribute");
    std::vector<Value> seen, out;
    for (auto& x : seq_of(v)) {
        Value k = sort_key(in, x, cs, attribute);
        bool dup = false;
        for (auto& s : seen) dup = dup || equals(s, k);
        if (dup) continue;
        seen.push_back(k);
        out.push_back(x);
    }
    return Value::list(std::move(out));
}

Value min_max(Interp& in, Value& v, CallArgs& a, bool want_max) {
    bool cs = flag(a, 0, "case_sensitive", false);
    const Value* attribute = arg(a, 1, "attribute");
    auto items = seq_of(v);
    if (items.empty()) return Value::undefined("No aggregated item, sequence was empty.");
    size_t best = 0;
    Value best_key = sort_key(in, items[0], cs, attribute);
    for (size_t k = 1; k < items.size(); ++k) {
        Value key = sort_key(in, items[k], cs, attribute);
        if (want_max ? less(best_key, key) : less(key, best_key)) {
            best = k;
            best_key = key;
        }
    }
    return items[best];
}
Value f_min(Interp& in, Value& v, CallArgs& a) { return min_max(in, v, a, false); }
Value f_max(Interp& in, Value& v, CallArgs& a) { return min_max(in, v, a, true); }

Value f_sum(Interp& in, Value& v, CallArgs& a) {
    const Value* attribute = arg(a, 0, "attribute");
    const Value* start = arg(a, 1, "start");
    Value total = start ? *start : Value::integer(0);
    for (auto& x : seq_of(v))
        total = arith(BinOp::Add, total, attribute && attribute->kind != Kind::None ? attr_path(in, x, to_str(*attribute)) : x);
    return total;
}

Value f_batch(Interp&, Value& v, CallArgs& a) {
    int64_t n = int_arg(a, 0, "linecount", 1);
    if (n <= 0) throw RuntimeFault{"batch size must be positive"};
    const Value* fill = arg(a, 1, "fill_with");
    std::vector<Value> out, cur;
    for (auto& x : seq_of(v)) {
        cur.push_back(x);
        if (static_cast<int64_t>(cur.size()) == n) {
            out.push_back(Value::list(std::move(cur)));
            cur.clear();
        }
    }
    if (!cur.empty()) {
        if (fill && fill->kind != Kind::None)
            while (static_cast<int64_t>(cur.size()) < n) cur.push_back(*fill);
        out.push_back(Value::list(std::move(cur)));
    }
    return Value::list(std::move(out));
}

Value f_slice(Interp&, Value& v, CallArgs& a) {
    int64_t slices = int_arg(a, 0, "slices", 1);
    if (slices <= 0) throw RuntimeFault{"slices must be positive"};
    const Value* fill = arg(a, 1, "fill_with");
    auto seq = seq_of(v);
    int64_t len = static_cast<int64_t>(seq.size());
    int64_t per = len / slices, extra = len % slices, offset = 0;
    std::vector<Value> out;
    for (int64_t s = 0; s < slices; ++s) {
        int64_t start = offset + s * per;
        if (s < extra) ++offset;
        int64_t end = offset + (s + 1) * per;
        std::vector<Value> part(seq.begin() + start, seq.begin() + end);
        if (fill && fill->kind != Kind::None && s >= extra) part.push_back(*fill);
        out.push_back(Value::list(std::move(part)));
    }
    return Value::list(std::move(out));
}

Value f_format(Interp&, Value& v, CallArgs& a) {
    if (!a.pos.empty() && !a.kw.empty()) throw RuntimeFault{"can't handle positional and keyword arguments at the same time"};
    if (!a.kw.empty()) {
        Value d = Value::dict();
        for (auto& [k, x] : a.kw) dict_set(d, Value::str(k), x);
        if (v.is_markup()) return Value::markup(percent_format(v.s(), markup_escape_args(d)));
        return Value::str(percent_format(to_str(v), d));
    }
    if (v.is_markup()) return Value::markup(percent_format(v.s(), markup_escape_args(Value::tuple(a.pos))));
    return Value::str(percent_format(to_str(v), Value::tuple(a.pos)));
}

Value f_tojson(Interp&, Value& v, CallArgs& a) {
    if (v.is_undefined()) throw RuntimeFault{"Object of type Undefined is not JSON serializable"};
    std::string out;
    append_json(v, out, static_cast<int>(int_arg(a, 0, "indent", -1)));
    return Value::markup(std::move(out));  // HTML-safe: <, >, & and ' are \u escapes
}

Value f_truncate(Interp&, Value& v, CallArgs& a) {
    std::string s = to_str(v);
    int64_t len = int_arg(a, 0, "length", 255);
    bool killwords = flag(a, 1, "killwords", false);
    std::string end = str_arg(a, 2, "end", "...");
    int64_t leeway = int_arg(a, 3, "leeway", 5);
    int64_t end_len = static_cast<int64_t>(utf8_length(end));
    if (len < end_len) throw RuntimeFault{"expected length >= " + std::to_string(end_len) + ", got " + std::to_string(len)};
    if (leeway < 0) throw RuntimeFault{"expected leeway >= 0, got " + std::to_string(leeway)};
    auto chars = utf8_chars(s);
    if (static_cast<int64_t>(chars.size()) <= len + leeway) return Value::str(s);
    std::string head;
    for (int64_t k = 0; k < len - end_len; ++k) head += chars[static_cast<size_t>(k)];
    if (killwords) return Value::str(head + end);
    size_t sp = head.rfind(' ');
    if (sp != std::string::npos) head = head.substr(0, sp);
    return Value::str(head + end);
}

Value f_wordcount(Interp&, Value& v, CallArgs&) { return Value::integer(word_count(to_str(v))); }

Value f_center(Interp&, Value& v, CallArgs& a) { return like(v, py_center(to_str(v), int_arg(a, 0, "width", 80))); }

Value f_indent(Interp&, Value& v, CallArgs& a) {
    const Value* w = arg(a, 0, "width");
    std::string ind = w && w->is_str() ? w->s() : std::string(static_cast<size_t>(w ? std::max<int64_t>(w->as_int(), 0) : 4), ' ');
    bool first = flag(a, 1, "first", false);
    bool blank = flag(a, 2, "blank", false);
    std::string s = to_str(v) + "\n";
    std::vector<std::string> lines = split_lines(s);
    std::string rv;
    if (blank) {
        for (size_t k = 0; k < lines.size(); ++k) rv += (k ? "\n" + ind : "") + lines[k];
    } else {
        rv = lines.empty() ? "" : lines[0];
        if (lines.size() > 1) {
            rv += "\n";
            for (size_t k = 1; k < lines.size(); ++k) {
                if (k > 1) rv += "\n";
                rv += lines[k].empty() ? lines[k] : ind + lines[k];
            }
        }
    }
    if (first) rv = ind + rv;
    return like(v, std::move(rv));
}

Value f_escape(Interp&, Value& v, CallArgs&) { return escape_value(v); }
Value f_forceescape(Interp&, Value& v, CallArgs&) { return Value::markup(html_escape(to_str(v))); }
Value f_safe(Interp&, Value& v, CallArgs&) { return v.is_markup() ? v : Value::markup(to_str(v)); }

Value f_urlencode(Interp&, Value& v, CallArgs&) {
    if (v.is_str() || !(v.is_seq() || v.kind == Kind::Dict)) return Value::str(url_quote(to_str(v), false));
    std::string out;
    auto pair = [&](const Value& k, const Value& x) {
        if (!out.empty()) out += '&';
        out += url_quote(to_str(k), true) + "=" + url_quote(to_str(x), true);
    };
    if (v.kind == Kind::Dict)
        for (auto& [k, x] : v.dict_items()) pair(k, x);
    else
        for (auto& item : v.items()) {
            auto kv = seq_of(item);
            if (kv.size() != 2) throw RuntimeFault{"urlencode needs pairs"};
            pair(kv[0], kv[1]);
        }
    return Value::str(std::move(out));
}

Value f_reverse(Interp&, Value& v, CallArgs&) {
    if (v.is_str()) {
        auto chars = utf8_chars(v.s());
        std::string r;
        for (size_t k = chars.size(); k-- > 0;) r += chars[k];
        return Value::str(std::move(r));
    }
    auto items = seq_of(v);
    std::reverse(items.begin(), items.end());
    return Value::list(std::move(items));
}

// Attributes only (not dict items), as Python's getattr.
Value f_attr(Interp& in, Value& v, CallArgs& a) {
    std::string name = str_arg(a, 0, "name", "");
    if (v.kind == Kind::Object) return v.special()->getattr(name, in);
    if (v.is_undefined()) undefined_error(v);
    return Value::undefined(name);
}

Value f_map(Interp& in, Value& v, CallArgs& a) {
    std::vector<Value> out;
    const Value* attribute = nullptr;
    for (auto& [k, x] : a.kw)
        if (k == "attribute") attribute = &x;
    if (attribute) {
        const Value* def = nullptr;
        for (auto& [k, x] : a.kw)
            if (k == "default") def = &x;
        for (auto& item : seq_of(v)) {
            Value r = attr_path(in, item, to_str(*attribute));
            out.push_back(r.is_undefined() && def ? *def : r);
        }
        return Value::list(std::move(out));
    }
    if (a.pos.empty()) throw RuntimeFault{"map requires a filter argument"};
    std::string name = to_str(a.pos[0]);
    FilterFn fn = find_filter(name);
    if (!fn) throw RuntimeFault{"no filter named '" + name + "'"};
    CallArgs rest;
    rest.pos.assign(a.pos.begin() + 1, a.pos.end());
    rest.kw = a.kw;
    for (auto& item : seq_of(v)) {
        Value x = item;
        CallArgs copy = rest;
        out.push_back(fn(in, x, copy));
    }
    return Value::list(std::move(out));
}

Value select_impl(Interp& in, Value& v, CallArgs& a, bool attr_mode, bool keep) {
    size_t first = 0;
    std::string attribute;
    if (attr_mode) {
        if (a.pos.empty()) throw RuntimeFault{"missing parameter for attribute name"};
        attribute = to_str(a.pos[0]);
        first = 1;
    }
    TestFn test = nullptr;
    CallArgs rest;
    if (a.pos.size() > first) {
        std::string name = to_str(a.pos[first]);
        test = find_test(name);
        if (!test) throw RuntimeFault{"no test named '" + name + "'"};
        rest.pos.assign(a.pos.begin() + static_cast<long>(first) + 1, a.pos.end());
        rest.kw = a.kw;
    }
    std::vector<Value> out;
    for (auto& item : seq_of(v)) {
        Value x = attr_mode ? attr_path(in, item, attribute) : item;
        CallArgs copy = rest;
        bool r = test ? test(in, x, copy) : truthy(x);
        if (r == keep) out.push_back(item);
    }
    return Value::list(std::move(out));
}
Value f_select(Interp& in, Value& v, CallArgs& a) { return select_impl(in, v, a, false, true); }
Value f_reject(Interp& in, Value& v, CallArgs& a) { return select_impl(in, v, a, false, false); }
Value f_selectattr(Interp& in, Value& v, CallArgs& a) { return select_impl(in, v, a, true, true); }
Value f_rejectattr(Interp& in, Value& v, CallArgs& a) { return select_impl(in, v, a, true, false); }

Value f_filesizeformat(Interp&, Value& v, CallArgs& a) {
    double bytes;
    if (!to_float(v, bytes)) throw RuntimeFault{"filesizeformat needs a number"};
    bool binary = flag(a, 0, "binary", false);
    double base = binary ? 1024 : 1000;
    static const char* dec[] = {"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    static const char* bin[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
    if (bytes == 1) return Value::str("1 Byte");
    if (bytes < base) return Value::str(std::to_string(static_cast<int64_t>(bytes)) + " Bytes");
    char buf[64];
    double unit = base;
    for (int i = 0; i < 8; ++i) {
        unit = std::pow(base, i + 2);
        if (bytes < unit || i == 7) {
            std::snprintf(buf, sizeof buf, "%.1f %s", base * bytes / unit, binary ? bin[i] : dec[i]);
            return Value::str(buf);
        }
    }
    return Value::str("");
}

Value f_wordwrap(Interp&, Value& v, CallArgs& a) {
    // Greedy wrap at spaces (textwrap without hyphen breaking), lines joined with \n.
    int64_t width = int_arg(a, 0, "width", 79);
    bool break_long = flag(a, 1, "break_long_words", true);
    std::string wrapstring = str_arg(a, 2, "wrapstring", "\n");
    std::string out;
    for (auto& para : split_lines(to_str(v))) {
        std::vector<std::string> words = split_ws(para);
        std::string line;
        std::vector<std::string> lines;
        for (auto w : words) {
            while (break_long && static_cast<int64_t>(utf8_length(w)) > width) {
                if (!line.empty()) {
                    lines.push_back(line);
                    line.clear();
                }
                lines.push_back(w.substr(0, static_cast<size_t>(width)));
                w = w.substr(static_cast<size_t>(width));
            }
            if (line.empty()) line = w;
            else if (static_cast<int64_t>(utf8_length(line) + 1 + utf8_length(w)) <= width) line += " " + w;
            else {
                lines.push_back(line);
                line = w;
            }
        }
        if (!line.empty()) lines.push_back(line);
        if (!out.empty()) out += wrapstring;
        for (size_t k = 0; k < lines.size(); ++k) out += (k ? wrapstring : "") + lines[k];
    }
    return Value::str(std::move(out));
}

Value f_striptags(Interp&, Value& v, CallArgs&) { return Value::str(strip_tags(to_str(v))); }

Value f_pprint(Interp&, Value& v, CallArgs&) { return Value::str(to_repr(v)); }

Value f_xmlattr(Interp&, Value& v, CallArgs& a) {
    bool autospace = flag(a, 0, "autospace", true);
    if (v.kind != Kind::Dict) throw RuntimeFault{"xmlattr needs a dict"};
    std::string out;
    for (auto& [k, x] : v.dict_items()) {
        if (x.kind == Kind::None || x.is_undefined()) continue;
        if (!out.empty()) out += ' ';
        out += html_escape(to_str(k)) + "=\"" + html_escape(to_str(x)) + "\"";
    }
    if (autospace && !out.empty()) out = " " + out;
    return Value::markup(std::move(out));
}

const std::unordered_map<std::string_view, FilterFn>& filters() {
    static const std::unordered_map<std::string_view, FilterFn> table = {
        {"random", f_random},     {"int", f_int},
        {"float", f_float},       {"string", f_string},
        {"round", f_round},       {"abs", f_abs},
        {"default", f_default},   {"d", f_default},
        {"length", f_length},     {"count", f_length},
        {"lower", f_lower},       {"upper", f_upper},
        {"title", f_title},       {"capitalize", f_capitalize},
        {"trim", f_trim},         {"replace", f_replace},
        {"join", f_join},         {"first", f_first},
        {"last", f_last},         {"list", f_list},
        {"sort", f_sort},         {"dictsort", f_dictsort},
        {"items", f_items},       {"unique", f_unique},
        {"min", f_min},           {"max", f_max},
        {"sum", f_sum},           {"batch", f_batch},
        {"slice", f_slice},       {"format", f_format},
        {"tojson", f_tojson},     {"truncate", f_truncate},
        {"wordcount", f_wordcount}, {"center", f_center},
        {"indent", f_indent},     {"escape", f_escape},
        {"e", f_escape},          {"forceescape", f_forceescape},
        {"safe", f_safe},         {"urlencode", f_urlencode},
        {"reverse", f_reverse},   {"attr", f_attr},
        {"map", f_map},           {"select", f_select},
        {"reject", f_reject},     {"selectattr", f_selectattr},
        {"rejectattr", f_rejectattr}, {"filesizeformat", f_filesizeformat},
        {"wordwrap", f_wordwrap}, {"striptags", f_striptags},
        {"pprint", f_pprint},     {"xmlattr", f_xmlattr},
    };
    return table;
}

}  // namespace

FilterFn find_filter(std::string_view name) {
    auto it = filters().find(name);
    return it == filters().end() ? nullptr : it->second;
}

}  // namespace eventgen::jinja
