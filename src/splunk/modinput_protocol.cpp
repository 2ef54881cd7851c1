#include "splunk/modinput_protocol.h"

#include <pugixml.hpp>

#include "common/strings.h"
#include "config/shard.h"
#include "outputs/support/xml_escape.h"

namespace eventgen {

std::string scheme_xml() {
    // Every element explicit: splunkd's default streaming mode is "simple", ours is xml.
    return R"(<scheme>
  <title>SA-Eventgen</title>
  <description>Generates synthetic events from the eventgen.conf files of installed apps.</description>
  <use_external_validation>true</use_external_validation>
  <use_single_instance>false</use_single_instance>
  <streaming_mode>xml</streaming_mode>
  <endpoint>
    <args>
      <arg name="verbosity">
        <title>Verbosity</title>
        <description>Log level: 10 debug, 20 info, 30 warning, 40 error, 50 critical.</description>
        <data_type>number</data_type>
        <required_on_create>false</required_on_create>
        <required_on_edit>false</required_on_edit>
      </arg>
      <arg name="config_source">
        <title>Configuration source</title>
        <description>files: every app's eventgen.conf on disk (default); rest: splunkd's configs/conf-eventgen.</description>
        <data_type>string</data_type>
        <required_on_create>false</required_on_create>
        <required_on_edit>false</required_on_edit>
      </arg>
      <arg name="keep_output_mode">
        <title>Keep output modes</title>
        <description>Send samples to the outputs they configure (network outputs) instead of into this input's stream; stdout always goes into the stream.</description>
        <data_type>boolean</data_type>
        <required_on_create>false</required_on_create>
        <required_on_edit>false</required_on_edit>
      </arg>
      <arg name="shard">
        <title>Shard</title>
        <description>I/N: make only shard I of N (0 to N-1) of every sample's events, the others run on other hosts. Overrides [global] of eventgen.conf.</description>
        <data_type>string</data_type>
        <required_on_create>false</required_on_create>
        <required_on_edit>false</required_on_edit>
      </arg>
      <arg name="shard_hosts">
        <title>Shard hosts</title>
        <description>The fleet's host names in order, comma-separated: this host makes the shard of its own name's position (from 0). Set shard or shard_hosts, not both.</description>
        <data_type>string</data_type>
        <required_on_create>false</required_on_create>
        <required_on_edit>false</required_on_edit>
      </arg>
      <arg name="metrics_interval">
        <title>Metrics interval</title>
        <description>Seconds between the metrics lines written to eventgen.log (sourcetype eventgen_metrics); 0 writes only the summary.</description>
        <data_type>number</data_type>
        <required_on_create>false</required_on_create>
        <required_on_edit>false</required_on_edit>
      </arg>
    </args>
  </endpoint>
</scheme>
)";
}

namespace {

void read_params(pugi::xml_node node, std::map<std::string, std::string>& params) {
    for (pugi::xml_node child : node.children()) {
        std::string kind = child.name();
        std::string name = child.attribute("name").as_string();
        if (kind == "param") {
            params[name] = child.text().as_string();
        } else if (kind == "param_list") {
            std::string joined;
            for (pugi::xml_node v : child.children("value")) {
                if (!joined.empty()) joined += ",";
                joined += v.text().as_string();
            }
            params[name] = joined;
        }
        // Other element types are ignored rather than failing the whole input.
    }
}

bool load(pugi::xml_document& doc, const std::string& xml, std::string& error) {
    pugi::xml_parse_result r = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_auto);
    if (!r) {
        error = std::string("malformed XML from splunkd: ") + r.description() + " at offset " +
                std::to_string(r.offset);
        return false;
    }
    return true;
}

// The four fields splunkd puts at the top of both documents.
template <typename Definition>
void read_server_fields(pugi::xml_node node, Definition& def) {
    def.server_host = node.child_value("server_host");
    def.server_uri = node.child_value("server_uri");
    def.session_key = node.child_value("session_key");
    def.checkpoint_dir = node.child_value("checkpoint_dir");
}

}  // namespace

std::optional<InputDefinition> parse_input_definition(const std::string& xml, std::string& error) {
    pugi::xml_document doc;
    if (!load(doc, xml, error)) return std::nullopt;
    pugi::xml_node input = doc.child("input");
    if (!input) {
        error = "expected an <input> document on stdin";
        return std::nullopt;
    }
    InputDefinition def;
    read_server_fields(input, def);
    for (pugi::xml_node stanza : input.child("configuration").children("stanza")) {
        InputStanza s;
        s.name = stanza.attribute("name").as_string();
        s.app = stanza.attribute("app").as_string();
        read_params(stanza, s.params);
        def.stanzas.push_back(std::move(s));
    }
    return def;
}

std::optional<ValidationDefinition> parse_validation_definition(const std::string& xml, std::string& error) {
    pugi::xml_document doc;
    if (!load(doc, xml, error)) return std::nullopt;
    pugi::xml_node items = doc.child("items");
    if (!items) {
        error = "expected an <items> validation document on stdin";
        return std::nullopt;
    }
    ValidationDefinition def;
    read_server_fields(items, def);
    pugi::xml_node item = items.child("item");
    if (!item) {
        error = "the validation document has no <item>";
        return std::nullopt;
    }
    def.item.name = item.attribute("name").as_string();
    read_params(item, def.item.params);
    return def;
}

std::string validate_input_params(const std::map<std::string, std::string>& params) {
    if (auto it = params.find("verbosity"); it != params.end() && !trim(it->second).empty()) {
        auto v = parse_int(it->second);
        if (!v || (*v != 10 && *v != 20 && *v != 30 && *v != 40 && *v != 50))
            return "verbosity must be 10 (debug), 20 (info), 30 (warning), 40 (error) or 50 (critical); got '" +
                   it->second + "'";
    }
    if (auto it = params.find("config_source"); it != params.end() && !trim(it->second).empty()) {
        std::string v = to_lower(trim(it->second));
        if (v != "files" && v != "rest") return "config_source must be files or rest; got '" + it->second + "'";
    }
    if (auto it = params.find("keep_output_mode"); it != params.end() && !trim(it->second).empty()) {
        if (!parse_bool(it->second)) return "keep_output_mode must be true or false; got '" + it->second + "'";
    }
    try {
        check_shard_settings(input_settings("validation", params));
    } catch (const ConfigError& e) {
        return e.detail();
    }
    if (auto it = params.find("metrics_interval"); it != params.end() && !trim(it->second).empty()) {
        auto v = parse_double(it->second);
        if (!v || *v < 0 || *v > 86400)
            return "metrics_interval must be a number of seconds from 0 to 86400; got '" + it->second + "'";
    }
    return "";
}

SettingsMap input_settings(const std::string& stanza, const std::map<std::string, std::string>& params) {
    SettingsMap s;
    s.stanza = stanza;
    for (const auto& [key, value] : params) s.set(key, Setting{value, ConfLocation{"inputs.conf", 0, stanza, key}});
    return s;
}

std::string validation_error_xml(const std::string& message) {
    std::string out = "<error><message>";
    append_xml_escaped(out, message);
    out += "</message></error>\n";
    return out;
}


}  // namespace eventgen
