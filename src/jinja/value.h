#pragma once
// Template values with Python's semantics (what Jinja2 templates compute with): None,
// bool, int, float, str, list, tuple, dict, lazy range, undefined and objects such as
// macros, cyclers and namespaces. Small and cheap to copy: scalars inline, the rest
// shared (copying a list shares it, as assigning one does in Python).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace eventgen::jinja {

class Interp;
struct Value;

enum class Kind : uint8_t { Undefined, None, Bool, Int, Float, Str, List, Tuple, Dict, Range, Object };

struct Obj {
    virtual ~Obj() = default;
};

struct StrObj : Obj {
    explicit StrObj(std::string v, bool markup = false) : s(std::move(v)), markup(markup) {}
    std::string s;
    bool markup;  // markupsafe's Markup: text already safe, autoescaping leaves it alone
};

struct RangeObj : Obj {
    int64_t start = 0, stop = 0, step = 1;
    int64_t size() const;
    int64_t at(int64_t i) const { return start + i * step; }
};

// Arguments of a call: positional, then keyword.
struct CallArgs {
    std::vector<Value> pos;
    std::vector<std::pair<std::string, Value>> kw;
    const Value* get(size_t index, std::string_view name) const;  // positional or keyword
};

// Everything callable or with attributes of its own (macros, builtins, cycler, loop, ...).
struct Special : Obj {
    virtual const char* type_name() const = 0;
    virtual bool callable() const { return false; }
    virtual Value call(Interp& in, CallArgs& args);
    virtual Value getattr(std::string_view name, Interp& in);
    virtual bool setattr(std::string_view name, const Value& v);
    virtual void str(std::string& out) const;
};

struct Value {
    Kind kind = Kind::Undefined;
    union {
        bool b;
        int64_t i;
        double f;
    };
    std::shared_ptr<Obj> obj;  // str, list, tuple, dict, range, object; undefined: its name (StrObj)

    Value() : i(0) {}
    static Value none() { Value v; v.kind = Kind::None; return v; }
    static Value boolean(bool x) { Value v; v.kind = Kind::Bool; v.b = x; return v; }
    static Value integer(int64_t x) { Value v; v.kind = Kind::Int; v.i = x; return v; }
    static Value real(double x) { Value v; v.kind = Kind::Float; v.f = x; return v; }
    static Value str(std::string s);
    static Value markup(std::string s);  // a Markup string (|safe, |escape, autoescaped output)
    static Value undefined(std::string name);
    static Value list(std::vector<Value> items = {});
    static Value tuple(std::vector<Value> items = {});
    static Value dict();
    static Value range(int64_t start, int64_t stop, int64_t step);
    static Value object(std::shared_ptr<Special> o);

    bool is_undefined() const { return kind == Kind::Undefined; }
    bool is_number() const { return kind == Kind::Int || kind == Kind::Float || kind == Kind::Bool; }
    bool is_int() const { return kind == Kind::Int || kind == Kind::Bool; }
    bool is_str() const { return kind == Kind::Str; }
    bool is_markup() const { return kind == Kind::Str && static_cast<StrObj*>(obj.get())->markup; }
    bool is_seq() const { return kind == Kind::List || kind == Kind::Tuple; }

    const std::string& s() const { return static_cast<StrObj*>(obj.get())->s; }
    std::vector<Value>& items() const;                        // list or tuple
    std::vector<std::pair<Value, Value>>& dict_items() const;  // dict
    RangeObj& range_obj() const { return *static_cast<RangeObj*>(obj.get()); }
    Special* special() const { return static_cast<Special*>(obj.get()); }
    std::string undefined_name() const { return obj ? static_cast<StrObj*>(obj.get())->s : std::string(); }

    int64_t as_int() const { return kind == Kind::Bool ? (b ? 1 : 0) : i; }
    double as_float() const { return kind == Kind::Float ? f : static_cast<double>(as_int()); }
};

struct ListObj : Obj {
    std::vector<Value> items;
};
struct DictObj : Obj {
    std::vector<std::pair<Value, Value>> items;  // insertion order, as Python's dict
};

inline std::vector<Value>& Value::items() const { return static_cast<ListObj*>(obj.get())->items; }
inline std::vector<std::pair<Value, Value>>& Value::dict_items() const {
    return static_cast<DictObj*>(obj.get())->items;
}

// Python's truthiness.
bool truthy(const Value& v);
// str(v) and repr(v), appended to `out`.
void append_str(const Value& v, std::string& out);
void append_repr(const Value& v, std::string& out);
std::string to_str(const Value& v);
// markupsafe's escape(): Markup stays as it is, anything else is str()'d and escaped.
Value escape_value(const Value& v);
// Appends `v` as autoescaped output: Markup as it is, anything else escaped.
void append_escaped(const Value& v, std::string& out);
// Markup's operators: the other side escaped (b's items when it is a tuple or dict).
Value markup_escape_args(const Value& b);
std::string to_repr(const Value& v);
// Python's repr of a float ("1.0", "1e+16", "0.1").
void append_float(double d, std::string& out);
// Python's ==.
bool equals(const Value& a, const Value& b);
// Python's <; throws RuntimeFault on types Python cannot order.
bool less(const Value& a, const Value& b);
// Name of the type as Python prints it ("int", "str", "list").
const char* type_name(const Value& v);

// Dictionary helpers.
const Value* dict_find(const Value& d, const Value& key);
const Value* dict_find_str(const Value& d, std::string_view key);
void dict_set(const Value& d, Value key, Value value);

// Iteration: every element of a list, tuple, range, str (characters), dict (keys).
// Returns false when `v` is not iterable.
bool to_list(const Value& v, std::vector<Value>& out);
// len(); -1 when `v` has no length.
int64_t length(const Value& v);

// Number of code points in UTF-8 text and helpers to cut it by code points.
size_t utf8_length(std::string_view s);
std::vector<std::string_view> utf8_chars(std::string_view s);

// A problem found while rendering (type errors, undefined attributes, ...). The
// interpreter adds the template location.
struct RuntimeFault {
    std::string message;
};

}  // namespace eventgen::jinja
