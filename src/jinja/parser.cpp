#include "jinja/parser.h"

#include <mutex>
#include <set>
#include <unordered_map>

#include "jinja/builtins.h"

namespace eventgen::jinja {

namespace {
std::mutex& symbols_mutex() {
    static std::mutex m;
    return m;
}
std::unordered_map<std::string, int>& symbol_ids() {
    static std::unordered_map<std::string, int> ids;
    return ids;
}
std::vector<std::unique_ptr<std::string>>& symbol_names() {
    static std::vector<std::unique_ptr<std::string>> names;
    return names;
}
}  // namespace

int intern(std::string_view name) {
    std::lock_guard<std::mutex> lock(symbols_mutex());
    auto& ids = symbol_ids();
    auto it = ids.find(std::string(name));
    if (it != ids.end()) return it->second;
    int id = static_cast<int>(symbol_names().size());
    symbol_names().push_back(std::make_unique<std::string>(name));
    ids.emplace(std::string(name), id);
    return id;
}

const std::string& symbol_name(int sym) {
    std::lock_guard<std::mutex> lock(symbols_mutex());
    return *symbol_names().at(static_cast<size_t>(sym));
}

namespace {

template <typename T>
std::unique_ptr<T> make(const Token& at) {
    auto n = std::make_unique<T>();
    n->line = at.line;
    n->column = at.column;
    return n;
}

class Parser {
public:
    Parser(std::vector<Token> toks, Template& t) : toks_(std::move(toks)), t_(t) {}

    void run() {
        t_.body = statements({});
        if (cur().type != Tok::Eof) fail(cur(), "unexpected " + describe(cur()));
    }

private:
    // ---- token helpers ----
    const Token& cur() const { return toks_[pos_]; }
    const Token& look(size_t ahead = 1) const { return toks_[std::min(pos_ + ahead, toks_.size() - 1)]; }
    const Token& next() { return toks_[pos_ < toks_.size() - 1 ? pos_++ : pos_]; }
    bool is_op(const char* op) const { return cur().type == Tok::Op && cur().text == op; }
    bool is_name(const char* n) const { return cur().type == Tok::Name && cur().text == n; }
    bool skip_op(const char* op) {
        if (!is_op(op)) return false;
        next();
        return true;
    }
    bool skip_name(const char* n) {
        if (!is_name(n)) return false;
        next();
        return true;
    }
    [[noreturn]] void fail(const Token& at, const std::string& msg) const {
        throw TemplateError(t_.path, at.line, at.column, msg);
    }
    void expect_op(const char* op) {
        if (!skip_op(op)) fail(cur(), std::string("expected '") + op + "', got " + describe(cur()));
    }
    void expect_name(const char* n) {
        if (!skip_name(n)) fail(cur(), std::string("expected '") + n + "', got " + describe(cur()));
    }
    std::string expect_identifier() {
        if (cur().type != Tok::Name) fail(cur(), "expected a name, got " + describe(cur()));
        return next().text;
    }
    void expect_block_end() {
        if (cur().type != Tok::BlockEnd) fail(cur(), "expected end of statement block, got " + describe(cur()));
        next();
    }

    // ---- statements ----
    // Parses until a block tag named in `ends` (left unconsumed, after its {%) or Eof.
    Body statements(const std::set<std::string>& ends, const char* innermost = nullptr) {
        Body body;
        std::unique_ptr<OutputStmt> output;
        auto flush = [&] {
            if (output) body.push_back(std::move(output));
            output.reset();
        };
        while (true) {
            const Token& t = cur();
            if (t.type == Tok::Eof) {
                if (!ends.empty()) {
                    std::string want;
                    for (auto& e : ends) want += (want.empty() ? "'" : " or '") + e + "'";
                    fail(t, "unexpected end of template, expected " + want + " (to close the '" +
                                std::string(innermost ? innermost : "") + "' block)");
                }
                break;
            }
            if (t.type == Tok::Data || t.type == Tok::VarBegin) {
                if (!output) output = make<OutputStmt>(t);
                OutputStmt::Piece p;
                p.line = t.line;
                if (t.type == Tok::Data) {
                    p.text = next().text;
                } else {
                    next();
                    p.expr = tuple_expr(true);
                    if (cur().type != Tok::VarEnd)
                        fail(cur(), "expected end of print statement '}}', got " + describe(cur()));
                    next();
                }
                output->pieces.push_back(std::move(p));
                continue;
            }
            if (t.type == Tok::BlockBegin) {
                const Token& tag = look();
                if (tag.type == Tok::Name && ends.count(tag.text)) {
                    flush();
                    next();
                    return body;
                }
                flush();
                next();
                body.push_back(statement());
                continue;
            }
            fail(t, "unexpected " + describe(t));
        }
        flush();
        return body;
    }

