#pragma once
// A sample as the configuration describes it: the file it reads, its effective
// settings after stanza layering, and its tokens in the order they apply.
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "config/settings_map.h"

namespace eventgen {

struct TokenSpec {
    int index = 0;
    std::string regex;        // token.N.token
    std::string type;         // token.N.replacementType
    std::string replacement;  // token.N.replacement
    ConfLocation where;       // the token.N.token line (or the first key seen)
    ConfLocation type_where;
    ConfLocation replacement_where;
};

struct SampleDefinition {
    std::string name;       // the sample file name, or the stanza name for file-less generators
    std::string stanza;     // the stanza that matched with the highest priority
    std::string app;
    std::string app_dir;
    std::string conf_dir;
    std::string sample_dir;
    std::string file_path;  // empty when the generator needs no sample file
    SettingsMap settings;   // effective settings without token keys
    std::vector<TokenSpec> tokens;
    std::optional<TokenSpec> host_token;  // host.token / host.replacement
};

}  // namespace eventgen
