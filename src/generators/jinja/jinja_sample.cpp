#include "generators/jinja/jinja_sample.h"

#include <filesystem>
#include <map>
#include <mutex>

#include "common/error.h"
#include "common/strings.h"
#include "jinja/template_error.h"

namespace eventgen {

namespace fs = std::filesystem;

namespace {

// Where templates are looked up, first match wins: jinja_template_dir relative to the
// sample dir, then (SA-Eventgen's rule) to the folder of the conf file; absolute paths
// as they are; the default is the app's samples/templates.
std::vector<std::string> search_path(const SampleConfig& c) {
    const SampleDefinition& d = c.def;
    const SettingsMap& s = d.settings;
    std::vector<std::string> dirs;
    auto add = [&](const fs::path& p) {
        std::string str = p.lexically_normal().string();
        for (auto& x : dirs)
            if (x == str) return;
        dirs.push_back(str);
    };
    std::string dir(trim(s.str("jinja_template_dir", "")));
    if (dir.empty()) {
        if (!d.app_dir.empty()) add(fs::path(d.app_dir) / "samples" / "templates");
        if (!d.conf_dir.empty()) add(fs::path(d.conf_dir).parent_path() / "samples" / "templates");
        if (!d.sample_dir.empty()) add(fs::path(d.sample_dir) / "templates");
    } else if (fs::path(dir).is_absolute()) {
        add(dir);
    } else {
        if (!d.sample_dir.empty()) add(fs::path(d.sample_dir) / dir);
        if (!d.conf_dir.empty()) add(fs::path(d.conf_dir) / dir);
        if (!d.app_dir.empty()) add(fs::path(d.app_dir) / dir);
    }
    if (!d.conf_dir.empty()) add(d.conf_dir);  // SA-Eventgen also searches the conf folder
    return dirs;
}

std::shared_ptr<JinjaSample> compile(const SampleConfig& c) {
    const SettingsMap& s = c.def.settings;
    auto js = std::make_shared<JinjaSample>();
    std::string target(trim(s.str("jinja_target_template", "")));
    if (target.empty())
        s.fail("jinja_target_template", "generator = jinja needs jinja_target_template (the template to render)");
    js->where = s.where("jinja_target_template");

    std::string type(trim(s.str("jinja_count_type", "")));
    if (type.empty()) type = s.has("perDayVolume") ? "perDayVolume" : "cycles";
    if (type == "cycles") js->count_type = JinjaCountType::Cycles;
    else if (type == "line_count") js->count_type = JinjaCountType::LineCount;
    else if (type == "perDayVolume") js->count_type = JinjaCountType::PerDayVolume;
    else s.fail("jinja_count_type", "must be cycles, line_count or perDayVolume, not '" + type + "'");
    if (js->count_type == JinjaCountType::PerDayVolume) {
        js->per_day_volume_gb = s.number("perDayVolume", 0);
        if (js->per_day_volume_gb <= 0)
            s.fail(s.has("perDayVolume") ? "perDayVolume" : "jinja_count_type",
                   "jinja_count_type = perDayVolume needs perDayVolume (GB per day) greater than 0");
    }

    if (s.has("jinja_variables")) {
        std::string err;
        jinja::Value vars = jinja::value_from_json(s.str("jinja_variables"), err);
        if (!err.empty()) s.fail("jinja_variables", "is not valid JSON: " + err);
        if (vars.kind != jinja::Kind::Dict) s.fail("jinja_variables", "must be a JSON object ({\"name\": value, ...})");
        for (auto& [k, v] : vars.dict_items()) js->variables.emplace_back(jinja::intern(k.s()), v);
    }

    js->env = std::make_unique<jinja::Environment>(search_path(c));
    try {
        js->target = &js->env->load(target);
    } catch (const jinja::TemplateError& e) {
        std::string dirs;
        for (auto& d : js->env->search_path()) dirs += (dirs.empty() ? "" : ", ") + d;
        if (e.file().empty())
            s.fail("jinja_target_template", "template '" + target + "' not found (looked in " + dirs + ")");
        s.fail("jinja_target_template", std::string("template error: ") + e.what());
    }
    return js;
}

std::mutex& cache_mutex() {
    static std::mutex m;
    return m;
}
std::map<std::string, std::shared_ptr<const JinjaSample>>& cache() {
    static std::map<std::string, std::shared_ptr<const JinjaSample>> c;
    return c;
}

// Everything compile() reads, so one stanza compiled twice gets one tree.
std::string cache_key(const SampleConfig& c) {
    const SettingsMap& s = c.def.settings;
    std::string key = c.def.stanza + '\x1f' + c.def.name + '\x1f' + c.def.app_dir + '\x1f' + c.def.conf_dir + '\x1f' +
                      c.def.sample_dir;
    for (const char* k : {"jinja_template_dir", "jinja_target_template", "jinja_variables", "jinja_count_type", "perDayVolume"})
        key += '\x1f' + s.str(k, "\x01");
    return key;
}

}  // namespace

std::shared_ptr<const JinjaSample> jinja_sample(const SampleConfig& c) {
    std::string key = cache_key(c);
    std::lock_guard<std::mutex> lock(cache_mutex());
    auto it = cache().find(key);
    if (it != cache().end()) return it->second;
    auto js = compile(c);
    cache()[key] = js;
    return js;
}

void validate_jinja_sample(const SampleConfig& c) { jinja_sample(c); }

void adapt_jinja_config(SampleConfig& c) {
    if (c.per_day_volume_gb) {
        c.per_day_volume_gb.reset();
        if (c.rater == "perdayvolume") c.rater = "config";
    }
}

}  // namespace eventgen
