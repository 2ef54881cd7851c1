#pragma once
// The list of output components (outputs/registry.cpp).
#include <string_view>
#include <vector>

#include "outputs/output_component.h"

namespace eventgen {

// Every output this build has, in the order `describe` lists them.
const std::vector<const OutputDescriptor*>& output_components();
// The component answering to `mode` (exact, lower case), or nullptr.
const OutputDescriptor* find_output(std::string_view mode);
// The output that writes the modular input's own stream (one per process, kept under
// the modular input).
const OutputDescriptor& modinput_stream_output();
// Every outputMode value, comma-separated (for messages).
std::string output_mode_list();
// Adds a component after the built-in ones (tests, embedding programs). Call before
// anything reads the list; the descriptor must outlive the process's use of it.
void add_output_component(const OutputDescriptor& descriptor);

}  // namespace eventgen