    // Consumes `{% name` ... returns the end tag's name.
    std::string end_tag() { return next().text; }

    // Nesting is bounded so a pathological template is an error, not a stack overflow.
    struct Depth {
        Parser& p;
        explicit Depth(Parser& parser, const Token& at) : p(parser) {
            if (++p.depth_ > 256) p.fail(at, "tags or expressions nested more than 256 deep");
        }
        ~Depth() { --p.depth_; }
    };

    StmtPtr statement() {
        const Token& t = cur();
        Depth guard(*this, t);
        if (t.type != Tok::Name) fail(t, "expected a tag name, got " + describe(t));
        const std::string& n = t.text;
        if (n == "if") return if_stmt();
        if (n == "for") return for_stmt();
        if (n == "set") return set_stmt();
        if (n == "with") return with_stmt();
        if (n == "do") {
            auto s = make<DoStmt>(next());
            s->expr = tuple_expr(true);
            expect_block_end();
            return s;
        }
        if (n == "break" || n == "continue") {
            auto s = make<LoopControlStmt>(t);
            s->is_break = n == "break";
            next();
            if (loops_ == 0) fail(t, "'" + n + "' outside of a loop");
            expect_block_end();
            return s;
        }
        if (n == "include") return include_stmt();
        if (n == "import") return import_stmt();
        if (n == "from") return from_stmt();
        if (n == "macro") return macro_stmt();
        if (n == "call") return call_stmt();
        if (n == "filter") return filter_stmt();
        if (n == "extends") {
            auto s = make<ExtendsStmt>(next());
            s->name = expression();
            note_ref(*s->name);
            expect_block_end();
            return s;
        }
        if (n == "block") return block_stmt();
        if (n == "raw") fail(t, "'raw' must be written as {% raw %} on its own");
        if (n == "autoescape") {
            // Eventgen's environment does not autoescape (SA-Eventgen's neither); the tag
            // turns it on or off for its body, as in Jinja2.
            auto s = make<AutoescapeStmt>(next());
            s->enabled = expression();
            expect_block_end();
            s->body = statements({"endautoescape"}, "autoescape");
            end_tag();
            expect_block_end();
            return s;
        }
        if (n == "time_now" || n == "time_slice" || n == "time_delta") return time_tag();
        if (n == "time_backfill")
            fail(t, "'time_backfill' is reserved by SA-Eventgen's jinja generator but does nothing there "
                    "(a future request); remove it");
        static const std::set<std::string> enders = {"endif", "endfor", "endset", "endwith", "endmacro", "endcall",
                                                     "endfilter", "endblock", "endraw", "else", "elif", "endautoescape"};
        if (enders.count(n)) fail(t, "unexpected '" + n + "': no open block it could close");
        fail(t, "unknown tag '" + n + "'");
    }

    StmtPtr if_stmt() {
        auto s = make<IfStmt>(next());
        ExprPtr cond = tuple_expr(false);
        expect_block_end();
        while (true) {
            Body b = statements({"elif", "else", "endif"}, "if");
            s->branches.emplace_back(std::move(cond), std::move(b));
            std::string tag = end_tag();
            if (tag == "elif") {
                cond = tuple_expr(false);
                expect_block_end();
                continue;
            }
            if (tag == "else") {
                expect_block_end();
                s->otherwise = statements({"endif"}, "if");
                end_tag();
            }
            break;
        }
        expect_block_end();
        return s;
    }

    StmtPtr for_stmt() {
        auto s = make<ForStmt>(next());
        s->target = assign_target(false, "in");
        expect_name("in");
        s->iter = tuple_expr(false, false, "recursive");
        if (skip_name("if")) s->filter = expression();
        if (skip_name("recursive")) s->recursive = true;
        expect_block_end();
        ++loops_;
        s->body = statements({"endfor", "else"}, "for");
        --loops_;
        if (end_tag() == "else") {
            expect_block_end();
            s->otherwise = statements({"endfor"}, "for");
            end_tag();
        }
        expect_block_end();
        return s;
    }

