#pragma once
// The three ways splunkd runs us: --scheme, --validate-arguments and a normal run
// with the input configuration on stdin.
namespace eventgen {

int run_scheme();
int run_validate_arguments();
int run_modular_input();

}  // namespace eventgen
