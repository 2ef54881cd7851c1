#pragma once
// Where templates come from: a list of directories (as Jinja2's FileSystemLoader).
// Templates are compiled when first loaded, with every template they name by a
// constant (include/import/extends), so all errors surface before rendering starts.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/rng.h"
#include "jinja/ast.h"
#include "jinja/lexer.h"

namespace eventgen::jinja {

struct OutputMark;

class Environment {
public:
    explicit Environment(std::vector<std::string> search_path, LexOptions options = {});

    // Loads and compiles `name` and the templates it names; throws TemplateError.
    const Template& load(const std::string& name) const;
    // Compiles template text given directly (tests, `check`).
    const Template& add(const std::string& name, const std::string& source) const;
    const std::vector<std::string>& search_path() const { return search_path_; }
    const std::vector<std::pair<int, Value>>& globals() const { return globals_; }

    // Renders `t` with `vars` (name -> value), drawing random choices from `rng`.
    // `now` is the epoch time {% time_now %} reports. Throws TemplateError.
    // With `marks`, records which template line wrote each part of `out`.
    void render(const Template& t, const std::vector<std::pair<int, Value>>& vars, Rng& rng, double now,
                std::string& out, std::vector<OutputMark>* marks = nullptr) const;

private:
    const Template& compile(const std::string& name, const std::string& path, const std::string& source) const;
    const Template* find_loaded(const std::string& name) const;

    std::vector<std::string> search_path_;
    LexOptions options_;
    std::vector<std::pair<int, Value>> globals_;
    mutable std::recursive_mutex mutex_;
    mutable std::map<std::string, std::unique_ptr<Template>> templates_;
};

// Converts between template values and JSON text (jinja_variables, tojson).
Value value_from_json(const std::string& text, std::string& error);
void append_json(const Value& v, std::string& out, int indent = -1, int level = 0);

}  // namespace eventgen::jinja
