#include "jinja/interp.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "jinja/builtins.h"
#include "jinja/environment.h"
#include "jinja/template_error.h"

namespace eventgen::jinja {

namespace {

int sym_loop() {
    static int s = intern("loop");
    return s;
}
int sym_varargs() {
    static int s = intern("varargs");
    return s;
}
int sym_kwargs() {
    static int s = intern("kwargs");
    return s;
}
int sym_caller() {
    static int s = intern("caller");
    return s;
}

// Restores the interpreter's scope when leaving a construct (also on errors).
struct ScopeGuard {
    Interp& in;
    std::shared_ptr<Frame> saved;
    explicit ScopeGuard(Interp& i, std::shared_ptr<Frame> f) : in(i), saved(std::move(i.frame)) { in.frame = std::move(f); }
    ~ScopeGuard() { in.frame = std::move(saved); }
};

std::shared_ptr<Frame> child_of(const std::shared_ptr<Frame>& parent) {
    auto f = std::make_shared<Frame>();
    f->parent = parent;
    return f;
}

}  // namespace

[[noreturn]] void undefined_error(const Value& v) {
    std::string n = v.undefined_name();
    throw RuntimeFault{n.empty() ? "a value is undefined" : "'" + n + "' is undefined"};
}

void Interp::fail(const Node& at, const std::string& msg) const {
    throw TemplateError(tmpl ? tmpl->path : std::string("<template>"), at.line, at.column, msg);
}

void Interp::exec_body(const Body& body, std::string& out) {
    for (const auto& s : body) {
        try {
            s->exec(*this, out);
        } catch (const RuntimeFault& f) {
            fail(*s, f.message);
        }
        if (brk || cont) return;
    }
}

std::shared_ptr<Frame> Interp::render_template(const Template& t, std::shared_ptr<Frame> parent, std::string& out) {
    if (++depth > 64) {
        --depth;
        throw RuntimeFault{"templates include or extend each other too deeply (more than 64 levels)"};
    }
    const Template* saved_tmpl = tmpl;
    auto saved_root = root;
    auto* saved_blocks = blocks;
    const Template* saved_parent = parent_template;
    std::map<std::string, std::vector<BlockRef>> chain;
    for (auto& [name, b] : t.blocks) chain[name].push_back({b, &t});
    auto scope = child_of(parent);
    tmpl = &t;
    root = scope;
    blocks = &chain;
    parent_template = nullptr;
    struct Restore {
        Interp& in;
        const Template* t;
        std::shared_ptr<Frame> r;
        std::map<std::string, std::vector<BlockRef>>* b;
        const Template* p;
        ~Restore() {
            in.tmpl = t;
            in.root = r;
            in.blocks = b;
            in.parent_template = p;
            --in.depth;
        }
    } restore{*this, saved_tmpl, saved_root, saved_blocks, saved_parent};
    ScopeGuard g(*this, scope);
    // After {% extends %} the template's own output is dropped; its parent renders
    // with the child's blocks first in each chain.
    std::string discard;
    const Template* current = &t;
    while (true) {
        for (const auto& s : current->body) {
            // Once extended, blocks render only where the parent places them.
            if (parent_template && dynamic_cast<const BlockStmt*>(s.get())) continue;
            std::string& target = parent_template ? discard : out;
            try {
                s->exec(*this, target);
            } catch (const RuntimeFault& f) {
                fail(*s, f.message);
            }
        }
        if (!parent_template) break;
        current = parent_template;
        parent_template = nullptr;
        tmpl = current;
        for (auto& [name, b] : current->blocks) chain[name].push_back({b, current});
    }
    return scope;
}

const Template& Interp::load(const Value& name, const Node& at) {
    try {
        if (name.is_seq()) {  // the first that exists, as Jinja2's select_template
            for (auto& n : name.items())
                if (n.is_str()) {
                    try {
                        return env.load(n.s());
                    } catch (const TemplateError&) {
                    }
                }
            throw RuntimeFault{"none of the templates " + to_repr(name) + " was found"};
        }
        if (!name.is_str()) throw RuntimeFault{std::string("a template name must be a string, not ") + type_name(name)};
        return env.load(name.s());
    } catch (const TemplateError& e) {
        if (e.line() > 0 || !e.file().empty()) throw;
        fail(at, e.message());
    }
}

void Interp::assign(const Target& t, const Value& v) {
    switch (t.kind) {
        case Target::Name: frame->set(t.sym, v); return;
        case Target::NsAttr: {
            Value ns = lookup(t.sym, t.name);
            if (ns.kind != Kind::Object || !ns.special()->setattr(t.attr, v))
                throw RuntimeFault{"cannot assign attribute on non-namespace object"};
            return;
        }
        case Target::Tuple: {
            std::vector<Value> items;
            if (v.is_undefined()) undefined_error(v);
            if (!to_list(v, items)) throw RuntimeFault{std::string("cannot unpack non-iterable ") + type_name(v) + " object"};
            if (items.size() != t.items.size())
                throw RuntimeFault{items.size() < t.items.size()
                                       ? "not enough values to unpack (expected " + std::to_string(t.items.size()) +
                                             ", got " + std::to_string(items.size()) + ")"
                                       : "too many values to unpack (expected " + std::to_string(t.items.size()) + ")"};
            for (size_t k = 0; k < items.size(); ++k) assign(t.items[k], items[k]);
            return;
        }
    }
}

void Interp::eval_args(const Args& a, CallArgs& out) {
    out.pos.reserve(a.pos.size());
    for (auto& e : a.pos) out.pos.push_back(e->eval(*this));
    if (a.star) {
        Value s = a.star->eval(*this);
        to_list(s, out.pos);
    }
    for (auto& k : a.kw) out.kw.emplace_back(k.name, k.value->eval(*this));
    if (a.dstar) {
        Value d = a.dstar->eval(*this);
        if (d.kind == Kind::Dict)
            for (auto& [k, v] : d.dict_items()) out.kw.emplace_back(to_str(k), v);
    }
}

Value Interp::call(const Value& fn, CallArgs& args, const std::string& what) {
    if (fn.is_undefined()) undefined_error(fn);
    if (fn.kind != Kind::Object || !fn.special()->callable())
        throw RuntimeFault{std::string("'") + type_name(fn) + "' object is not callable" +
                           (what.empty() ? "" : " ('" + what + "')")};
    return fn.special()->call(*this, args);
}

// ---- values ----

bool to_int(const Value& v, int64_t& out) {
    switch (v.kind) {
        case Kind::Bool:
        case Kind::Int: out = v.as_int(); return true;
        case Kind::Float:
            if (!std::isfinite(v.f)) return false;
            out = static_cast<int64_t>(std::trunc(v.f));
            return true;
        case Kind::Str: {
            std::string_view s = v.s();
            while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
            while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
            if (!s.empty() && s.front() == '+') s.remove_prefix(1);
            std::string digits;
            for (size_t k = 0; k < s.size(); ++k) {
                if (s[k] == '_' && k > 0 && k + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[k - 1])) &&
                    std::isdigit(static_cast<unsigned char>(s[k + 1])))
                    continue;
                digits += s[k];
            }
            if (digits.empty()) return false;
            auto r = std::from_chars(digits.data(), digits.data() + digits.size(), out);
            return r.ec == std::errc() && r.ptr == digits.data() + digits.size();
        }
        default: return false;
    }
}

