#include "config/eventgen_conf.h"

#include <filesystem>

#include "common/strings.h"
#include "common/text_file.h"
#include "config/builtin_defaults.h"
#include "config/conf_file.h"

namespace eventgen {

namespace fs = std::filesystem;

namespace {

void apply_stanza(SettingsMap& into, const ConfStanza& stanza, const std::string& path) {
    for (const auto& e : stanza.entries)
        into.set(e.key, Setting{e.value, ConfLocation{path, e.line, stanza.name, e.key}});
}

void merge_file(EventgenConf& conf, const ConfFile& file, const ConfSource& source,
                SettingsMap& defaults_layer, SettingsMap& global_layer) {
    for (auto& p : file.problems) conf.problems.push_back(p);
    std::string conf_dir = fs::path(source.path).parent_path().string();
    for (const auto& stanza : file.stanzas) {
        if (stanza.name == "global") {
            apply_stanza(global_layer, stanza, file.path);
            continue;
        }
        if (stanza.name == "default") {
            apply_stanza(defaults_layer, stanza, file.path);
            continue;
        }
        if (source.globals_only) continue;
        ConfStanzaDef* def = nullptr;
        for (auto& s : conf.stanzas)
            if (s.name == stanza.name) def = &s;
        if (!def) {
            conf.stanzas.push_back(ConfStanzaDef{});
            def = &conf.stanzas.back();
            def->name = stanza.name;
            def->order = static_cast<int>(conf.stanzas.size()) - 1;
            def->own.stanza = stanza.name;
        }
        // The most precedent file that mentions the stanza decides its app and folder.
        def->app = source.app;
        def->app_dir = source.app_dir;
        def->conf_dir = conf_dir;
        def->where = ConfLocation{file.path, stanza.line, stanza.name, ""};
        apply_stanza(def->own, stanza, file.path);
    }
}

}  // namespace

EventgenConf load_eventgen_conf_text(const std::vector<ConfText>& texts) {
    std::vector<std::pair<ConfSource, ConfFile>> files;
    for (const auto& t : texts) files.emplace_back(t.source, parse_conf(t.text, t.source.path));
    return load_eventgen_conf_parsed(files);
}

EventgenConf load_eventgen_conf_parsed(const std::vector<std::pair<ConfSource, ConfFile>>& files) {
    EventgenConf conf;
    conf.globals.stanza = "global";
    SettingsMap defaults_layer, global_layer;

    ConfFile builtin = parse_conf(builtin_eventgen_conf(), kBuiltinConfName);
    for (const auto& stanza : builtin.stanzas)
        if (stanza.name == "global") apply_stanza(conf.globals, stanza, kBuiltinConfName);

    for (const auto& [source, file] : files) merge_file(conf, file, source, defaults_layer, global_layer);

    for (const auto& [k, v] : defaults_layer.all()) conf.globals.set(k, v);
    for (const auto& [k, v] : global_layer.all()) conf.globals.set(k, v);
    return conf;
}

std::vector<ConfSource> app_conf_sources(const std::string& app_dir, const std::string& app, bool globals_only) {
    std::vector<ConfSource> out;
    if (app_dir.empty()) return out;
    for (const char* layer : {"default", "local"}) {
        fs::path conf = fs::path(app_dir) / layer / "eventgen.conf";
        std::error_code ec;
        if (fs::is_regular_file(conf, ec)) out.push_back(ConfSource{conf.string(), app, app_dir, globals_only});
    }
    return out;
}

EventgenConf load_eventgen_conf(const std::vector<ConfSource>& sources) {
    std::vector<ConfText> texts;
    std::vector<ConfigError> missing;
    for (const auto& s : sources) {
        std::string error;
        auto text = read_text_file(s.path, error);
        if (!text) {
            // A missing or unreadable file keeps the short message; a FIFO or broken UTF-16 says so.
            missing.emplace_back(ConfLocation{s.path, 0, "", ""}, error.rfind("cannot", 0) == 0
                                                                      ? std::string("cannot read configuration file")
                                                                      : "the configuration file " + error);
            continue;
        }
        texts.push_back(ConfText{s, std::move(*text)});
    }
    EventgenConf conf = load_eventgen_conf_text(texts);
    conf.problems.insert(conf.problems.begin(), missing.begin(), missing.end());
    return conf;
}

}  // namespace eventgen