    StmtPtr set_stmt() {
        const Token& at = next();
        Target target = assign_target(true, nullptr);
        if (skip_op("=")) {
            auto s = make<SetStmt>(at);
            s->target = std::move(target);
            s->value = tuple_expr(true);
            expect_block_end();
            return s;
        }
        auto s = make<SetBlockStmt>(at);
        s->target = std::move(target);
        while (skip_op("|")) s->filters.push_back(filter_call(nullptr));
        expect_block_end();
        s->body = statements({"endset"}, "set");
        end_tag();
        expect_block_end();
        return s;
    }

    StmtPtr with_stmt() {
        auto s = make<WithStmt>(next());
        while (cur().type != Tok::BlockEnd) {
            if (!s->assigns.empty()) expect_op(",");
            Target t = assign_target(false, nullptr);
            expect_op("=");
            s->assigns.emplace_back(std::move(t), expression());
        }
        expect_block_end();
        s->body = statements({"endwith"}, "with");
        end_tag();
        expect_block_end();
        return s;
    }

    void note_ref(const Expr& e) {
        if (auto c = dynamic_cast<const ConstExpr*>(&e); c && c->v.is_str())
            t_.static_refs.push_back({c->v.s(), e.line, e.column});
    }

    bool context_clause(bool& with_context) {
        if ((is_name("with") || is_name("without")) && look().type == Tok::Name && look().text == "context") {
            with_context = next().text == "with";
            next();
            return true;
        }
        return false;
    }

    StmtPtr include_stmt() {
        auto s = make<IncludeStmt>(next());
        s->name = expression();
        note_ref(*s->name);
        if (is_name("ignore") && look().type == Tok::Name && look().text == "missing") {
            next();
            next();
            s->ignore_missing = true;
            if (!t_.static_refs.empty() && dynamic_cast<const ConstExpr*>(s->name.get())) t_.static_refs.pop_back();
        }
        context_clause(s->with_context);
        expect_block_end();
        return s;
    }

    StmtPtr import_stmt() {
        auto s = make<ImportStmt>(next());
        s->name = expression();
        note_ref(*s->name);
        expect_name("as");
        s->target = assign_target(false, nullptr, true);
        context_clause(s->with_context);
        expect_block_end();
        return s;
    }

    StmtPtr from_stmt() {
        auto s = make<FromImportStmt>(next());
        s->name = expression();
        note_ref(*s->name);
        expect_name("import");
        while (true) {
            if (!s->names.empty()) expect_op(",");
            if (cur().type != Tok::Name) fail(cur(), "expected a name to import, got " + describe(cur()));
            if (context_clause(s->with_context)) break;
            const Token& at = cur();
            std::string name = next().text;
            if (name[0] == '_') fail(at, "names starting with an underscore cannot be imported");
            Target alias;
            alias.name = name;
            if (skip_name("as")) alias.name = expect_identifier();
            alias.sym = intern(alias.name);
            s->names.emplace_back(name, std::move(alias));
            if (context_clause(s->with_context) || !is_op(",")) break;
        }
        expect_block_end();
        return s;
    }

    void macro_signature(MacroStmt& m) {
        expect_op("(");
        while (!is_op(")")) {
            if (!m.params.empty()) expect_op(",");
            MacroParam p;
            p.name = expect_identifier();
            p.sym = intern(p.name);
            if (skip_op("=")) p.default_value = expression();
            else if (!m.params.empty() && m.params.back().default_value)
                fail(cur(), "non-default argument '" + p.name + "' follows default argument");
            m.params.push_back(std::move(p));
        }
        expect_op(")");
    }

    StmtPtr macro_stmt() {
        auto s = make<MacroStmt>(next());
        s->name = expect_identifier();
        s->sym = intern(s->name);
        macro_signature(*s);
        expect_block_end();
        int saved = loops_;
        loops_ = 0;
        s->body = statements({"endmacro"}, "macro");
        loops_ = saved;
        end_tag();
        expect_block_end();
        return s;
    }