bool to_float(const Value& v, double& out) {
    switch (v.kind) {
        case Kind::Bool:
        case Kind::Int:
        case Kind::Float: out = v.as_float(); return true;
        case Kind::Str: {
            std::string s = v.s();
            size_t a = s.find_first_not_of(" \t\n\r\f\v");
            if (a == std::string::npos) return false;
            s = s.substr(a, s.find_last_not_of(" \t\n\r\f\v") - a + 1);
            std::string low;
            for (char c : s) low += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (low == "inf" || low == "+inf" || low == "infinity") return out = HUGE_VAL, true;
            if (low == "-inf" || low == "-infinity") return out = -HUGE_VAL, true;
            if (low == "nan") return out = NAN, true;
            if (!s.empty() && s[0] == '+') s.erase(0, 1);
            auto r = std::from_chars(s.data(), s.data() + s.size(), out);
            return r.ec == std::errc() && r.ptr == s.data() + s.size();
        }
        default: return false;
    }
}

namespace {

[[noreturn]] void operand_error(const char* op, const Value& a, const Value& b) {
    if (a.is_undefined()) undefined_error(a);
    if (b.is_undefined()) undefined_error(b);
    throw RuntimeFault{std::string("unsupported operand type(s) for ") + op + ": '" + type_name(a) + "' and '" +
                       type_name(b) + "'"};
}

int64_t py_floordiv(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}
int64_t py_mod(int64_t a, int64_t b) {
    int64_t m = a % b;
    if (m != 0 && ((m < 0) != (b < 0))) m += b;
    return m;
}
double py_fmod(double a, double b) {
    double m = std::fmod(a, b);
    if (m != 0) {
        if ((b < 0) != (m < 0)) m += b;
    } else {
        m = std::copysign(0.0, b);
    }
    return m;
}
double py_ffloordiv(double a, double b) {
    double m = std::fmod(a, b);
    double div = (a - m) / b;
    if (m != 0 && ((b < 0) != (m < 0))) div -= 1.0;
    double f;
    if (div != 0) {
        f = std::floor(div);
        if (div - f > 0.5) f += 1.0;
    } else {
        f = std::copysign(0.0, a / b);
    }
    return f;
}

Value repeat(const Value& seq, int64_t n) {
    size_t unit = seq.is_str() ? seq.s().size() : seq.items().size();
    if (n > 0 && unit > 0 && static_cast<uint64_t>(n) > (size_t{1} << 30) / unit)
        throw RuntimeFault{"repetition result would be larger than 1 GiB"};
    if (seq.is_str()) {
        std::string r;
        for (int64_t k = 0; k < n; ++k) r += seq.s();
        return Value::str(std::move(r));
    }
    std::vector<Value> r;
    for (int64_t k = 0; k < n; ++k) r.insert(r.end(), seq.items().begin(), seq.items().end());
    return seq.kind == Kind::Tuple ? Value::tuple(std::move(r)) : Value::list(std::move(r));
}

}  // namespace

