#pragma once
// The list of generator components (generators/registry.cpp).
#include <string_view>
#include <vector>

#include "generators/generator_component.h"

namespace eventgen {

// Every generator this build has, in the order `describe` lists them.
const std::vector<const GeneratorDescriptor*>& generator_components();
// The component answering to `name` (exact, lower case), or nullptr.
const GeneratorDescriptor* find_generator(std::string_view name);
// The component a `mode` value chooses (sample, replay), or nullptr.
const GeneratorDescriptor* generator_for_mode(std::string_view mode);
// Every generator value, comma-separated (for messages).
std::string generator_name_list();
// Every `mode` value the generators answer to.
std::vector<std::string> generator_modes();
// Adds a component after the built-in ones (tests, embedding programs); call before
// anything reads the list.
void add_generator_component(const GeneratorDescriptor& descriptor);

}  // namespace eventgen
