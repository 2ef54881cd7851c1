#pragma once
// The one libcurl client of the HTTP outputs (HEC, splunkstream) and of the splunkd
// REST client: owns its easy handle (kept alive across requests, so connections are
// reused) and its header lists, and frees them on every path. GETs are libcurl's
// whole transfers; POSTs are written onto a connection libcurl opened (http_wire.h),
// so that payloads are not copied on their way out.
#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace eventgen {

// A curl_slist that frees itself.
class HttpHeaders {
public:
    HttpHeaders() = default;
    HttpHeaders(const std::vector<std::string>& lines);
    ~HttpHeaders();
    HttpHeaders(HttpHeaders&& other) noexcept : list_(other.list_) { other.list_ = nullptr; }
    HttpHeaders& operator=(HttpHeaders&& other) noexcept;
    HttpHeaders(const HttpHeaders&) = delete;
    HttpHeaders& operator=(const HttpHeaders&) = delete;
    void add(const std::string& line);
    curl_slist* get() const { return list_; }

private:
    curl_slist* list_ = nullptr;
};

struct HttpOptions {
    bool verify_peer = true;
    bool verify_host = true;
    std::string ca_file;            // trust this CA bundle (empty: the system's)
    long connect_timeout_ms = 2000;
    long timeout_ms = 30000;        // whole request
    // A stop request: a request still running stop_grace_ms after it is set is
    // aborted (a stalled server must not hold a stopping run).
    const std::atomic<bool>* cancel = nullptr;
    long stop_grace_ms = 2000;
};

struct HttpResponse {
    CURLcode curl = CURLE_OK;
    long status = 0;
    std::string body;
    // When the server's certificate failed verification: why, in words ("TLS host name
    // mismatch: the certificate of 127.0.0.1:8088 is for DNS:other.example, not
    // '127.0.0.1'", or OpenSSL's reason with the certificate's names).
    std::string tls_problem;
    bool host_mismatch = false;
    std::string detail;  // what was wrong with a reply libcurl's code only names

    bool ok() const { return curl == CURLE_OK && status / 100 == 2; }
    // "url: <curl error>" (or the TLS problem) or "url: HTTP 503"
    std::string describe(const std::string& url) const;
};

class HttpClient {
public:
    explicit HttpClient(HttpOptions options = {});
    ~HttpClient();
    HttpClient(HttpClient&& other) noexcept;
    HttpClient& operator=(HttpClient&&) = delete;
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // POSTs `body` (not copied: it must live until the call returns) over HTTP/1.1 on a
    // kept-alive connection; a kept-alive connection the server closed meanwhile is
    // replaced and the request sent again, as libcurl does. `headers` are sent as
    // given, except "Name:" lines, which in libcurl's terms remove a header and here
    // are not sent. Throws std::runtime_error only when libcurl cannot start at all.
    HttpResponse post(const std::string& url, std::string_view body, const HttpHeaders& headers);
    HttpResponse get(const std::string& url, const HttpHeaders& headers);
    // Drops the connection (the next request opens a new one).
    void reset();

private:
    CURL* handle();
    HttpResponse perform(const std::string& url, const HttpHeaders& headers);
    // Connects (CONNECT_ONLY) unless a live connection to url's origin is open;
    // `reused` says which. False with r.curl set when it cannot connect.
    bool open_wire(const std::string& url, HttpResponse& r, bool& reused);
    void watch_transfer();  // progress (stop) and error buffer for curl_easy_perform
    void explain_tls_failure(const std::string& url, HttpResponse& r) const;
    static int on_progress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
    HttpOptions options_;
    CURL* curl_ = nullptr;
    curl_socket_t wire_fd_ = CURL_SOCKET_BAD;  // the POST connection, when open
    std::string wire_origin_;                  // its scheme://host:port
    bool wire_plain_ = false;                  // it carries HTTP as is (no TLS to server or proxy)
    char error_[CURL_ERROR_SIZE] = "";
    std::chrono::steady_clock::time_point stop_seen_{};
};

}  // namespace eventgen
