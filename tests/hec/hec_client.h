#pragma once
// A libcurl client for the HEC server tests: one easy handle per client, so
// successive requests reuse its keep-alive connection as a real HEC client would.
#include <curl/curl.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace eventgen::test {

struct HttpResult {
    CURLcode curl = CURLE_OK;
    std::string error;  // curl's message when curl != CURLE_OK
    long status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // final response only; names lower-cased

    // A top-level integer of the JSON body ("code", "ackId"), if present.
    std::optional<long> json_int(const char* key) const;
    std::optional<std::string> json_string(const char* key) const;
};

struct HecRequest {
    std::string method = "POST";
    std::string path = "/services/collector";
    std::string body = {};
    std::string token = {};                  // sends "Authorization: Splunk <token>" when set
    std::vector<std::string> headers = {};  // extra "Name: value" lines
    bool gzip = false;                       // compress body, add Content-Encoding: gzip
    bool chunked = false;                    // stream the body with Transfer-Encoding: chunked
    bool expect_continue = false;            // send Expect: 100-continue and wait for it
    long timeout_ms = 30000;
};

class HecClient {
public:
    explicit HecClient(std::string base_url);
    ~HecClient();
    HecClient(const HecClient&) = delete;
    HecClient& operator=(const HecClient&) = delete;

    // TLS: verify the peer against ca_file (empty: the system store), or not at all.
    void set_tls(bool verify, std::string ca_file = {}) {
        verify_ = verify;
        ca_file_ = std::move(ca_file);
    }

    HttpResult send(const HecRequest& req);
    HttpResult post(const std::string& path, const std::string& body, const std::string& token,
                    std::vector<std::string> headers = {});
    HttpResult get(const std::string& path, std::vector<std::string> headers = {});

private:
    std::string base_;
    CURL* curl_;
    bool verify_ = true;
    std::string ca_file_;
};

// A channel GUID for tests: fixed prefix, the number in the last group.
std::string test_channel(int n);

}  // namespace eventgen::test