Value arith(BinOp op, const Value& a, const Value& b) {
    bool nums = a.is_number() && b.is_number();
    bool floats = nums && (a.kind == Kind::Float || b.kind == Kind::Float);
    switch (op) {
        case BinOp::Add:
            if (nums) return floats ? Value::real(a.as_float() + b.as_float()) : Value::integer(a.as_int() + b.as_int());
            if (a.is_markup() && b.is_str()) return Value::markup(a.s() + escape_value(b).s());
            if (b.is_markup() && a.is_str()) return Value::markup(escape_value(a).s() + b.s());
            if (a.is_str() && b.is_str()) return Value::str(a.s() + b.s());
            if (a.is_seq() && a.kind == b.kind) {
                std::vector<Value> r = a.items();
                r.insert(r.end(), b.items().begin(), b.items().end());
                return a.kind == Kind::Tuple ? Value::tuple(std::move(r)) : Value::list(std::move(r));
            }
            operand_error("+", a, b);
        case BinOp::Sub:
            if (nums) return floats ? Value::real(a.as_float() - b.as_float()) : Value::integer(a.as_int() - b.as_int());
            operand_error("-", a, b);
        case BinOp::Mul:
            if (nums) return floats ? Value::real(a.as_float() * b.as_float()) : Value::integer(a.as_int() * b.as_int());
            if ((a.is_str() || a.is_seq()) && b.is_int()) return repeat(a, b.as_int());
            if ((b.is_str() || b.is_seq()) && a.is_int()) return repeat(b, a.as_int());
            operand_error("*", a, b);
        case BinOp::Div:
            if (nums) {
                if (b.as_float() == 0) throw RuntimeFault{"division by zero"};
                return Value::real(a.as_float() / b.as_float());
            }
            operand_error("/", a, b);
        case BinOp::FloorDiv:
            if (nums) {
                if (b.as_float() == 0) throw RuntimeFault{"integer division or modulo by zero"};
                if (floats) return Value::real(py_ffloordiv(a.as_float(), b.as_float()));
                return Value::integer(py_floordiv(a.as_int(), b.as_int()));
            }
            operand_error("//", a, b);
        case BinOp::Mod:
            if (a.is_markup()) return Value::markup(percent_format(a.s(), markup_escape_args(b)));
            if (a.is_str()) return Value::str(percent_format(a.s(), b));
            if (nums) {
                if (b.as_float() == 0) throw RuntimeFault{"integer division or modulo by zero"};
                if (floats) return Value::real(py_fmod(a.as_float(), b.as_float()));
                return Value::integer(py_mod(a.as_int(), b.as_int()));
            }
            operand_error("%", a, b);
        case BinOp::Pow:
            if (nums) {
                if (!floats && b.as_int() >= 0) {
                    int64_t base = a.as_int(), e = b.as_int(), r = 1;
                    while (e > 0) {
                        if (e & 1) r *= base;
                        base *= base;
                        e >>= 1;
                    }
                    return Value::integer(r);
                }
                if (a.as_float() == 0 && b.as_float() < 0)
                    throw RuntimeFault{"0.0 cannot be raised to a negative power"};
                return Value::real(std::pow(a.as_float(), b.as_float()));
            }
            operand_error("** or pow()", a, b);
    }
    return Value();
}

bool contains(const Value& c, const Value& item) {
    switch (c.kind) {
        case Kind::Str:
            if (!item.is_str()) throw RuntimeFault{std::string("'in <string>' requires string as left operand, not ") + type_name(item)};
            return c.s().find(item.s()) != std::string::npos;
        case Kind::List:
        case Kind::Tuple:
            for (auto& v : c.items())
                if (equals(v, item)) return true;
            return false;
        case Kind::Dict: return dict_find(c, item) != nullptr;
        case Kind::Range: {
            if (!item.is_number()) return false;
            double x = item.as_float();
            if (x != std::floor(x)) return false;
            auto& r = c.range_obj();
            int64_t v = static_cast<int64_t>(x);
            int64_t n = r.size();
            if (n == 0) return false;
            if (r.step > 0 ? (v < r.start || v >= r.stop) : (v > r.start || v <= r.stop)) return false;
            return (v - r.start) % r.step == 0;
        }
        case Kind::Undefined: return false;
        default: throw RuntimeFault{std::string("argument of type '") + type_name(c) + "' is not iterable"};
    }
}

