#pragma once

namespace eventgen {

// The text of the app's default/eventgen.conf, embedded at build time.
const char* builtin_eventgen_conf();

// Name used for the built-in file in error messages.
inline constexpr const char* kBuiltinConfName = "<built-in default/eventgen.conf>";

}  // namespace eventgen
