#include "hec_client.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <stdexcept>

#include "gzip_codec.h"

namespace eventgen::test {

namespace {

// libcurl's global state, set up once before any test thread starts a handle.
struct CurlGlobal {
    CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
    ~CurlGlobal() { curl_global_cleanup(); }
};
const CurlGlobal curl_global;

size_t on_body(char* data, size_t size, size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
    auto* headers = static_cast<std::map<std::string, std::string>*>(user);
    std::string line(data, size * n);
    if (line.rfind("HTTP/", 0) == 0) headers->clear();  // a new (possibly final) response begins
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        size_t start = line.find_first_not_of(' ', colon + 1);
        size_t end = line.find_last_not_of("\r\n");
        (*headers)[name] = start == std::string::npos || end < start ? "" : line.substr(start, end - start + 1);
    }
    return size * n;
}

// Feeds the body in small pieces; each piece becomes one chunk on the wire.
struct ChunkSource {
    const std::string* body;
    size_t pos = 0;
};

size_t on_read(char* buf, size_t size, size_t n, void* user) {
    auto* src = static_cast<ChunkSource*>(user);
    size_t take = std::min({size * n, src->body->size() - src->pos, size_t{7}});
    std::copy_n(src->body->data() + src->pos, take, buf);
    src->pos += take;
    return take;
}

template <typename T>
std::optional<T> json_member(const std::string& body, const char* key) {
    rapidjson::Document doc;
    doc.Parse(body.c_str());
    if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
    auto it = doc.FindMember(key);
    if (it == doc.MemberEnd()) return std::nullopt;
    if constexpr (std::is_same_v<T, long>) {
        if (it->value.IsInt64()) return static_cast<long>(it->value.GetInt64());
    } else {
        if (it->value.IsString()) return std::string(it->value.GetString());
    }
    return std::nullopt;
}

}  // namespace

std::optional<long> HttpResult::json_int(const char* key) const { return json_member<long>(body, key); }
std::optional<std::string> HttpResult::json_string(const char* key) const {
    return json_member<std::string>(body, key);
}

HecClient::HecClient(std::string base_url) : base_(std::move(base_url)), curl_(curl_easy_init()) {
    if (!curl_) throw std::runtime_error("curl_easy_init failed");
}

HecClient::~HecClient() { curl_easy_cleanup(curl_); }

HttpResult HecClient::send(const HecRequest& req) {
    // Reset options only: the handle keeps its connection cache, so keep-alive reuse stays possible.
    curl_easy_reset(curl_);
    HttpResult out;
    std::string url = base_ + req.path;
    std::string body = req.gzip ? gzip_compress(req.body) : req.body;
    ChunkSource source{&body};
    char errbuf[CURL_ERROR_SIZE] = "";

    curl_slist* headers = nullptr;
    auto add = [&headers](const std::string& h) { headers = curl_slist_append(headers, h.c_str()); };
    if (!req.token.empty()) add("Authorization: Splunk " + req.token);
    if (req.gzip) add("Content-Encoding: gzip");
    // Expect is always explicit: libcurl would otherwise add it by body size.
    add(req.expect_continue ? "Expect: 100-continue" : "Expect:");
    if (req.chunked) add("Transfer-Encoding: chunked");
    for (const auto& h : req.headers) add(h);

    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_USERAGENT, "eventgen-hec-test/1.0");
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, req.timeout_ms);
    curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT_MS, req.timeout_ms);
    curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &out.body);
    curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &out.headers);
    // A long wait proves the server sent "100 Continue" rather than curl giving up waiting.
    curl_easy_setopt(curl_, CURLOPT_EXPECT_100_TIMEOUT_MS, req.timeout_ms);
    curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYPEER, verify_ ? 1L : 0L);
    curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYHOST, verify_ ? 2L : 0L);
    if (!ca_file_.empty()) curl_easy_setopt(curl_, CURLOPT_CAINFO, ca_file_.c_str());

    if (req.method == "GET") {
        curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(curl_, CURLOPT_POST, 1L);
        if (req.chunked) {
            curl_easy_setopt(curl_, CURLOPT_READFUNCTION, on_read);
            curl_easy_setopt(curl_, CURLOPT_READDATA, &source);
        } else {
            curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data());
            curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
        }
        if (req.method != "POST") curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, req.method.c_str());
    }

    out.curl = curl_easy_perform(curl_);
    if (out.curl != CURLE_OK) out.error = errbuf[0] ? errbuf : curl_easy_strerror(out.curl);
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &out.status);
    curl_slist_free_all(headers);
    return out;
}

HttpResult HecClient::post(const std::string& path, const std::string& body, const std::string& token,
                           std::vector<std::string> headers) {
    HecRequest req;
    req.path = path;
    req.body = body;
    req.token = token;
    req.headers = std::move(headers);
    return send(req);
}

HttpResult HecClient::get(const std::string& path, std::vector<std::string> headers) {
    HecRequest req;
    req.method = "GET";
    req.path = path;
    req.headers = std::move(headers);
    return send(req);
}

std::string test_channel(int n) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "0b1c2d3e-4f50-4a6b-8c7d-%012d", n);
    return buf;
}

}  // namespace eventgen::test