Value get_attr(Interp& in, const Value& obj, std::string_view name) {
    switch (obj.kind) {
        case Kind::Undefined: undefined_error(obj);
        case Kind::Dict:
            if (const Value* v = dict_find_str(obj, name)) return *v;
            break;
        case Kind::Object: return obj.special()->getattr(name, in);
        default: break;
    }
    return Value::undefined(std::string(name));
}

namespace {
int64_t norm_index(int64_t i, int64_t n) { return i < 0 ? i + n : i; }
}  // namespace

Value get_item(Interp& in, const Value& obj, const Value& key) {
    switch (obj.kind) {
        case Kind::Undefined: undefined_error(obj);
        case Kind::Dict:
            if (const Value* v = dict_find(obj, key)) return *v;
            break;
        case Kind::List:
        case Kind::Tuple:
            if (key.is_int()) {
                auto& items = obj.items();
                int64_t i = norm_index(key.as_int(), static_cast<int64_t>(items.size()));
                if (i >= 0 && i < static_cast<int64_t>(items.size())) return items[static_cast<size_t>(i)];
            }
            break;
        case Kind::Range:
            if (key.is_int()) {
                auto& r = obj.range_obj();
                int64_t i = norm_index(key.as_int(), r.size());
                if (i >= 0 && i < r.size()) return Value::integer(r.at(i));
            }
            break;
        case Kind::Str:
            if (key.is_int()) {
                auto chars = utf8_chars(obj.s());
                int64_t i = norm_index(key.as_int(), static_cast<int64_t>(chars.size()));
                if (i >= 0 && i < static_cast<int64_t>(chars.size()))
                    return Value::str(std::string(chars[static_cast<size_t>(i)]));
            }
            break;
        case Kind::Object:
            if (key.is_str()) return obj.special()->getattr(key.s(), in);
            break;
        default: break;
    }
    return Value::undefined(key.is_str() ? key.s() : to_str(key));
}

// ---- expressions ----

Value NameExpr::eval(Interp& in) const {
    if (Value* v = in.frame->find(sym)) return *v;
    return Value::undefined(name);
}

void NameExpr::write(Interp& in, std::string& out) const {
    if (Value* v = in.frame->find(sym)) {
        if (v->kind == Kind::Str) out += v->s();
        else append_str(*v, out);
    }
}

Value ListExpr::eval(Interp& in) const {
    std::vector<Value> v;
    v.reserve(items.size());
    for (auto& e : items) v.push_back(e->eval(in));
    return tuple ? Value::tuple(std::move(v)) : Value::list(std::move(v));
}

Value DictExpr::eval(Interp& in) const {
    Value d = Value::dict();
    for (auto& [k, v] : items) dict_set(d, k->eval(in), v->eval(in));
    return d;
}

Value GetattrExpr::eval(Interp& in) const {
    Value o = obj->eval(in);
    if (o.kind == Kind::Object)
        if (auto* m = dynamic_cast<ModuleObj*>(o.special())) {
            if (Value* v = m->exports->local(sym)) return *v;
            return Value::undefined(name);
        }
    return get_attr(in, o, name);
}

Value GetitemExpr::eval(Interp& in) const { return get_item(in, obj->eval(in), index->eval(in)); }

Value SliceExpr::eval(Interp& in) const {
    Value o = obj->eval(in);
    if (o.is_undefined()) undefined_error(o);
    auto part = [&](const ExprPtr& e, bool& given) -> int64_t {
        given = false;
        if (!e) return 0;
        Value v = e->eval(in);
        if (v.kind == Kind::None) return 0;
        if (!v.is_int()) throw RuntimeFault{"slice indices must be integers or None"};
        given = true;
        return v.as_int();
    };
    bool has_start, has_stop, has_step;
    int64_t a = part(start, has_start), b = part(stop, has_stop), st = part(step, has_step);
    if (!has_step) st = 1;
    if (st == 0) throw RuntimeFault{"slice step cannot be zero"};
    std::vector<Value> items;
    std::vector<std::string_view> chars;
    bool is_str = o.is_str();
    int64_t n;
    if (is_str) {
        chars = utf8_chars(o.s());
        n = static_cast<int64_t>(chars.size());
    } else {
        if (!to_list(o, items) || o.kind == Kind::Dict) throw RuntimeFault{std::string("'") + type_name(o) + "' object is not subscriptable"};
        n = static_cast<int64_t>(items.size());
    }
    auto clamp = [&](int64_t v, bool given, int64_t def) -> int64_t {
        if (!given) return def;
        if (v < 0) v += n;
        if (st > 0) return std::clamp<int64_t>(v, 0, n);
        return std::clamp<int64_t>(v, -1, n - 1);
    };
    int64_t from = clamp(a, has_start, st > 0 ? 0 : n - 1);
    int64_t to = clamp(b, has_stop, st > 0 ? n : -1);
    std::string s;
    std::vector<Value> r;
    for (int64_t k = from; st > 0 ? k < to : k > to; k += st) {
        if (is_str) s += chars[static_cast<size_t>(k)];
        else r.push_back(items[static_cast<size_t>(k)]);
    }
    if (is_str) return Value::str(std::move(s));
    return o.kind == Kind::Tuple ? Value::tuple(std::move(r)) : Value::list(std::move(r));
}

