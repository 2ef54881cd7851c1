#include "jinja/environment.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/text_file.h"
#include "jinja/builtins.h"
#include "jinja/interp.h"
#include "jinja/parser.h"
#include "jinja/template_error.h"

namespace eventgen::jinja {

namespace fs = std::filesystem;

Environment::Environment(std::vector<std::string> search_path, LexOptions options)
    : search_path_(std::move(search_path)), options_(std::move(options)) {
    add_globals(globals_);
}

const Template* Environment::find_loaded(const std::string& name) const {
    auto it = templates_.find(name);
    return it == templates_.end() ? nullptr : it->second.get();
}

const Template& Environment::compile(const std::string& name, const std::string& path, const std::string& source) const {
    auto t = parse_template(source, name, path, options_);
    Template& ref = *t;
    templates_[name] = std::move(t);
    // Everything it names by a constant is compiled now, so errors show before rendering.
    for (const auto& r : ref.static_refs) {
        try {
            load(r.name);
        } catch (const TemplateError& e) {
            if (e.line() > 0) throw;
            throw TemplateError(ref.path, r.line, r.column, e.message());
        }
    }
    return ref;
}

const Template& Environment::add(const std::string& name, const std::string& source) const {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    return compile(name, name, source);
}

const Template& Environment::load(const std::string& name) const {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    if (const Template* t = find_loaded(name)) return *t;
    // Jinja2's FileSystemLoader: '/'-separated names, no '..' segments.
    std::string rel;
    std::stringstream parts(name);
    std::string piece;
    while (std::getline(parts, piece, '/')) {
        if (piece == "..")
            throw TemplateError("", 0, 0, "template '" + name + "' not found (names may not contain '..')");
        if (piece.empty() || piece == ".") continue;
        rel += (rel.empty() ? "" : "/") + piece;
    }
    for (const auto& dir : search_path_) {
        fs::path p = fs::path(dir) / rel;
        std::error_code ec;
        if (!fs::is_regular_file(p, ec)) {
            // A FIFO or socket by that name is the user's template, not a miss: say what it is.
            if (std::string kind = non_regular_kind(p.string()); !kind.empty() && kind != "a directory")
                throw TemplateError(p.string(), 0, 0, "the template is " + kind + ", not a regular file");
            continue;
        }
        std::string error;
        auto text = read_text_file(p.string(), error);
        if (!text) throw TemplateError(p.string(), 0, 0, "the template " + error);
        return compile(name, p.string(), *text);
    }
    std::string dirs;
    for (const auto& d : search_path_) dirs += (dirs.empty() ? "" : ", ") + d;
    throw TemplateError("", 0, 0, "template '" + name + "' not found (searched " + dirs + ")");
}

void Environment::render(const Template& t, const std::vector<std::pair<int, Value>>& vars, Rng& rng, double now,
                         std::string& out, std::vector<OutputMark>* marks) const {
    Interp in(*this, rng);
    in.now = now;
    in.marks = marks;
    in.top_out = &out;
    auto globals = std::make_shared<Frame>();
    globals->vars = globals_;
    auto context = std::make_shared<Frame>();
    context->vars = vars;
    context->parent = globals;
    in.globals = globals;
    in.frame = context;
    try {
        in.render_template(t, context, out);
    } catch (const RuntimeFault& f) {
        throw TemplateError(t.path, 0, 0, f.message);
    }
}

// ---- JSON ----

namespace {

Value from_json(const rapidjson::Value& j) {
    if (j.IsNull()) return Value::none();
    if (j.IsBool()) return Value::boolean(j.GetBool());
    if (j.IsInt64()) return Value::integer(j.GetInt64());
    if (j.IsNumber()) return Value::real(j.GetDouble());
    if (j.IsString()) return Value::str(std::string(j.GetString(), j.GetStringLength()));
    if (j.IsArray()) {
        std::vector<Value> items;
        for (auto& e : j.GetArray()) items.push_back(from_json(e));
        return Value::list(std::move(items));
    }
    Value d = Value::dict();
    for (auto& m : j.GetObject())
        dict_set(d, Value::str(std::string(m.name.GetString(), m.name.GetStringLength())), from_json(m.value));
    return d;
}

void json_string(const std::string& s, std::string& out) {
    out += '"';
    for (size_t k = 0; k < s.size(); ++k) {
        unsigned char c = static_cast<unsigned char>(s[k]);
        char buf[16];
        switch (c) {
            case '"': out += "\\\""; continue;
            case '\\': out += "\\\\"; continue;
            case '\n': out += "\\n"; continue;
            case '\r': out += "\\r"; continue;
            case '\t': out += "\\t"; continue;
            case '\b': out += "\\b"; continue;
            case '\f': out += "\\f"; continue;
            case '<': out += "\\u003c"; continue;  // tojson is HTML-safe, as Jinja2's
            case '>': out += "\\u003e"; continue;
            case '&': out += "\\u0026"; continue;
            case '\'': out += "\\u0027"; continue;
            default: break;
        }
        if (c < 0x20) {
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else if (c < 0x80) {
            out += static_cast<char>(c);
        } else {
            // ensure_ascii: non-ASCII as \uXXXX (surrogate pairs above the BMP)
            uint32_t cp = 0;
            int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
            cp = c & (0x3F >> extra);
            for (int e = 0; e < extra && k + 1 < s.size(); ++e) cp = (cp << 6) | (static_cast<unsigned char>(s[++k]) & 0x3F);
            if (cp >= 0x10000) {
                cp -= 0x10000;
                std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
            } else {
                std::snprintf(buf, sizeof buf, "\\u%04x", cp);
            }
            out += buf;
        }
    }
    out += '"';
}

}  // namespace

Value value_from_json(const std::string& text, std::string& error) {
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    if (doc.HasParseError()) {
        error = std::string(rapidjson::GetParseError_En(doc.GetParseError())) + " at offset " +
                std::to_string(doc.GetErrorOffset());
        return Value();
    }
    return from_json(doc);
}

void append_json(const Value& v, std::string& out, int indent, int level) {
    auto newline = [&](int lv) {
        if (indent < 0) return;
        out += '\n';
        out.append(static_cast<size_t>(indent * lv), ' ');
    };
    switch (v.kind) {
        case Kind::None:
        case Kind::Undefined: out += "null"; return;
        case Kind::Bool: out += v.b ? "true" : "false"; return;
        case Kind::Int: out += std::to_string(v.i); return;
        case Kind::Float:
            if (std::isnan(v.f)) out += "NaN";
            else if (std::isinf(v.f)) out += v.f < 0 ? "-Infinity" : "Infinity";
            else append_float(v.f, out);
            return;
        case Kind::Str: json_string(v.s(), out); return;
        case Kind::List:
        case Kind::Tuple:
        case Kind::Range: {
            std::vector<Value> items;
            to_list(v, items);
            out += '[';
            if (items.empty()) {
                out += ']';
                return;
            }
            for (size_t k = 0; k < items.size(); ++k) {
                if (k) out += indent >= 0 ? "," : ", ";
                newline(level + 1);
                append_json(items[k], out, indent, level + 1);
            }
            newline(level);
            out += ']';
            return;
        }
        case Kind::Dict: {
            // sort_keys=True, as Jinja2's tojson policy
            std::vector<const std::pair<Value, Value>*> items;
            for (auto& kv : v.dict_items()) items.push_back(&kv);
            std::stable_sort(items.begin(), items.end(),
                             [](auto* a, auto* b) { return less(a->first, b->first); });
            out += '{';
            if (items.empty()) {
                out += '}';
                return;
            }
            for (size_t k = 0; k < items.size(); ++k) {
                if (k) out += indent >= 0 ? "," : ", ";
                newline(level + 1);
                const Value& key = items[k]->first;
                if (key.is_str()) json_string(key.s(), out);
                else if (key.kind == Kind::Bool) out += key.b ? "\"true\"" : "\"false\"";
                else if (key.kind == Kind::None) out += "\"null\"";
                else json_string(to_str(key), out);
                out += ": ";
                append_json(items[k]->second, out, indent, level + 1);
            }
            newline(level);
            out += '}';
            return;
        }
        case Kind::Object: throw RuntimeFault{std::string("Object of type ") + type_name(v) + " is not JSON serializable"};
    }
}

}  // namespace eventgen::jinja
