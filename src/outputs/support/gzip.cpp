#include "outputs/support/gzip.h"

#include <zlib.h>

#include <stdexcept>

#include "outputs/sink.h"

namespace eventgen {

void gzip_compress(std::string_view in, std::string& out, int level) {
    z_stream zs{};
    // windowBits 15 + 16 selects the gzip wrapper.
    if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw OutputError("zlib: cannot start compression (out of memory?)");
    out.resize(deflateBound(&zs, static_cast<uLong>(in.size())) + 32);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);
    size_t produced = out.size() - zs.avail_out;
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) throw OutputError("zlib: gzip compression failed (httpeventGzip)");
    out.resize(produced);
}

}  // namespace eventgen