namespace {

// super() inside a block renders the next block of the same name up the chain.
Value call_super(Interp& in) {
    if (!in.block_chain || in.block_index + 1 >= in.block_chain->size())
        throw RuntimeFault{"there is no parent block called 'super'"};
    const auto* chain = in.block_chain;
    size_t index = in.block_index + 1;
    const BlockRef& ref = (*chain)[index];
    std::string out;
    const Template* saved_t = in.tmpl;
    size_t saved_i = in.block_index;
    in.tmpl = ref.tmpl;
    in.block_index = index;
    {
        ScopeGuard g(in, child_of(ref.block->scoped ? in.frame : in.root));
        in.exec_body(ref.block->body, out);
    }
    in.tmpl = saved_t;
    in.block_index = saved_i;
    return Value::str(std::move(out));
}

}  // namespace

Value CallExpr::eval(Interp& in) const {
    if (auto* n = dynamic_cast<const NameExpr*>(fn.get()); n && n->name == "super" && !in.frame->find(n->sym))
        return call_super(in);
    Value f = fn->eval(in);
    CallArgs a;
    in.eval_args(args, a);
    const auto* n = dynamic_cast<const NameExpr*>(fn.get());
    return in.call(f, a, n ? n->name : std::string());
}

Value MethodCallExpr::eval(Interp& in) const {
    Value o = obj->eval(in);
    if (o.is_undefined()) undefined_error(o);
    CallArgs a;
    in.eval_args(args, a);
    if (o.kind == Kind::Object) {
        Value m = o.special()->getattr(name, in);
        return in.call(m, a, name);
    }
    if (o.kind == Kind::Dict) {
        if (const Value* v = dict_find_str(o, name); v && v->kind == Kind::Object) return in.call(*v, a, name);
    }
    return call_method(in, o, name, a);
}

Value FilterExpr::apply(Interp& in, Value v) const {
    CallArgs a;
    in.eval_args(args, a);
    return fn(in, v, a);
}

Value FilterExpr::eval(Interp& in) const { return apply(in, value->eval(in)); }

Value TestExpr::eval(Interp& in) const {
    Value v = value->eval(in);
    CallArgs a;
    in.eval_args(args, a);
    bool r = fn(in, v, a);
    return Value::boolean(negated ? !r : r);
}

Value UnaryExpr::eval(Interp& in) const {
    Value v = x->eval(in);
    if (op == '!') return Value::boolean(!truthy(v));
    if (v.is_undefined()) undefined_error(v);
    if (!v.is_number()) throw RuntimeFault{std::string("bad operand type for unary ") + op + ": '" + type_name(v) + "'"};
    if (op == '-') return v.kind == Kind::Float ? Value::real(-v.f) : Value::integer(-v.as_int());
    return v.kind == Kind::Float ? v : Value::integer(v.as_int());
}

Value BinaryExpr::eval(Interp& in) const { return arith(op, a->eval(in), b->eval(in)); }

Value LogicExpr::eval(Interp& in) const {
    Value l = a->eval(in);
    if (is_and) return truthy(l) ? b->eval(in) : l;
    return truthy(l) ? l : b->eval(in);
}

Value ConcatExpr::eval(Interp& in) const {
    if (in.autoescape) {
        // Jinja2's markup_join: with a Markup part the others are escaped, and so is the result.
        std::vector<Value> values;
        bool markup = false;
        for (auto& p : parts) {
            values.push_back(p->eval(in));
            markup = markup || values.back().is_markup();
        }
        std::string s;
        for (const auto& v : values) markup ? append_escaped(v, s) : append_str(v, s);
        return markup ? Value::markup(std::move(s)) : Value::str(std::move(s));
    }
    std::string s;
    write(in, s);
    return Value::str(std::move(s));
}
void ConcatExpr::write(Interp& in, std::string& out) const {
    if (in.autoescape) return append_str(eval(in), out);
    for (auto& p : parts) p->write(in, out);
}

Value CompareExpr::eval(Interp& in) const {
    Value left = first->eval(in);
    for (auto& [op, e] : ops) {
        Value right = e->eval(in);
        bool r = false;
        switch (op) {
            case CmpOp::Eq: r = equals(left, right); break;
            case CmpOp::Ne: r = !equals(left, right); break;
            case CmpOp::Lt: r = less(left, right); break;
            case CmpOp::Le: r = !less(right, left); break;
            case CmpOp::Gt: r = less(right, left); break;
            case CmpOp::Ge: r = !less(left, right); break;
            case CmpOp::In: r = contains(right, left); break;
            case CmpOp::NotIn: r = !contains(right, left); break;
        }
        if (!r) return Value::boolean(false);
        left = std::move(right);
    }
    return Value::boolean(true);
}

