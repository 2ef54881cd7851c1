#include "cli/describe_command.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <sstream>

#include "config/setting_schema.h"
#include "generators/registry.h"
#include "outputs/registry.h"
#include "tokens/replacement_types.h"

namespace eventgen {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void str(Writer& w, const char* key, const std::string& v) {
    w.Key(key);
    w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
}

void strings(Writer& w, const char* key, const std::vector<std::string>& v) {
    w.Key(key);
    w.StartArray();
    for (const auto& s : v) w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
    w.EndArray();
}

// The values mode, generator and outputMode take come from the components.
std::vector<std::string> allowed_values(const SettingSpec& s) {
    if (!s.allowed.empty()) return s.allowed;
    std::vector<std::string> out;
    if (s.key == "outputMode")
        for (const OutputDescriptor* d : output_components()) out.insert(out.end(), d->modes.begin(), d->modes.end());
    if (s.key == "generator")
        for (const GeneratorDescriptor* d : generator_components()) out.insert(out.end(), d->names.begin(), d->names.end());
    if (s.key == "mode") out = generator_modes();
    return out;
}

void setting(Writer& w, const SettingSpec& s, const std::string& component) {
    w.StartObject();
    str(w, "key", s.key);
    str(w, "type", setting_type_name(s.type));
    w.Key("default");
    if (s.default_value)
        w.String(s.default_value->c_str(), static_cast<rapidjson::SizeType>(s.default_value->size()));
    else
        w.Null();
    strings(w, "allowed", allowed_values(s));
    str(w, "doc", s.doc);
    str(w, "component", component);
    str(w, "scope", s.global_only ? "global" : "sample");
    w.EndObject();
}

void settings(Writer& w, const SettingSchema& schema, const std::string& component) {
    w.Key("settings");
    w.StartArray();
    for (const SettingSpec& s : schema) setting(w, s, component);
    w.EndArray();
}

const char* under_modinput_name(UnderModinput u) {
    switch (u) {
        case UnderModinput::Keep: return "keep";
        case UnderModinput::Redirect: return "redirect";
        case UnderModinput::KeepOutputMode: return "keep_output_mode";
    }
    return "keep_output_mode";
}

}  // namespace

std::string describe_json() {
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartObject();
    str(w, "version", EVENTGEN_VERSION);
    w.Key("outputs");
    w.StartArray();
    for (const OutputDescriptor* d : output_components()) {
        w.StartObject();
        str(w, "name", d->name);
        strings(w, "modes", d->modes);
        str(w, "doc", d->doc);
        w.Key("traits");
        w.StartObject();
        w.Key("direct");
        w.Bool(d->traits.direct);
        w.Key("per_process");
        w.Bool(d->traits.per_process);
        str(w, "under_modinput", under_modinput_name(d->traits.under_modinput));
        w.EndObject();
        settings(w, d->settings, "output:" + d->name);
        w.EndObject();
    }
    w.EndArray();
    w.Key("generators");
    w.StartArray();
    for (const GeneratorDescriptor* d : generator_components()) {
        w.StartObject();
        str(w, "name", d->name);
        strings(w, "modes", d->names);
        str(w, "doc", d->doc);
        w.Key("needs_sample_file");
        w.Bool(d->needs_sample_file);
        settings(w, d->settings, "generator:" + d->name);
        w.EndObject();
    }
    w.EndArray();
    w.Key("replacement_types");
    w.StartArray();
    for (const ReplacementType& t : replacement_types()) {
        w.StartObject();
        str(w, "name", t.name);
        str(w, "doc", t.doc);
        str(w, "replacement", t.replacement);
        w.EndObject();
    }
    w.EndArray();
    w.Key("settings");
    w.StartArray();
    for (const KnownSetting& k : all_settings()) setting(w, *k.spec, k.component);
    w.EndArray();
    w.EndObject();
    return std::string(buf.GetString(), buf.GetSize());
}

std::string describe_text() {
    std::ostringstream out;
    out << "Outputs (outputMode):\n";
    for (const OutputDescriptor* d : output_components()) {
        std::string modes;
        for (const auto& m : d->modes) modes += (modes.empty() ? "" : ", ") + m;
        out << "  " << modes << ": " << d->doc << "\n";
    }
    out << "Generators (generator):\n";
    for (const GeneratorDescriptor* d : generator_components()) {
        std::string names;
        for (const auto& n : d->names) names += (names.empty() ? "" : ", ") + n;
        out << "  " << names << ": " << d->doc << "\n";
    }
    out << "Replacement types (token.<n>.replacementType):\n";
    for (const ReplacementType& t : replacement_types()) out << "  " << t.name << ": " << t.doc << "\n";
    out << "Settings:\n";
    for (const KnownSetting& k : all_settings()) {
        const SettingSpec& s = *k.spec;
        out << "  " << s.key << " (" << setting_type_name(s.type);
        if (s.default_value) out << ", default " << (s.default_value->empty() ? "\"\"" : *s.default_value);
        out << ", " << k.component << "): " << s.doc << "\n";
    }
    return out.str();
}

}  // namespace eventgen
