#pragma once
// Renders a compiled template by walking its tree. One Interp per render; it holds
// the variable scopes, the random stream and the loop/extends state.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/rng.h"
#include "jinja/ast.h"

namespace eventgen::jinja {

class Environment;

// One scope of variables. Scopes chain to their parent (globals at the end).
struct Frame {
    std::vector<std::pair<int, Value>> vars;
    std::shared_ptr<Frame> parent;

    Value* local(int sym) {
        for (auto& [s, v] : vars)
            if (s == sym) return &v;
        return nullptr;
    }
    Value* find(int sym) {
        for (Frame* f = this; f; f = f->parent.get())
            if (Value* v = f->local(sym)) return v;
        return nullptr;
    }
    void set(int sym, Value v) {
        if (Value* old = local(sym)) *old = std::move(v);
        else vars.emplace_back(sym, std::move(v));
    }
};

// Where output came from: text from `offset` on was written by `tmpl` at `line`.
struct OutputMark {
    size_t offset;
    const Template* tmpl;
    int line;
};

struct BlockRef {
    const BlockStmt* block;
    const Template* tmpl;
};

class Interp {
public:
    Interp(const Environment& env, Rng& rng) : env(env), rng(rng) {}

    const Environment& env;
    Rng& rng;
    double now = 0;  // epoch seconds {% time_now %} reports

    const Template* tmpl = nullptr;  // the template being rendered (errors name its file)
    std::shared_ptr<Frame> frame;    // current scope
    std::shared_ptr<Frame> root;     // the template's top-level scope
    std::shared_ptr<Frame> globals;  // environment globals + render variables
    bool brk = false, cont = false;
    bool autoescape = false;  // inside {% autoescape true %}
    int depth = 0;

    // extends/block state of the template being rendered
    std::map<std::string, std::vector<BlockRef>>* blocks = nullptr;
    const Template* parent_template = nullptr;
    const std::vector<BlockRef>* block_chain = nullptr;
    size_t block_index = 0;
    // When set, template output written straight to *top_out is traced here.
    std::vector<OutputMark>* marks = nullptr;
    const std::string* top_out = nullptr;
    // Modules imported without context, once per render (as Jinja2 caches them).
    std::map<const Template*, Value> modules;

    // Renders `t` into `out`, its top-level scope a child of `parent`.
    // Returns that scope (an import's exports).
    std::shared_ptr<Frame> render_template(const Template& t, std::shared_ptr<Frame> parent, std::string& out);
    void exec_body(const Body& body, std::string& out);
    void assign(const Target& t, const Value& v);
    Value lookup(int sym, const std::string& name) {
        if (Value* v = frame->find(sym)) return *v;
        return Value::undefined(name);
    }
    const Template& load(const Value& name, const Node& at);
    // Evaluates call arguments.
    void eval_args(const Args& a, CallArgs& out);
    Value call(const Value& fn, CallArgs& args, const std::string& what);
    [[noreturn]] void fail(const Node& at, const std::string& msg) const;
};

// Attribute and item access with Jinja2's fallbacks (a.b tries the item too).
Value get_attr(Interp& in, const Value& obj, std::string_view name);
Value get_item(Interp& in, const Value& obj, const Value& key);
// Raises Jinja2's UndefinedError for `v` used where a value is needed.
[[noreturn]] void undefined_error(const Value& v);

// Binary arithmetic with Python's rules.
Value arith(BinOp op, const Value& a, const Value& b);
bool contains(const Value& container, const Value& item);
// Python's int() / float() of a value; false when it does not convert.
bool to_int(const Value& v, int64_t& out);
bool to_float(const Value& v, double& out);

// A macro, bound to the scope it was defined in.
struct MacroObj : Special {
    const MacroStmt* node;
    const Template* tmpl;
    std::shared_ptr<Frame> closure;
    bool autoescape = false;  // where it was defined: whether its body escapes
    const char* type_name() const override { return "Macro"; }
    bool callable() const override { return true; }
    Value call(Interp& in, CallArgs& args) override;
    void str(std::string& out) const override { out += "<Macro '" + node->name + "'>"; }
};

// An imported template: its top-level names, and its output as str().
struct ModuleObj : Special {
    std::shared_ptr<Frame> exports;
    std::string body;
    std::string name;
    const char* type_name() const override { return "TemplateModule"; }
    Value getattr(std::string_view name, Interp& in) override;
    void str(std::string& out) const override { out += body; }
};

}  // namespace eventgen::jinja
