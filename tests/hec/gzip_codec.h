#pragma once
// gzip for HEC request bodies: decoding as splunkd does, encoding for tests.
#include <cstddef>
#include <string>
#include <string_view>

namespace eventgen::test {

enum class GunzipStatus { ok, corrupt, too_large };

// Decodes a gzip stream, including several members back to back (concatenated .gz
// files are valid gzip). Stops with too_large once the output would pass max_out.
GunzipStatus gunzip(std::string_view in, size_t max_out, std::string& out);

// One gzip member holding `in`.
std::string gzip_compress(std::string_view in);

}  // namespace eventgen::test
