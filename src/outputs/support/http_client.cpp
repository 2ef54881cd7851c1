#include "outputs/support/http_client.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstring>
#include <stdexcept>

#include "common/ca_bundle.h"
#include "outputs/support/tls_names.h"

namespace eventgen {

namespace {

constexpr long kUploadBufferBytes = 512L * 1024;

size_t append_body(char* data, size_t size, size_t n, void* body) {
    static_cast<std::string*>(body)->append(data, size * n);
    return size * n;
}

// The handshake runs on this thread inside curl_easy_perform: the verify callback
// remembers the certificate's names for errors (OpenSSL's and curl's verdict stand).
CURLcode watch_handshake(CURL*, void* ssl_ctx, void*) {
    auto* ctx = static_cast<SSL_CTX*>(ssl_ctx);
    SSL_CTX_set_verify(ctx, SSL_CTX_get_verify_mode(ctx), remember_peer_names);
    return CURLE_OK;
}

// "host:port" of an http(s) URL, and its host.
std::string authority_of(const std::string& url) {
    size_t a = url.find("://");
    a = a == std::string::npos ? 0 : a + 3;
    size_t b = url.find_first_of("/?", a);
    return url.substr(a, b == std::string::npos ? std::string::npos : b - a);
}

std::string host_of(const std::string& authority) {
    if (!authority.empty() && authority[0] == '[') return authority.substr(1, authority.find(']') - 1);
    return authority.substr(0, authority.rfind(':'));
}

}  // namespace

HttpHeaders::HttpHeaders(const std::vector<std::string>& lines) {
    for (const auto& l : lines) add(l);
}

HttpHeaders::~HttpHeaders() {
    if (list_) curl_slist_free_all(list_);
}

HttpHeaders& HttpHeaders::operator=(HttpHeaders&& other) noexcept {
    if (this != &other) {
        if (list_) curl_slist_free_all(list_);
        list_ = other.list_;
        other.list_ = nullptr;
    }
    return *this;
}

void HttpHeaders::add(const std::string& line) {
    curl_slist* next = curl_slist_append(list_, line.c_str());
    if (!next) throw std::runtime_error("out of memory building HTTP headers");
    list_ = next;
}

std::string HttpResponse::describe(const std::string& url) const {
    if (!tls_problem.empty()) return url + ": " + tls_problem;
    if (curl != CURLE_OK) return url + ": " + curl_easy_strerror(curl);
    return url + ": HTTP " + std::to_string(status);
}

HttpClient::HttpClient(HttpOptions options) : options_(std::move(options)) {}

HttpClient::~HttpClient() { reset(); }

HttpClient::HttpClient(HttpClient&& other) noexcept
    : options_(std::move(other.options_)), curl_(other.curl_), stop_seen_(other.stop_seen_) {
    other.curl_ = nullptr;
}

void HttpClient::reset() {
    if (curl_) curl_easy_cleanup(curl_);
    curl_ = nullptr;
}

CURL* HttpClient::handle() {
    if (curl_) return curl_;
    curl_ = curl_easy_init();
    if (!curl_) throw std::runtime_error("cannot start libcurl");
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl_, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, options_.timeout_ms);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, append_body);
    // 1 MiB payloads leave in 16 sends of libcurl's default 64 KiB, each waking the
    // server; bigger pieces halve the sending thread's kernel time.
    curl_easy_setopt(curl_, CURLOPT_UPLOAD_BUFFERSIZE, kUploadBufferBytes);
    curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYPEER, options_.verify_peer ? 1L : 0L);
    curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYHOST, options_.verify_host ? 2L : 0L);
    use_ca_bundle(curl_, options_.ca_file);  // the configured file, else the system bundle
    // Errors that name the certificate (libcurl built on OpenSSL; others ignore it).
    if (options_.verify_peer || options_.verify_host)
        curl_easy_setopt(curl_, CURLOPT_SSL_CTX_FUNCTION, &watch_handshake);
    return curl_;
}

HttpResponse HttpClient::perform(const std::string& url, const HttpHeaders& headers) {
    HttpResponse r;
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &r.body);
    if (options_.cancel) {
        // Set per request: the client may have moved since the handle was made.
        curl_easy_setopt(curl_, CURLOPT_XFERINFOFUNCTION, &HttpClient::on_progress);
        curl_easy_setopt(curl_, CURLOPT_XFERINFODATA, this);
        curl_easy_setopt(curl_, CURLOPT_NOPROGRESS, 0L);
    }
    // Set per request, like the progress data: the client may have moved.
    error_[0] = '\0';
    curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, error_);
    clear_peer_names();
    r.curl = curl_easy_perform(curl_);
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &r.status);
    if (r.curl == CURLE_PEER_FAILED_VERIFICATION) explain_tls_failure(url, r);
    curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, nullptr);
    // The header list belongs to the caller: never leave the handle pointing at it.
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, nullptr);
    return r;
}

void HttpClient::explain_tls_failure(const std::string& url, HttpResponse& r) const {
    long verify = X509_V_OK;
    curl_easy_getinfo(curl_, CURLINFO_SSL_VERIFYRESULT, &verify);
    std::string detail = error_;
    std::string names = peer_names().empty() ? "names it did not show" : peer_names();
    std::string authority = authority_of(url);
    // OpenSSL checks the name itself (X509_V_ERR_HOSTNAME_MISMATCH), or libcurl does after
    // the handshake ("no alternative certificate subject name matches target host name").
    r.host_mismatch = verify == X509_V_ERR_HOSTNAME_MISMATCH || verify == X509_V_ERR_IP_ADDRESS_MISMATCH ||
                      detail.find("subject name") != std::string::npos ||
                      detail.find("does not match target host") != std::string::npos;
    if (r.host_mismatch) {
        r.tls_problem = host_mismatch_message(authority, host_of(authority), names);
    } else {
        std::string why = verify != X509_V_OK ? X509_verify_cert_error_string(verify)
                          : !detail.empty()  ? detail
                                             : curl_easy_strerror(r.curl);
        r.tls_problem = "TLS certificate not trusted: " + why +
                        (peer_names().empty() ? std::string() : " (the certificate is for " + peer_names() + ")");
    }
}

int HttpClient::on_progress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* c = static_cast<HttpClient*>(self);
    if (!c->options_.cancel->load(std::memory_order_relaxed)) return 0;
    auto now = std::chrono::steady_clock::now();
    if (c->stop_seen_ == std::chrono::steady_clock::time_point{}) c->stop_seen_ = now;
    // Non-zero aborts the transfer (CURLE_ABORTED_BY_CALLBACK).
    return now - c->stop_seen_ >= std::chrono::milliseconds(c->options_.stop_grace_ms) ? 1 : 0;
}

HttpResponse HttpClient::post(const std::string& url, std::string_view body, const HttpHeaders& headers) {
    CURL* c = handle();
    curl_easy_setopt(c, CURLOPT_HTTPGET, 0L);
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    return perform(url, headers);
}

HttpResponse HttpClient::get(const std::string& url, const HttpHeaders& headers) {
    CURL* c = handle();
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    return perform(url, headers);
}

}  // namespace eventgen
