#include "gzip_codec.h"

#include <zlib.h>

#include <stdexcept>

namespace eventgen::test {

namespace {

// windowBits 15 plus 16 selects the gzip wrapper in zlib.
constexpr int kGzipWindow = 15 + 16;

}  // namespace

GunzipStatus gunzip(std::string_view in, size_t max_out, std::string& out) {
    out.clear();
    z_stream zs{};
    if (inflateInit2(&zs, kGzipWindow) != Z_OK) return GunzipStatus::corrupt;
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    char buf[64 * 1024];
    GunzipStatus status = in.empty() ? GunzipStatus::corrupt : GunzipStatus::ok;
    while (status == GunzipStatus::ok) {
        zs.next_out = reinterpret_cast<Bytef*>(buf);
        zs.avail_out = sizeof buf;
        int rc = inflate(&zs, Z_NO_FLUSH);
        size_t produced = sizeof buf - zs.avail_out;
        if (out.size() + produced > max_out) {
            status = GunzipStatus::too_large;
            break;
        }
        out.append(buf, produced);
        if (rc == Z_STREAM_END) {
            if (zs.avail_in == 0) break;
            // Another member follows; start it with a fresh header.
            if (inflateReset(&zs) != Z_OK) status = GunzipStatus::corrupt;
        } else if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
            status = GunzipStatus::corrupt;  // truncated: input ended inside a member
        } else if (rc != Z_OK) {
            status = GunzipStatus::corrupt;
        }
    }
    inflateEnd(&zs);
    return status;
}

std::string gzip_compress(std::string_view in) {
    z_stream zs{};
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2 failed");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    std::string out;
    char buf[64 * 1024];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        zs.next_out = reinterpret_cast<Bytef*>(buf);
        zs.avail_out = sizeof buf;
        rc = deflate(&zs, Z_FINISH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            deflateEnd(&zs);
            throw std::runtime_error("deflate failed");
        }
        out.append(buf, sizeof buf - zs.avail_out);
    }
    deflateEnd(&zs);
    return out;
}

}  // namespace eventgen::test