Value CondExpr::eval(Interp& in) const {
    if (truthy(test->eval(in))) return then->eval(in);
    if (otherwise) return otherwise->eval(in);
    return Value::undefined("");
}

// ---- statements ----

void OutputStmt::exec(Interp& in, std::string& out) const {
    const bool trace = in.marks && &out == in.top_out;
    for (const auto& p : pieces) {
        if (trace) in.marks->push_back({out.size(), in.tmpl, p.line});
        if (!p.expr) {
            out += p.text;
            continue;
        }
        try {
            if (in.autoescape) append_escaped(p.expr->eval(in), out);
            else p.expr->write(in, out);
        } catch (const RuntimeFault& f) {
            in.fail(*p.expr, f.message);
        }
    }
}

void IfStmt::exec(Interp& in, std::string& out) const {
    for (const auto& [cond, body] : branches) {
        bool yes;
        try {
            yes = truthy(cond->eval(in));
        } catch (const RuntimeFault& f) {
            in.fail(*cond, f.message);
        }
        if (yes) {
            in.exec_body(body, out);
            return;
        }
    }
    in.exec_body(otherwise, out);
}

namespace {

// The `loop` variable of a for loop.
struct LoopObj : Special {
    const ForStmt* stmt = nullptr;
    const std::vector<Value>* items = nullptr;  // null: a range iterated in place
    const RangeObj* range = nullptr;
    int64_t index0 = 0, length = 0;
    int depth = 0;
    Value last_changed;
    bool has_changed = false;
    std::weak_ptr<LoopObj> self;

    Value item(int64_t k) const {
        if (items) return (*items)[static_cast<size_t>(k)];
        return Value::integer(range->at(k));
    }
    const char* type_name() const override { return "LoopContext"; }
    bool callable() const override { return stmt && stmt->recursive; }
    Value call(Interp& in, CallArgs& args) override {
        if (!stmt || !stmt->recursive) throw RuntimeFault{"the loop must have the 'recursive' marker to be called"};
        if (args.pos.empty()) throw RuntimeFault{"loop() takes the items to iterate"};
        std::string out;
        stmt->run(in, out, args.pos[0], depth + 1);
        return Value::str(std::move(out));
    }
    Value getattr(std::string_view n, Interp& in) override;
    void str(std::string& out) const override {
        out += "<LoopContext " + std::to_string(index0 + 1) + "/" + std::to_string(length) + ">";
    }
};

struct BoundLoopMethod : Special {
    std::shared_ptr<LoopObj> loop;
    bool is_cycle;
    const char* type_name() const override { return "method"; }
    bool callable() const override { return true; }
    Value call(Interp&, CallArgs& args) override {
        if (is_cycle) {
            if (args.pos.empty()) throw RuntimeFault{"no items for cycling given"};
            return args.pos[static_cast<size_t>(loop->index0) % args.pos.size()];
        }
        Value now = Value::list(args.pos);
        if (loop->has_changed && equals(now, loop->last_changed)) return Value::boolean(false);
        loop->last_changed = now;
        loop->has_changed = true;
        return Value::boolean(true);
    }
};

Value LoopObj::getattr(std::string_view n, Interp&) {
    if (n == "index") return Value::integer(index0 + 1);
    if (n == "index0") return Value::integer(index0);
    if (n == "revindex") return Value::integer(length - index0);
    if (n == "revindex0") return Value::integer(length - index0 - 1);
    if (n == "first") return Value::boolean(index0 == 0);
    if (n == "last") return Value::boolean(index0 == length - 1);
    if (n == "length") return Value::integer(length);
    if (n == "depth") return Value::integer(depth + 1);
    if (n == "depth0") return Value::integer(depth);
    if (n == "previtem") return index0 > 0 ? item(index0 - 1) : Value::undefined("previtem");
    if (n == "nextitem") return index0 + 1 < length ? item(index0 + 1) : Value::undefined("nextitem");
    if (n == "cycle" || n == "changed") {
        auto m = std::make_shared<BoundLoopMethod>();
        // The loop object is owned by a shared_ptr held in the loop's frame.
        m->loop = self.lock();
        m->is_cycle = n == "cycle";
        return Value::object(m);
    }
    return Value::undefined(std::string(n));
}

}  // namespace

void ForStmt::exec(Interp& in, std::string& out) const {
    Value seq;
    try {
        seq = iter->eval(in);
    } catch (const RuntimeFault& f) {
        in.fail(*iter, f.message);
    }
    run(in, out, seq, 0);
}