    StmtPtr call_stmt() {
        auto s = make<CallBlockStmt>(next());
        s->caller = make<MacroStmt>(cur());
        s->caller->name = "caller";
        s->caller->sym = intern("caller");
        if (is_op("(")) macro_signature(*s->caller);
        const Token& at = cur();
        ExprPtr call = expression();
        auto* c = dynamic_cast<CallExpr*>(call.get());
        if (!c) fail(at, "expected a macro call after 'call'");
        call.release();
        s->call.reset(c);
        expect_block_end();
        int saved = loops_;
        loops_ = 0;
        s->caller->body = statements({"endcall"}, "call");
        loops_ = saved;
        end_tag();
        expect_block_end();
        return s;
    }

    StmtPtr filter_stmt() {
        auto s = make<FilterBlockStmt>(next());
        do {
            s->filters.push_back(filter_call(nullptr));
        } while (skip_op("|"));
        expect_block_end();
        s->body = statements({"endfilter"}, "filter");
        end_tag();
        expect_block_end();
        return s;
    }

    StmtPtr block_stmt() {
        auto s = make<BlockStmt>(next());
        s->name = expect_identifier();
        if (skip_name("scoped")) s->scoped = true;
        skip_name("required");
        if (t_.blocks.count(s->name)) fail(*tok_of(s.get()), "block '" + s->name + "' defined twice");
        expect_block_end();
        int saved = loops_;
        loops_ = 0;
        s->body = statements({"endblock"}, "block");
        loops_ = saved;
        end_tag();
        if (cur().type == Tok::Name) {
            if (cur().text != s->name)
                fail(cur(), "mismatching name: 'endblock " + cur().text + "' closes block '" + s->name + "'");
            next();
        }
        expect_block_end();
        t_.blocks[s->name] = s.get();
        return s;
    }
    const Token* tok_of(const Node* n) {
        static Token t;
        t.line = n->line;
        t.column = n->column;
        return &t;
    }

    StmtPtr time_tag() {
        auto s = make<TimeTagStmt>(cur());
        s->tag = next().text;
        std::string base = s->tag == "time_now" ? "time_now" : s->tag == "time_slice" ? "time_target" : "time_delta";
        s->epoch_sym = intern(base + "_epoch");
        s->formatted_sym = intern(base + "_formatted");
        bool comma = false;
        while (cur().type != Tok::BlockEnd) {
            if (comma) expect_op(",");
            if (cur().type == Tok::Name && look().type == Tok::Op && look().text == "=") {
                Keyword k;
                k.name = next().text;
                next();
                k.value = expression();
                s->kwargs.push_back(std::move(k));
            } else {
                if (!s->kwargs.empty()) fail(cur(), "positional argument after keyword argument in '" + s->tag + "'");
                s->args.push_back(expression());
            }
            comma = true;
        }
        expect_block_end();
        return s;
    }

    // name, (a, b), a.b (namespace attribute, `set` only) or a name only.
    Target assign_target(bool with_namespace, const char* end_name, bool name_only = false) {
        Target t;
        if (name_only) {
            t.name = expect_identifier();
            t.sym = intern(t.name);
            return t;
        }
        auto one = [&]() {
            Target x;
            if (skip_op("(")) {
                x = assign_target(with_namespace, nullptr);
                expect_op(")");
                return x;
            }
            const Token& at = cur();
            x.name = expect_identifier();
            if (x.name == "true" || x.name == "false" || x.name == "none" || x.name == "True" || x.name == "False" ||
                x.name == "None")
                fail(at, "cannot assign to '" + x.name + "'");
            x.sym = intern(x.name);
            if (with_namespace && is_op(".")) {
                next();
                x.kind = Target::NsAttr;
                x.attr = expect_identifier();
            }
            return x;
        };
        Target first = one();
        if (!is_op(",")) return first;
        t.kind = Target::Tuple;
        t.items.push_back(std::move(first));
        while (skip_op(",")) {
            if (cur().type != Tok::Name && !is_op("(")) break;
            if (end_name && is_name(end_name)) break;
            t.items.push_back(one());
        }
        return t;
    }

