#pragma once
// Helpers for token tests: a temporary folder, one-token sample definitions and a
// check that a value fits the shape its producer claims.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../temp_dir.h"
#include "config/sample_definition.h"
#include "tokens/token.h"

namespace eventgen::testing {

inline TokenSpec token_spec(int index, const std::string& regex, const std::string& type,
                            const std::string& replacement) {
    TokenSpec t;
    t.index = index;
    t.regex = regex;
    t.type = type;
    t.replacement = replacement;
    t.where = ConfLocation{"test.conf", 10 + 3 * index, "stanza", "token." + std::to_string(index) + ".token"};
    t.type_where = ConfLocation{"test.conf", 11 + 3 * index, "stanza",
                                "token." + std::to_string(index) + ".replacementType"};
    t.replacement_where = ConfLocation{"test.conf", 12 + 3 * index, "stanza",
                                       "token." + std::to_string(index) + ".replacement"};
    return t;
}

// A definition whose sample and replacement files live in `dir`.
inline SampleDefinition definition_in(const std::string& dir) {
    SampleDefinition def;
    def.name = "sample";
    def.stanza = "stanza";
    def.sample_dir = dir;
    def.conf_dir = dir;
    return def;
}

// Builds the tokens of a one-token sample.
inline TokenSet one_token(const std::string& type, const std::string& replacement, const std::string& dir = ".",
                          const std::string& regex = "@@x") {
    SampleDefinition def = definition_in(dir);
    def.tokens.push_back(token_spec(0, regex, type, replacement));
    return build_tokens(def);
}

// Empty when `value` is one of the outputs `shape` allows, else what is wrong.
inline std::string shape_violation(const ValueShape& shape, const std::string& value) {
    if (value.size() < shape.min_length) return "shorter than min_length " + std::to_string(shape.min_length);
    if (shape.fixed) {
        if (value.size() != shape.positions.size())
            return "length " + std::to_string(value.size()) + " but fixed width " +
                   std::to_string(shape.positions.size());
        for (size_t i = 0; i < value.size(); ++i)
            if (!shape.positions[i].contains(static_cast<unsigned char>(value[i])))
                return "byte " + std::to_string(i) + " not allowed at that position";
    }
    for (size_t i = 0; i < value.size(); ++i)
        if (!shape.alphabet.contains(static_cast<unsigned char>(value[i])))
            return "byte " + std::to_string(i) + " outside the alphabet";
    return "";
}

}  // namespace eventgen::testing