void ForStmt::run(Interp& in, std::string& out, const Value& seq, int depth) const {
    auto loop = std::make_shared<LoopObj>();
    loop->self = loop;
    loop->stmt = this;
    loop->depth = depth;
    std::vector<Value> items;
    if (seq.kind == Kind::Range && !filter) {
        loop->range = &seq.range_obj();
        loop->length = loop->range->size();
    } else {
        if (seq.kind == Kind::Object) throw RuntimeFault{std::string("'") + type_name(seq) + "' object is not iterable"};
        if (!to_list(seq, items)) throw RuntimeFault{std::string("'") + type_name(seq) + "' object is not iterable"};
        loop->items = &items;
        loop->length = static_cast<int64_t>(items.size());
    }
    auto scope = child_of(in.frame);
    ScopeGuard g(in, scope);
    if (filter) {
        // `for x in seq if cond`: the loop (and loop.length) sees only the items that pass.
        std::vector<Value> kept;
        for (auto& v : items) {
            scope->vars.clear();
            in.assign(target, v);
            if (truthy(filter->eval(in))) kept.push_back(v);
        }
        items = std::move(kept);
        loop->length = static_cast<int64_t>(items.size());
    }
    Value loop_value = Value::object(loop);
    const int loop_sym = sym_loop();
    for (int64_t k = 0; k < loop->length; ++k) {
        scope->vars.clear();
        loop->index0 = k;
        scope->vars.emplace_back(loop_sym, loop_value);
        in.assign(target, loop->item(k));
        in.exec_body(body, out);
        in.cont = false;
        if (in.brk) {
            in.brk = false;
            break;
        }
    }
    if (loop->length == 0) {
        scope->vars.clear();
        in.exec_body(otherwise, out);
    }
}

void SetStmt::exec(Interp& in, std::string&) const { in.assign(target, value->eval(in)); }

void SetBlockStmt::exec(Interp& in, std::string&) const {
    std::string captured;
    in.exec_body(body, captured);
    Value v = in.autoescape ? Value::markup(std::move(captured)) : Value::str(std::move(captured));
    for (auto& f : filters) v = f->apply(in, std::move(v));
    in.assign(target, v);
}

void WithStmt::exec(Interp& in, std::string& out) const {
    std::vector<Value> values;
    for (auto& a : assigns) values.push_back(a.second->eval(in));
    ScopeGuard g(in, child_of(in.frame));
    for (size_t k = 0; k < assigns.size(); ++k) in.assign(assigns[k].first, values[k]);
    in.exec_body(body, out);
}

void AutoescapeStmt::exec(Interp& in, std::string& out) const {
    bool saved = in.autoescape;
    try {
        in.autoescape = truthy(enabled->eval(in));
    } catch (const RuntimeFault& f) {
        in.fail(*enabled, f.message);
    }
    struct Back {
        Interp& in;
        bool v;
        ~Back() { in.autoescape = v; }
    } back{in, saved};
    ScopeGuard g(in, child_of(in.frame));  // a scope of its own, as Jinja2's
    in.exec_body(body, out);
}

void DoStmt::exec(Interp& in, std::string&) const { expr->eval(in); }

void LoopControlStmt::exec(Interp& in, std::string&) const {
    if (is_break) in.brk = true;
    else in.cont = true;
}

namespace {

// Included and imported templates render with the environment's setting (off), not
// the autoescape block around the include, as in Jinja2.
struct EnvironmentEscaping {
    Interp& in;
    bool saved;
    explicit EnvironmentEscaping(Interp& i) : in(i), saved(i.autoescape) { in.autoescape = false; }
    ~EnvironmentEscaping() { in.autoescape = saved; }
};

}  // namespace

void IncludeStmt::exec(Interp& in, std::string& out) const {
    Value n = name->eval(in);
    EnvironmentEscaping plain(in);
    const Template* t = nullptr;
    try {
        t = &in.load(n, *this);
    } catch (const TemplateError&) {
        if (ignore_missing) return;
        throw;
    }
    in.render_template(*t, with_context ? in.frame : in.globals, out);
}



namespace {

Value import_module(Interp& in, const Value& name, bool with_context, const Node& at) {
    const Template& t = in.load(name, at);
    if (!with_context) {
        auto it = in.modules.find(&t);
        if (it != in.modules.end()) return it->second;
    }
    auto m = std::make_shared<ModuleObj>();
    m->name = t.name;
    EnvironmentEscaping plain(in);
    m->exports = in.render_template(t, with_context ? in.frame : in.globals, m->body);
    Value v = Value::object(m);
    if (!with_context) in.modules[&t] = v;
    return v;
}

}  // namespace

Value ModuleObj::getattr(std::string_view n, Interp&) {
    int sym = intern(n);
    if (Value* v = exports->local(sym)) return *v;
    return Value::undefined(std::string(n));
}

void ImportStmt::exec(Interp& in, std::string&) const {
    in.assign(target, import_module(in, name->eval(in), with_context, *this));
}

void FromImportStmt::exec(Interp& in, std::string&) const {
    Value m = import_module(in, name->eval(in), with_context, *this);
    auto* mod = static_cast<ModuleObj*>(m.special());
    for (auto& [n, alias] : names) {
        Value* v = mod->exports->local(intern(n));
        in.assign(alias, v ? *v : Value::undefined(n));
    }
}

