#pragma once
// A configured token: the regex that finds where it applies and the producer of its
// replacement value.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/sample_definition.h"
#include "regex/regex.h"
#include "regex/regex_profile.h"
#include "tokens/token_value.h"

namespace eventgen {

struct Token {
    TokenSpec spec;
    Regex regex;
    RegexProfile profile;
    std::unique_ptr<TokenValue> value;

    Token clone() const { return Token{spec, regex, profile, value->clone()}; }
};

struct TokenSet {
    std::vector<Token> tokens;  // in the order they apply
    std::optional<Token> host;  // host.token / host.replacement
    size_t file_count = 0;      // replacement files shared by column tokens

    TokenSet clone() const;
};

// Compiles every token of a sample. `integer_id_starts` overrides integerid start
// values by token regex (restored state). Throws ConfigError naming the token's
// file, line, stanza and key.
TokenSet build_tokens(const SampleDefinition& def,
                      const std::vector<std::pair<std::string, int64_t>>& integer_id_starts = {});

}  // namespace eventgen
