#pragma once
// libcurl write callback that appends the response body to a std::string
// (CURLOPT_WRITEDATA points at the string). Shared by every HTTP client here.
#include <cstddef>
#include <string>

namespace eventgen {

inline size_t append_curl_body(char* data, size_t size, size_t n, void* body) {
    static_cast<std::string*>(body)->append(data, size * n);
    return size * n;
}

}  // namespace eventgen
