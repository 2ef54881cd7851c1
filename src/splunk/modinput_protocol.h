#pragma once
// splunkd's modular input protocol: the scheme we announce (--scheme), the
// validation request (--validate-arguments) and the run-time configuration
// splunkd writes to stdin. XML in both directions (pugixml detects UTF-8/UTF-16).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/settings_map.h"

namespace eventgen {

constexpr const char* kSchemeName = "modinput_eventgen";

struct InputStanza {
    std::string name;  // "modinput_eventgen://default"
    std::string app;
    std::map<std::string, std::string> params;  // param and param_list (values joined by ',')
};

struct InputDefinition {
    std::string server_host, server_uri, session_key, checkpoint_dir;
    std::vector<InputStanza> stanzas;
};

struct ValidationDefinition {
    std::string server_host, server_uri, session_key, checkpoint_dir;
    InputStanza item;  // name without the scheme:// prefix
};

// The <scheme> document.
std::string scheme_xml();

// Parses splunkd's <input> document; nullopt with `error` set when it is not one.
std::optional<InputDefinition> parse_input_definition(const std::string& xml, std::string& error);
// Parses splunkd's <items> validation document.
std::optional<ValidationDefinition> parse_validation_definition(const std::string& xml, std::string& error);

// Checks an input's parameters; returns an error message, or empty when valid.
std::string validate_input_params(const std::map<std::string, std::string>& params);

// <error><message>...</message></error>, escaped.
// An input's parameters as settings located "inputs.conf: [stanza] key" (splunkd
// passes no file or line), for errors that name the place.
SettingsMap input_settings(const std::string& stanza, const std::map<std::string, std::string>& params);

std::string validation_error_xml(const std::string& message);

}  // namespace eventgen