Value MacroObj::call(Interp& in, CallArgs& args) {
    if (in.depth > 200) throw RuntimeFault{"maximum recursion depth exceeded in macro '" + node->name + "'"};
    auto scope = child_of(closure);
    std::vector<bool> bound(node->params.size(), false);
    std::vector<Value> extra;
    for (size_t k = 0; k < args.pos.size(); ++k) {
        if (k < node->params.size()) {
            scope->set(node->params[k].sym, args.pos[k]);
            bound[k] = true;
        } else extra.push_back(args.pos[k]);
    }
    Value kwargs = Value::dict();
    Value caller;
    for (auto& [name, v] : args.kw) {
        bool found = false;
        for (size_t k = 0; k < node->params.size(); ++k) {
            if (node->params[k].name == name) {
                if (bound[k]) throw RuntimeFault{"macro '" + node->name + "' got multiple values for argument '" + name + "'"};
                scope->set(node->params[k].sym, v);
                bound[k] = true;
                found = true;
            }
        }
        if (found) continue;
        if (name == "caller") caller = v;
        else dict_set(kwargs, Value::str(name), v);
    }
    ++in.depth;
    ScopeGuard g(in, scope);
    const Template* saved = in.tmpl;
    in.tmpl = tmpl;
    struct Back {
        Interp& in;
        const Template* t;
        ~Back() {
            in.tmpl = t;
            --in.depth;
        }
    } back{in, saved};
    for (size_t k = 0; k < node->params.size(); ++k) {
        if (bound[k]) continue;
        const MacroParam& p = node->params[k];
        scope->set(p.sym, p.default_value ? p.default_value->eval(in) : Value::undefined(p.name));
    }
    scope->set(sym_varargs(), Value::tuple(std::move(extra)));
    scope->set(sym_kwargs(), kwargs);
    if (!caller.is_undefined()) scope->set(sym_caller(), caller);
    std::string out;
    bool brk = in.brk, cont = in.cont, escaping = in.autoescape;
    in.brk = in.cont = false;
    in.autoescape = autoescape;
    in.exec_body(node->body, out);
    in.brk = brk;
    in.cont = cont;
    in.autoescape = escaping;
    // Jinja2 escapes a macro's body as where it is defined, and marks its output safe
    // when the caller autoescapes.
    return escaping ? Value::markup(std::move(out)) : Value::str(std::move(out));
}

void MacroStmt::exec(Interp& in, std::string&) const {
    auto m = std::make_shared<MacroObj>();
    m->node = this;
    m->tmpl = in.tmpl;
    m->closure = in.frame;
    m->autoescape = in.autoescape;
    in.frame->set(sym, Value::object(m));
}

void CallBlockStmt::exec(Interp& in, std::string& out) const {
    auto m = std::make_shared<MacroObj>();
    m->node = caller.get();
    m->tmpl = in.tmpl;
    m->closure = in.frame;
    m->autoescape = in.autoescape;
    Value fn = call->fn->eval(in);
    CallArgs a;
    in.eval_args(call->args, a);
    a.kw.emplace_back("caller", Value::object(m));
    append_str(in.call(fn, a, "call"), out);
}

void FilterBlockStmt::exec(Interp& in, std::string& out) const {
    std::string captured;
    in.exec_body(body, captured);
    Value v = in.autoescape ? Value::markup(std::move(captured)) : Value::str(std::move(captured));
    for (auto& f : filters) v = f->apply(in, std::move(v));
    in.autoescape ? append_escaped(v, out) : append_str(v, out);
}

void ExtendsStmt::exec(Interp& in, std::string&) const {
    if (in.parent_template) throw RuntimeFault{"extended multiple times"};
    in.parent_template = &in.load(name->eval(in), *this);
}

void BlockStmt::exec(Interp& in, std::string& out) const {
    const std::vector<BlockRef>* chain = nullptr;
    if (in.blocks) {
        auto it = in.blocks->find(name);
        if (it != in.blocks->end()) chain = &it->second;
    }
    const BlockStmt* b = chain ? (*chain)[0].block : this;
    const Template* t = chain ? (*chain)[0].tmpl : in.tmpl;
    const auto* saved_chain = in.block_chain;
    size_t saved_index = in.block_index;
    const Template* saved_t = in.tmpl;
    in.block_chain = chain;
    in.block_index = 0;
    in.tmpl = t;
    struct Back {
        Interp& in;
        const std::vector<BlockRef>* c;
        size_t i;
        const Template* t;
        ~Back() {
            in.block_chain = c;
            in.block_index = i;
            in.tmpl = t;
        }
    } back{in, saved_chain, saved_index, saved_t};
    ScopeGuard g(in, child_of(b->scoped ? in.frame : in.root));
    in.exec_body(b->body, out);
}

}  // namespace eventgen::jinja
