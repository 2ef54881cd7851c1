// Jinja2's tests (`x is even`) and global functions (range, dict, lipsum, cycler,
// namespace, joiner).
#include <cmath>
#include <unordered_map>

#include "jinja/builtins.h"
#include "jinja/interp.h"
#include "jinja/text.h"

namespace eventgen::jinja {

namespace {

const Value& need(CallArgs& a, size_t i, const char* test) {
    if (i >= a.pos.size()) throw RuntimeFault{std::string("test '") + test + "' needs an argument"};
    return a.pos[i];
}

bool t_defined(Interp&, const Value& v, CallArgs&) { return !v.is_undefined(); }
bool t_undefined(Interp&, const Value& v, CallArgs&) { return v.is_undefined(); }
bool t_none(Interp&, const Value& v, CallArgs&) { return v.kind == Kind::None; }
bool t_number(Interp&, const Value& v, CallArgs&) { return v.is_number(); }
bool t_string(Interp&, const Value& v, CallArgs&) { return v.is_str(); }
bool t_boolean(Interp&, const Value& v, CallArgs&) { return v.kind == Kind::Bool; }
bool t_true(Interp&, const Value& v, CallArgs&) { return v.kind == Kind::Bool && v.b; }
bool t_false(Interp&, const Value& v, CallArgs&) { return v.kind == Kind::Bool && !v.b; }
bool t_integer(Interp&, const Value& v, CallArgs&) { return v.kind == Kind::Int; }
bool t_float(Interp&, const Value& v, CallArgs&) { return v.kind == Kind::Float; }
bool t_mapping(Interp&, const Value& v, CallArgs&) { return v.kind == Kind::Dict; }
bool t_iterable(Interp&, const Value& v, CallArgs&) {
    return v.is_seq() || v.is_str() || v.kind == Kind::Dict || v.kind == Kind::Range || v.is_undefined();
}
bool t_sequence(Interp&, const Value& v, CallArgs&) {
    return v.is_seq() || v.is_str() || v.kind == Kind::Dict || v.kind == Kind::Range;
}
bool t_callable(Interp&, const Value& v, CallArgs&) { return v.kind == Kind::Object && v.special()->callable(); }
bool t_lower(Interp&, const Value& v, CallArgs&) {
    std::string s = to_str(v);
    return lower(s) == s && upper(s) != s;
}
bool t_upper(Interp&, const Value& v, CallArgs&) {
    std::string s = to_str(v);
    return upper(s) == s && lower(s) != s;
}
bool t_escaped(Interp&, const Value& v, CallArgs&) { return v.is_markup(); }
bool t_divisibleby(Interp&, const Value& v, CallArgs& a) {
    Value r = arith(BinOp::Mod, v, need(a, 0, "divisibleby"));
    return r.as_float() == 0;
}
bool t_even(Interp&, const Value& v, CallArgs&) {
    if (v.is_undefined()) undefined_error(v);
    return arith(BinOp::Mod, v, Value::integer(2)).as_float() == 0;
}
bool t_odd(Interp&, const Value& v, CallArgs&) {
    if (v.is_undefined()) undefined_error(v);
    return arith(BinOp::Mod, v, Value::integer(2)).as_float() == 1;
}
bool t_sameas(Interp&, const Value& v, CallArgs& a) {
    const Value& o = need(a, 0, "sameas");
    if (v.kind != o.kind) return false;
    switch (v.kind) {
        case Kind::None:
        case Kind::Undefined: return true;
        case Kind::Bool: return v.b == o.b;
        case Kind::Int: return v.i == o.i && v.i >= -5 && v.i <= 256;  // CPython's cached small ints
        case Kind::Float: return false;
        default: return v.obj == o.obj;
    }
}
bool t_eq(Interp&, const Value& v, CallArgs& a) { return equals(v, need(a, 0, "eq")); }
bool t_ne(Interp&, const Value& v, CallArgs& a) { return !equals(v, need(a, 0, "ne")); }
bool t_lt(Interp&, const Value& v, CallArgs& a) { return less(v, need(a, 0, "lt")); }
bool t_le(Interp&, const Value& v, CallArgs& a) { return !less(need(a, 0, "le"), v); }
bool t_gt(Interp&, const Value& v, CallArgs& a) { return less(need(a, 0, "gt"), v); }
bool t_ge(Interp&, const Value& v, CallArgs& a) { return !less(v, need(a, 0, "ge")); }
bool t_in(Interp&, const Value& v, CallArgs& a) { return contains(need(a, 0, "in"), v); }
bool t_filter(Interp&, const Value& v, CallArgs&) { return v.is_str() && find_filter(v.s()) != nullptr; }
bool t_test(Interp&, const Value& v, CallArgs&) { return v.is_str() && find_test(v.s()) != nullptr; }

const std::unordered_map<std::string_view, TestFn>& tests() {
    static const std::unordered_map<std::string_view, TestFn> table = {
        {"defined", t_defined},   {"undefined", t_undefined}, {"none", t_none},
        {"number", t_number},     {"string", t_string},       {"boolean", t_boolean},
        {"true", t_true},         {"false", t_false},         {"integer", t_integer},
        {"float", t_float},       {"mapping", t_mapping},     {"iterable", t_iterable},
        {"sequence", t_sequence}, {"callable", t_callable},   {"lower", t_lower},
        {"upper", t_upper},       {"escaped", t_escaped},     {"divisibleby", t_divisibleby},
        {"even", t_even},         {"odd", t_odd},             {"sameas", t_sameas},
        {"eq", t_eq},             {"==", t_eq},               {"equalto", t_eq},
        {"ne", t_ne},             {"!=", t_ne},               {"lt", t_lt},
        {"lessthan", t_lt},       {"<", t_lt},                {"le", t_le},
        {"<=", t_le},             {"gt", t_gt},               {"greaterthan", t_gt},
        {">", t_gt},              {"ge", t_ge},               {">=", t_ge},
        {"in", t_in},             {"filter", t_filter},       {"test", t_test},
    };
    return table;
}

// ---- globals ----

using BuiltinFn = Value (*)(Interp&, CallArgs&);

struct Builtin : Special {
    const char* name;
    BuiltinFn fn;
    Builtin(const char* n, BuiltinFn f) : name(n), fn(f) {}
    const char* type_name() const override { return "builtin_function_or_method"; }
    bool callable() const override { return true; }
    Value call(Interp& in, CallArgs& args) override { return fn(in, args); }
    void str(std::string& out) const override { out += std::string("<built-in function ") + name + ">"; }
};

int64_t range_int(const Value& v) {
    if (!v.is_int()) throw RuntimeFault{std::string("'") + type_name(v) + "' object cannot be interpreted as an integer"};
    return v.as_int();
}

Value g_range(Interp&, CallArgs& a) {
    if (a.pos.empty() || a.pos.size() > 3) throw RuntimeFault{"range expected 1 to 3 arguments"};
    int64_t start = 0, stop, step = 1;
    if (a.pos.size() == 1) stop = range_int(a.pos[0]);
    else {
        start = range_int(a.pos[0]);
        stop = range_int(a.pos[1]);
        if (a.pos.size() == 3) step = range_int(a.pos[2]);
    }
    if (step == 0) throw RuntimeFault{"range() arg 3 must not be zero"};
    return Value::range(start, stop, step);
}

Value g_dict(Interp&, CallArgs& a) {
    Value d = Value::dict();
    for (auto& p : a.pos) {
        if (p.kind == Kind::Dict)
            for (auto& [k, v] : p.dict_items()) dict_set(d, k, v);
    }
    for (auto& [k, v] : a.kw) dict_set(d, Value::str(k), v);
    return d;
}

const char* const kLoremWords[] = {
    "a",        "ac",        "accumsan",  "ad",        "adipiscing", "aenean",    "aliquam",   "aliquet",
    "amet",     "ante",      "aptent",    "arcu",      "at",         "auctor",    "augue",     "bibendum",
    "blandit",  "class",     "commodo",   "condimentum", "congue",   "consectetuer", "consequat", "conubia",
    "convallis", "cras",     "cubilia",   "cum",       "curabitur",  "curae",     "cursus",    "dapibus",
    "diam",     "dictum",    "dictumst",  "dignissim", "dis",        "dolor",     "donec",     "dui",
    "duis",     "egestas",   "eget",      "eleifend",  "elementum",  "elit",      "enim",      "erat",
    "eros",     "est",       "et",        "etiam",     "eu",         "euismod",   "facilisi",  "facilisis",
    "fames",    "faucibus",  "felis",     "fermentum", "feugiat",    "fringilla", "fusce",     "gravida",
    "habitant", "hendrerit", "hymenaeos", "iaculis",   "id",         "imperdiet", "in",        "inceptos",
    "integer",  "interdum",  "ipsum",     "justo",     "lacinia",    "lacus",     "laoreet",   "lectus",
    "leo",      "libero",    "ligula",    "litora",    "lobortis",   "lorem",     "luctus",    "maecenas",
    "magna",    "magnis",    "malesuada", "massa",     "mattis",     "mauris",    "metus",     "mi",
    "molestie", "mollis",    "montes",    "morbi",     "mus",        "nam",       "nascetur",  "natoque",
    "nec",      "neque",     "netus",     "nibh",      "nisi",       "nisl",      "non",       "nonummy",
    "nostra",   "nulla",     "nullam",    "nunc",      "odio",       "orci",      "ornare",    "parturient",
    "pede",     "pellentesque", "penatibus", "per",    "pharetra",   "phasellus", "placerat",  "platea",
    "porta",    "porttitor", "posuere",   "potenti",   "praesent",   "pretium",   "primis",    "proin",
    "pulvinar", "purus",     "quam",      "quis",      "quisque",    "rhoncus",   "ridiculus", "risus",
    "rutrum",   "sagittis",  "sapien",    "scelerisque", "sed",      "sem",       "semper",    "senectus",
    "sit",      "sociis",    "sociosqu",  "sodales",   "sollicitudin", "suscipit", "suspendisse", "taciti",
    "tellus",   "tempor",    "tempus",    "tincidunt", "torquent",   "tortor",    "tristique", "turpis",
    "ullamcorper", "ultrices", "ultricies", "urna",    "ut",         "varius",    "vehicula",  "vel",
    "velit",    "venenatis", "vestibulum", "vitae",    "vivamus",    "viverra",   "volutpat",  "vulputate",
};

// Jinja2's lipsum algorithm (paragraphs of random words with commas and sentences),
// drawing from the render's random stream.
Value g_lipsum(Interp& in, CallArgs& a) {
    auto num = [&](size_t i, const char* n, int64_t d) {
        const Value* v = a.get(i, n);
        return v ? v->as_int() : d;
    };
    int64_t n = num(0, "n", 5);
    const Value* html_v = a.get(1, "html");
    bool html = html_v ? truthy(*html_v) : true;
    int64_t lo = num(2, "min", 20), hi = num(3, "max", 100);
    const size_t nwords = sizeof(kLoremWords) / sizeof(kLoremWords[0]);
    auto randrange = [&](int64_t x, int64_t y) {
        if (y <= x) throw RuntimeFault{"empty range for randrange()"};
        return x + static_cast<int64_t>(in.rng.below(static_cast<uint64_t>(y - x)));
    };
    std::vector<std::string> paragraphs;
    for (int64_t p = 0; p < n; ++p) {
        bool cap = true;
        int64_t last_comma = 0, last_fullstop = 0;
        const char* last = nullptr;
        std::string text;
        int64_t count = randrange(lo, hi);
        for (int64_t idx = 0; idx < count; ++idx) {
            const char* w;
            do {
                w = kLoremWords[in.rng.below(nwords)];
            } while (w == last);
            last = w;
            std::string word = w;
            if (cap) {
                word = capitalize(word);
                cap = false;
            }
            if (idx - randrange(3, 8) > last_comma) {
                last_comma = idx;
                last_fullstop += 2;
                word += ",";
            }
            if (idx - randrange(10, 20) > last_fullstop) {
                last_comma = last_fullstop = idx;
                word += ".";
                cap = true;
            }
            text += (text.empty() ? "" : " ") + word;
        }
        if (!text.empty() && text.back() == ',') text.back() = '.';
        else if (text.empty() || text.back() != '.') text += ".";
        paragraphs.push_back(text);
    }
    std::string out;
    for (size_t k = 0; k < paragraphs.size(); ++k) {
        if (html) out += (k ? "\n" : "") + std::string("<p>") + html_escape(paragraphs[k]) + "</p>";
        else out += (k ? "\n\n" : "") + paragraphs[k];
    }
    return Value::str(std::move(out));
}

struct CyclerObj : Special {
    std::vector<Value> items;
    size_t pos = 0;
    std::weak_ptr<CyclerObj> self;
    const char* type_name() const override { return "Cycler"; }
    Value getattr(std::string_view n, Interp& in) override;
};

struct CyclerMethod : Special {
    std::shared_ptr<CyclerObj> c;
    bool reset;
    const char* type_name() const override { return "method"; }
    bool callable() const override { return true; }
    Value call(Interp&, CallArgs&) override {
        if (reset) {
            c->pos = 0;
            return Value::none();
        }
        Value v = c->items[c->pos];
        c->pos = (c->pos + 1) % c->items.size();
        return v;
    }
};

Value CyclerObj::getattr(std::string_view n, Interp&) {
    if (n == "current") return items[pos];
    if (n == "next" || n == "__next__" || n == "reset") {
        auto m = std::make_shared<CyclerMethod>();
        m->c = self.lock();
        m->reset = n == "reset";
        return Value::object(m);
    }
    return Value::undefined(std::string(n));
}

Value g_cycler(Interp&, CallArgs& a) {
    if (a.pos.empty()) throw RuntimeFault{"at least one item has to be provided"};
    auto c = std::make_shared<CyclerObj>();
    c->items = a.pos;
    c->self = c;
    return Value::object(c);
}

struct NamespaceObj : Special {
    Value attrs = Value::dict();
    const char* type_name() const override { return "Namespace"; }
    Value getattr(std::string_view n, Interp&) override {
        if (const Value* v = dict_find_str(attrs, n)) return *v;
        return Value::undefined(std::string(n));
    }
    bool setattr(std::string_view n, const Value& v) override {
        dict_set(attrs, Value::str(std::string(n)), v);
        return true;
    }
    void str(std::string& out) const override {
        out += "<Namespace ";
        append_repr(attrs, out);
        out += ">";
    }
};

Value g_namespace(Interp&, CallArgs& a) {
    auto ns = std::make_shared<NamespaceObj>();
    for (auto& p : a.pos)
        if (p.kind == Kind::Dict)
            for (auto& [k, v] : p.dict_items()) dict_set(ns->attrs, k, v);
    for (auto& [k, v] : a.kw) dict_set(ns->attrs, Value::str(k), v);
    return Value::object(ns);
}

struct JoinerObj : Special {
    std::string sep;
    bool used = false;
    const char* type_name() const override { return "Joiner"; }
    bool callable() const override { return true; }
    Value call(Interp&, CallArgs&) override {
        if (!used) {
            used = true;
            return Value::str("");
        }
        return Value::str(sep);
    }
};

Value g_joiner(Interp&, CallArgs& a) {
    auto j = std::make_shared<JoinerObj>();
    const Value* sep = a.get(0, "sep");
    j->sep = sep ? to_str(*sep) : ", ";
    return Value::object(j);
}

}  // namespace

TestFn find_test(std::string_view name) {
    auto it = tests().find(name);
    return it == tests().end() ? nullptr : it->second;
}

void add_globals(std::vector<std::pair<int, Value>>& vars) {
    auto add = [&](const char* name, BuiltinFn fn) {
        vars.emplace_back(intern(name), Value::object(std::make_shared<Builtin>(name, fn)));
    };
    add("range", g_range);
    add("dict", g_dict);
    add("lipsum", g_lipsum);
    add("cycler", g_cycler);
    add("namespace", g_namespace);
    add("joiner", g_joiner);
}

}  // namespace eventgen::jinja