    // ---- expressions ----
    // A comma list becomes a tuple; `extra_end` names a keyword that ends it.
    ExprPtr tuple_expr(bool with_condexpr, bool simplified = false, const char* extra_end = nullptr) {
        const Token& at = cur();
        std::vector<ExprPtr> items;
        bool comma = false;
        while (true) {
            if (!items.empty()) {
                if (!skip_op(",")) break;
                comma = true;
            }
            if (tuple_ends(extra_end)) break;
            items.push_back(simplified ? primary() : with_condexpr ? expression() : or_expr());
        }
        if (!comma) {
            if (items.empty()) fail(cur(), "expected an expression, got " + describe(cur()));
            return std::move(items[0]);
        }
        auto l = make<ListExpr>(at);
        l->tuple = true;
        l->items = std::move(items);
        return l;
    }
    bool tuple_ends(const char* extra_end) const {
        const Token& t = cur();
        if (t.type == Tok::VarEnd || t.type == Tok::BlockEnd || t.type == Tok::Eof) return true;
        if (t.type == Tok::Op && (t.text == ")" || t.text == "]" || t.text == "}" || t.text == "=")) return true;
        if (extra_end && t.type == Tok::Name && (t.text == extra_end || t.text == "if")) return true;
        return false;
    }

    ExprPtr expression() { return cond_expr(); }

    ExprPtr cond_expr() {
        ExprPtr e = or_expr();
        while (is_name("if")) {
            auto c = make<CondExpr>(next());
            c->then = std::move(e);
            c->test = or_expr();
            if (skip_name("else")) c->otherwise = cond_expr();
            e = std::move(c);
        }
        return e;
    }
    ExprPtr or_expr() {
        ExprPtr e = and_expr();
        while (is_name("or")) {
            auto l = make<LogicExpr>(next());
            l->is_and = false;
            l->a = std::move(e);
            l->b = and_expr();
            e = std::move(l);
        }
        return e;
    }
    ExprPtr and_expr() {
        ExprPtr e = not_expr();
        while (is_name("and")) {
            auto l = make<LogicExpr>(next());
            l->is_and = true;
            l->a = std::move(e);
            l->b = not_expr();
            e = std::move(l);
        }
        return e;
    }
    ExprPtr not_expr() {
        if (is_name("not")) {
            auto u = make<UnaryExpr>(next());
            u->op = '!';
            u->x = not_expr();
            return u;
        }
        return compare();
    }
    ExprPtr compare() {
        const Token& at = cur();
        ExprPtr first = math1();
        std::vector<std::pair<CmpOp, ExprPtr>> ops;
        while (true) {
            CmpOp op;
            if (is_op("==")) op = CmpOp::Eq;
            else if (is_op("!=")) op = CmpOp::Ne;
            else if (is_op("<")) op = CmpOp::Lt;
            else if (is_op("<=")) op = CmpOp::Le;
            else if (is_op(">")) op = CmpOp::Gt;
            else if (is_op(">=")) op = CmpOp::Ge;
            else if (is_name("in")) op = CmpOp::In;
            else if (is_name("not") && look().type == Tok::Name && look().text == "in") {
                next();
                op = CmpOp::NotIn;
            } else break;
            next();
            ops.emplace_back(op, math1());
        }
        if (ops.empty()) return first;
        auto c = make<CompareExpr>(at);
        c->first = std::move(first);
        c->ops = std::move(ops);
        return c;
    }
    ExprPtr binary(BinOp op, ExprPtr a, ExprPtr b, const Token& at) {
        auto e = make<BinaryExpr>(at);
        e->op = op;
        e->a = std::move(a);
        e->b = std::move(b);
        return e;
    }
    ExprPtr math1() {
        ExprPtr e = concat();
        while (is_op("+") || is_op("-")) {
            const Token& at = next();
            e = binary(at.text == "+" ? BinOp::Add : BinOp::Sub, std::move(e), concat(), at);
        }
        return e;
    }
    ExprPtr concat() {
        const Token& at = cur();
        ExprPtr e = math2();
        if (!is_op("~")) return e;
        auto c = make<ConcatExpr>(at);
        c->parts.push_back(std::move(e));
        while (skip_op("~")) c->parts.push_back(math2());
        return c;
    }
    ExprPtr math2() {
        ExprPtr e = power();
        while (is_op("*") || is_op("/") || is_op("//") || is_op("%")) {
            const Token& at = next();
            BinOp op = at.text == "*" ? BinOp::Mul : at.text == "/" ? BinOp::Div : at.text == "//" ? BinOp::FloorDiv
                                                                                                 : BinOp::Mod;
            e = binary(op, std::move(e), power(), at);
        }
        return e;
    }
    ExprPtr power() {
        ExprPtr e = unary(true);
        while (is_op("**")) {
            const Token& at = next();
            e = binary(BinOp::Pow, std::move(e), unary(true), at);
        }
        return e;
    }
    ExprPtr unary(bool with_filter) {
        Depth guard(*this, cur());
        ExprPtr e;
        if (is_op("-") || is_op("+")) {
            auto u = make<UnaryExpr>(cur());
            u->op = next().text[0];
            u->x = unary(false);
            e = std::move(u);
        } else {
            e = primary();
        }
        e = postfix(std::move(e));
        if (with_filter) e = filter_expr(std::move(e));
        return e;
    }

