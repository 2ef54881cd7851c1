#pragma once
// The compiled tree of a template: expressions evaluate to values, statements write
// output. Built once by the parser, then only read (shared by every render).
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "jinja/value.h"

namespace eventgen::jinja {

class Interp;
struct Template;

struct Node {
    int line = 0, column = 0;
    virtual ~Node() = default;
};

struct Expr : Node {
    virtual Value eval(Interp& in) const = 0;
    // Appends str(value); expressions that can skip building a value override it.
    virtual void write(Interp& in, std::string& out) const { append_str(eval(in), out); }
};
using ExprPtr = std::unique_ptr<Expr>;

struct Stmt : Node {
    virtual void exec(Interp& in, std::string& out) const = 0;
};
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

// Interned variable names (compared as integers while rendering).
int intern(std::string_view name);
const std::string& symbol_name(int sym);

struct Keyword {
    std::string name;
    ExprPtr value;
};
struct Args {
    std::vector<ExprPtr> pos;
    std::vector<Keyword> kw;
    ExprPtr star, dstar;  // *args, **kwargs
};

// ---- expressions ----
struct ConstExpr : Expr {
    Value v;
    Value eval(Interp&) const override { return v; }
    void write(Interp&, std::string& out) const override { append_str(v, out); }
};
struct NameExpr : Expr {
    int sym;
    std::string name;
    Value eval(Interp& in) const override;
    void write(Interp& in, std::string& out) const override;
};
struct ListExpr : Expr {
    std::vector<ExprPtr> items;
    bool tuple = false;
    Value eval(Interp& in) const override;
};
struct DictExpr : Expr {
    std::vector<std::pair<ExprPtr, ExprPtr>> items;
    Value eval(Interp& in) const override;
};
struct GetattrExpr : Expr {
    ExprPtr obj;
    std::string name;
    int sym = -1;  // the name interned (module attributes are looked up by it)
    Value eval(Interp& in) const override;
};
struct GetitemExpr : Expr {
    ExprPtr obj, index;
    Value eval(Interp& in) const override;
};
struct SliceExpr : Expr {
    ExprPtr obj, start, stop, step;
    Value eval(Interp& in) const override;
};
struct CallExpr : Expr {
    ExprPtr fn;
    Args args;
    Value eval(Interp& in) const override;
};
// obj.name(args): methods of str, list, dict and objects, without a bound-method value.
struct MethodCallExpr : Expr {
    ExprPtr obj;
    std::string name;
    Args args;
    Value eval(Interp& in) const override;
};
using FilterFn = Value (*)(Interp& in, Value& v, CallArgs& args);
using TestFn = bool (*)(Interp& in, const Value& v, CallArgs& args);
struct FilterExpr : Expr {
    ExprPtr value;  // null inside {% filter %} blocks
    std::string name;
    FilterFn fn = nullptr;
    Args args;
    Value eval(Interp& in) const override;
    Value apply(Interp& in, Value v) const;
};
struct TestExpr : Expr {
    ExprPtr value;
    std::string name;
    TestFn fn = nullptr;
    Args args;
    bool negated = false;
    Value eval(Interp& in) const override;
};
struct UnaryExpr : Expr {
    char op;  // '-', '+', '!'
    ExprPtr x;
    Value eval(Interp& in) const override;
};
enum class BinOp { Add, Sub, Mul, Div, FloorDiv, Mod, Pow };
struct BinaryExpr : Expr {
    BinOp op;
    ExprPtr a, b;
    Value eval(Interp& in) const override;
};
struct LogicExpr : Expr {
    bool is_and;
    ExprPtr a, b;
    Value eval(Interp& in) const override;
};
struct ConcatExpr : Expr {
    std::vector<ExprPtr> parts;
    Value eval(Interp& in) const override;
    void write(Interp& in, std::string& out) const override;
};
enum class CmpOp { Eq, Ne, Lt, Le, Gt, Ge, In, NotIn };
struct CompareExpr : Expr {
    ExprPtr first;
    std::vector<std::pair<CmpOp, ExprPtr>> ops;
    Value eval(Interp& in) const override;
};
struct CondExpr : Expr {
    ExprPtr test, then, otherwise;  // otherwise may be null (undefined)
    Value eval(Interp& in) const override;
};

// ---- assignment targets ----
struct Target {
    enum Kind { Name, Tuple, NsAttr } kind = Name;
    int sym = -1;
    std::string name, attr;
    std::vector<Target> items;
};

// ---- statements ----
struct OutputStmt : Stmt {
    struct Piece {
        std::string text;
        ExprPtr expr;  // null for template data
        int line = 0;  // where it starts in the template
    };
    std::vector<Piece> pieces;
    void exec(Interp& in, std::string& out) const override;
};
struct IfStmt : Stmt {
    std::vector<std::pair<ExprPtr, Body>> branches;  // if, elif...
    Body otherwise;
    void exec(Interp& in, std::string& out) const override;
};
struct ForStmt : Stmt {
    Target target;
    ExprPtr iter, filter;
    Body body, otherwise;
    bool recursive = false;
    void exec(Interp& in, std::string& out) const override;
    void run(Interp& in, std::string& out, const Value& seq, int depth) const;
};
struct SetStmt : Stmt {
    Target target;
    ExprPtr value;
    void exec(Interp& in, std::string& out) const override;
};
struct SetBlockStmt : Stmt {
    Target target;
    Body body;
    std::vector<std::unique_ptr<FilterExpr>> filters;
    void exec(Interp& in, std::string& out) const override;
};
struct WithStmt : Stmt {
    std::vector<std::pair<Target, ExprPtr>> assigns;
    Body body;
    void exec(Interp& in, std::string& out) const override;
};
// {% autoescape expr %}: printed values inside are HTML-escaped unless they are Markup.
struct AutoescapeStmt : Stmt {
    ExprPtr enabled;
    Body body;
    void exec(Interp& in, std::string& out) const override;
};
struct DoStmt : Stmt {
    ExprPtr expr;
    void exec(Interp& in, std::string& out) const override;
};
struct LoopControlStmt : Stmt {
    bool is_break;
    void exec(Interp& in, std::string& out) const override;
};
struct IncludeStmt : Stmt {
    ExprPtr name;
    bool ignore_missing = false, with_context = true;
    void exec(Interp& in, std::string& out) const override;
};
struct ImportStmt : Stmt {
    ExprPtr name;
    Target target;
    bool with_context = false;
    void exec(Interp& in, std::string& out) const override;
};
struct FromImportStmt : Stmt {
    ExprPtr name;
    std::vector<std::pair<std::string, Target>> names;
    bool with_context = false;
    void exec(Interp& in, std::string& out) const override;
};
struct MacroParam {
    std::string name;
    int sym;
    ExprPtr default_value;
};
struct MacroStmt : Stmt {
    std::string name;
    int sym;
    std::vector<MacroParam> params;
    Body body;
    void exec(Interp& in, std::string& out) const override;
};
struct CallBlockStmt : Stmt {
    std::unique_ptr<CallExpr> call;
    std::unique_ptr<MacroStmt> caller;  // the body, as an anonymous macro
    void exec(Interp& in, std::string& out) const override;
};
struct FilterBlockStmt : Stmt {
    std::vector<std::unique_ptr<FilterExpr>> filters;
    Body body;
    void exec(Interp& in, std::string& out) const override;
};
struct ExtendsStmt : Stmt {
    ExprPtr name;
    void exec(Interp& in, std::string& out) const override;
};
struct BlockStmt : Stmt {
    std::string name;
    Body body;
    bool scoped = false;
    void exec(Interp& in, std::string& out) const override;
};
// SA-Eventgen's time tags: {% time_now %}, {% time_slice ... %}, {% time_delta ... %}.
struct TimeTagStmt : Stmt {
    std::string tag;
    int epoch_sym = -1, formatted_sym = -1;  // the variables it sets
    std::vector<ExprPtr> args;
    std::vector<Keyword> kwargs;
    void exec(Interp& in, std::string& out) const override;
};

struct Template {
    std::string name;  // as loaded (for error messages: the file path)
    std::string path;
    Body body;
    std::map<std::string, const BlockStmt*> blocks;
    struct Ref {
        std::string name;
        int line, column;
    };
    std::vector<Ref> static_refs;  // templates named by constant include/import/extends
};

}  // namespace eventgen::jinja
