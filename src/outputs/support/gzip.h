#pragma once
// gzip (RFC 1952) compression of HEC payloads, with zlib.
#include <string>
#include <string_view>

namespace eventgen {

// Compresses `in` into `out` (replacing its contents). Fast level: the receiver
// usually sits on a fast network and CPU is better spent generating.
void gzip_compress(std::string_view in, std::string& out, int level = 1);

}  // namespace eventgen