    ExprPtr primary() {
        const Token& t = cur();
        if (t.type == Tok::Name) {
            next();
            auto c = make<ConstExpr>(t);
            if (t.text == "true" || t.text == "True") c->v = Value::boolean(true);
            else if (t.text == "false" || t.text == "False") c->v = Value::boolean(false);
            else if (t.text == "none" || t.text == "None") c->v = Value::none();
            else {
                auto n = make<NameExpr>(t);
                n->name = t.text;
                n->sym = intern(t.text);
                return n;
            }
            return c;
        }
        if (t.type == Tok::String) {
            std::string s = next().text;
            while (cur().type == Tok::String) s += next().text;
            auto c = make<ConstExpr>(t);
            c->v = Value::str(std::move(s));
            return c;
        }
        if (t.type == Tok::Integer) {
            next();
            auto c = make<ConstExpr>(t);
            try {
                c->v = Value::integer(std::stoll(t.text));
            } catch (const std::exception&) {
                c->v = Value::real(std::stod(t.text));
            }
            return c;
        }
        if (t.type == Tok::Float) {
            next();
            auto c = make<ConstExpr>(t);
            c->v = Value::real(std::stod(t.text));
            return c;
        }
        if (is_op("(")) {
            next();
            if (skip_op(")")) {
                auto l = make<ListExpr>(t);
                l->tuple = true;
                return l;
            }
            ExprPtr e = tuple_expr(true);
            expect_op(")");
            return e;
        }
        if (is_op("[")) {
            next();
            auto l = make<ListExpr>(t);
            while (!is_op("]")) {
                if (!l->items.empty()) {
                    expect_op(",");
                    if (is_op("]")) break;
                }
                l->items.push_back(expression());
            }
            expect_op("]");
            return l;
        }
        if (is_op("{")) {
            next();
            auto d = make<DictExpr>(t);
            while (!is_op("}")) {
                if (!d->items.empty()) {
                    expect_op(",");
                    if (is_op("}")) break;
                }
                ExprPtr k = expression();
                expect_op(":");
                d->items.emplace_back(std::move(k), expression());
            }
            expect_op("}");
            return d;
        }
        fail(t, "unexpected " + describe(t) + ", expected an expression");
    }

    ExprPtr postfix(ExprPtr e) {
        while (true) {
            if (is_op(".")) {
                const Token& at = next();
                if (cur().type == Tok::Name) {
                    std::string name = next().text;
                    if (is_op("(")) {
                        auto m = make<MethodCallExpr>(at);
                        m->obj = std::move(e);
                        m->name = name;
                        next();
                        call_args(m->args);
                        e = std::move(m);
                    } else {
                        auto g = make<GetattrExpr>(at);
                        g->obj = std::move(e);
                        g->name = name;
                        g->sym = intern(name);
                        e = std::move(g);
                    }
                } else if (cur().type == Tok::Integer) {
                    auto g = make<GetitemExpr>(at);
                    g->obj = std::move(e);
                    auto c = make<ConstExpr>(cur());
                    c->v = Value::integer(std::stoll(next().text));
                    g->index = std::move(c);
                    e = std::move(g);
                } else {
                    fail(cur(), "expected an attribute name after '.', got " + describe(cur()));
                }
            } else if (is_op("[")) {
                e = subscript(std::move(e));
            } else if (is_op("(")) {
                e = call(std::move(e));
            } else {
                return e;
            }
        }
    }

