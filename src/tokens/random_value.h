#pragma once
// random and rated tokens: integer[a:b], float[a:b], ipv4, ipv6, mac, guid,
// string(n), hex(n) and list[...].
#include <memory>
#include <string>

#include "common/error.h"
#include "tokens/token_value.h"

namespace eventgen {

// Parses the replacement text; throws ConfigError at `where` when it is not valid.
std::unique_ptr<TokenValue> make_random_value(const std::string& replacement, bool rated,
                                              const ConfLocation& where);

}  // namespace eventgen
