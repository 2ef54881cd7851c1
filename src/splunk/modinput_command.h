#pragma once
// The three ways splunkd runs us: --scheme, --validate-arguments and a normal run
// with the input configuration on stdin.
#include <string>

namespace eventgen {

int run_scheme();
int run_validate_arguments();
// Reads the <input> document splunkd writes on stdin (until </input> or end of
// input). Says once on stderr what it waits for when nothing comes for a while,
// so a person who started the binary by hand knows.
std::string read_input_document();
// Runs the input `document` describes.
int run_modular_input(const std::string& document);

}  // namespace eventgen