    ExprPtr subscript(ExprPtr obj) {
        const Token& at = next();
        auto part = [&]() -> ExprPtr {
            if (is_op(":") || is_op("]") || is_op(",")) return nullptr;
            return expression();
        };
        ExprPtr start = part();
        if (is_op(":")) {
            auto s = make<SliceExpr>(at);
            s->obj = std::move(obj);
            s->start = std::move(start);
            next();
            s->stop = part();
            if (skip_op(":")) s->step = part();
            expect_op("]");
            return s;
        }
        if (!start) fail(cur(), "expected a subscript, got " + describe(cur()));
        auto g = make<GetitemExpr>(at);
        g->obj = std::move(obj);
        if (is_op(",")) {
            auto tup = make<ListExpr>(at);
            tup->tuple = true;
            tup->items.push_back(std::move(start));
            while (skip_op(",") && !is_op("]")) tup->items.push_back(expression());
            g->index = std::move(tup);
        } else {
            g->index = std::move(start);
        }
        expect_op("]");
        return g;
    }

    ExprPtr call(ExprPtr fn) {
        auto c = make<CallExpr>(cur());
        next();
        c->fn = std::move(fn);
        call_args(c->args);
        return c;
    }

    // After '(' : arguments up to and including ')'.
    void call_args(Args& a) {
        bool first = true;
        while (!is_op(")")) {
            if (!first) {
                expect_op(",");
                if (is_op(")")) break;
            }
            first = false;
            if (skip_op("*")) {
                a.star = expression();
            } else if (skip_op("**")) {
                a.dstar = expression();
            } else if (cur().type == Tok::Name && look().type == Tok::Op && look().text == "=") {
                Keyword k;
                k.name = next().text;
                next();
                k.value = expression();
                a.kw.push_back(std::move(k));
            } else {
                if (!a.kw.empty() || a.dstar) fail(cur(), "positional argument follows keyword argument");
                a.pos.push_back(expression());
            }
        }
        expect_op(")");
    }

    std::unique_ptr<FilterExpr> filter_call(ExprPtr value) {
        const Token& at = cur();
        auto f = make<FilterExpr>(at);
        std::string name = expect_identifier();
        while (is_op(".") && look().type == Tok::Name) {
            next();
            name += "." + next().text;
        }
        f->name = name;
        f->fn = find_filter(name);
        if (!f->fn) fail(at, "no filter named '" + name + "'");
        f->value = std::move(value);
        if (skip_op("(")) call_args(f->args);
        return f;
    }

    ExprPtr filter_expr(ExprPtr e) {
        while (true) {
            if (skip_op("|")) {
                e = filter_call(std::move(e));
            } else if (is_name("is")) {
                const Token& at = next();
                auto t = make<TestExpr>(at);
                if (skip_name("not")) t->negated = true;
                const Token& nt = cur();
                std::string name = expect_identifier();
                while (is_op(".") && look().type == Tok::Name) {
                    next();
                    name += "." + next().text;
                }
                t->name = name;
                t->fn = find_test(name);
                if (!t->fn) fail(nt, "no test named '" + name + "'");
                t->value = std::move(e);
                if (skip_op("(")) {
                    call_args(t->args);
                } else if ((cur().type == Tok::Name || cur().type == Tok::String || cur().type == Tok::Integer ||
                            cur().type == Tok::Float || is_op("[") || is_op("{")) &&
                           !is_name("else") && !is_name("or") && !is_name("and") && !is_name("if")) {
                    if (is_name("is")) fail(cur(), "you cannot chain multiple tests with 'is'");
                    t->args.pos.push_back(postfix(primary()));
                }
                e = std::move(t);
            } else if (is_op("(")) {
                e = call(std::move(e));
            } else {
                return e;
            }
        }
    }

    std::vector<Token> toks_;
    size_t pos_ = 0;
    Template& t_;
    int loops_ = 0;
    int depth_ = 0;
};

}  // namespace

std::unique_ptr<Template> parse_template(std::string_view source, const std::string& name, const std::string& path,
                                         const LexOptions& options) {
    auto t = std::make_unique<Template>();
    t->name = name;
    t->path = path;
    Parser(tokenize(source, path, options), *t).run();
    return t;
}

}  // namespace eventgen::jinja
