#include "outputs/support/http_client.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "common/ca_bundle.h"
#include "common/strings.h"
#include "outputs/support/http_wire.h"
#include "outputs/support/tls_names.h"

namespace eventgen {

namespace {

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

// "scheme://host:port" of a URL.
std::string origin_of(const std::string& url) {
    size_t a = url.find("://");
    a = a == std::string::npos ? 0 : a + 3;
    return url.substr(0, url.find_first_of("/?#", a));
}

// "host:port" of an http(s) URL.
std::string authority_of(const std::string& url) {
    std::string origin = origin_of(url);
    size_t a = origin.find("://");
    return a == std::string::npos ? origin : origin.substr(a + 3);
}

// What follows the origin, without a fragment: "/path?query" ("/" when empty).
std::string target_of(const std::string& url) {
    std::string rest = url.substr(origin_of(url).size());
    rest = rest.substr(0, rest.find('#'));
    if (rest.empty() || rest[0] != '/') rest.insert(0, "/");
    return rest;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// Whether libcurl's connection to `url` carries the HTTP bytes as they are: http, not
// through an HTTPS proxy (for http, libcurl takes the proxy from http_proxy, all_proxy
// or ALL_PROXY; no_proxy is not looked at, so the answer errs on the safe side).
bool plain_tcp_to(const std::string& url) {
    if (!starts_with_nocase(url, "http://")) return false;
    for (const char* var : {"http_proxy", "all_proxy", "ALL_PROXY"}) {
        const char* value = std::getenv(var);
        if (value && starts_with_nocase(value, "https")) return false;
    }
    return true;
}

// The request line and headers of a POST of `length` bytes, framed like libcurl's own.
std::string post_head(const std::string& url, size_t length, const HttpHeaders& headers) {
    std::string head = "POST " + target_of(url) + " HTTP/1.1\r\nHost: " + authority_of(url) + "\r\n";
    bool typed = false;
    for (const curl_slist* l = headers.get(); l; l = l->next) {
        std::string_view line = l->data;
        size_t colon = line.find(':');
        if (colon != std::string_view::npos && line.find_first_not_of(" \t", colon + 1) == std::string_view::npos)
            continue;  // "Expect:" and the like: libcurl's way to say "do not send it"
        typed = typed || starts_with_nocase(line, "content-type:");
        head += line;
        head += "\r\n";
    }
    // What libcurl sends for a POST that names no type (splunkd's login form).
    if (!typed) head += "Content-Type: application/x-www-form-urlencoded\r\n";
    head += "Accept: */*\r\nContent-Length: " + std::to_string(length) + "\r\n\r\n";
    return head;
}

// The host of a "host:port" authority (without an IPv6 address's brackets).
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
    if (curl != CURLE_OK) return url + ": " + curl_easy_strerror(curl) + (detail.empty() ? "" : " (" + detail + ")");
    return url + ": HTTP " + std::to_string(status);
}

HttpClient::HttpClient(HttpOptions options) : options_(std::move(options)) {}

HttpClient::~HttpClient() { reset(); }

HttpClient::HttpClient(HttpClient&& other) noexcept
    : options_(std::move(other.options_)),
      curl_(other.curl_),
      wire_fd_(other.wire_fd_),
      wire_origin_(std::move(other.wire_origin_)),
      wire_plain_(other.wire_plain_),
      stop_seen_(other.stop_seen_) {
    other.curl_ = nullptr;
    other.wire_fd_ = CURL_SOCKET_BAD;
}

void HttpClient::reset() {
    if (curl_) curl_easy_cleanup(curl_);
    curl_ = nullptr;
    wire_fd_ = CURL_SOCKET_BAD;
    wire_origin_.clear();
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
    watch_transfer();
    r.curl = curl_easy_perform(curl_);
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &r.status);
    if (r.curl == CURLE_PEER_FAILED_VERIFICATION) explain_tls_failure(url, r);
    curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, nullptr);
    // The header list belongs to the caller: never leave the handle pointing at it.
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, nullptr);
    return r;
}

void HttpClient::watch_transfer() {
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
}

bool HttpClient::open_wire(const std::string& url, HttpResponse& r, bool& reused) {
    std::string origin = origin_of(url);
    reused = wire_fd_ != CURL_SOCKET_BAD && origin == wire_origin_ && wire_idle_alive(curl_, wire_fd_);
    if (reused) return true;
    reset();  // a closed connection, another origin, or a handle GETs used
    CURL* c = handle();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
    // Requests name only the path, so a proxy must be a tunnel; and they are HTTP/1.1,
    // so TLS must not agree on HTTP/2.
    curl_easy_setopt(c, CURLOPT_HTTPPROXYTUNNEL, 1L);
    curl_easy_setopt(c, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
    watch_transfer();
    r.curl = curl_easy_perform(c);
    if (r.curl == CURLE_PEER_FAILED_VERIFICATION) explain_tls_failure(url, r);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
    curl_socket_t fd = CURL_SOCKET_BAD;
    if (r.curl == CURLE_OK && (curl_easy_getinfo(c, CURLINFO_ACTIVESOCKET, &fd) != CURLE_OK || fd == CURL_SOCKET_BAD))
        r.curl = CURLE_COULDNT_CONNECT;
    if (r.curl != CURLE_OK) {
        reset();
        return false;
    }
    wire_fd_ = fd;
    wire_origin_ = origin;
    wire_plain_ = plain_tcp_to(url);
    return true;
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
    auto left = stop_grace_left(c->options_.cancel, c->options_.stop_grace_ms, c->stop_seen_,
                                std::chrono::steady_clock::now());
    // Non-zero aborts the transfer (CURLE_ABORTED_BY_CALLBACK).
    return left && *left <= std::chrono::steady_clock::duration::zero() ? 1 : 0;
}

HttpResponse HttpClient::post(const std::string& url, std::string_view body, const HttpHeaders& headers) {
    WireClock clock(options_.timeout_ms, options_.cancel, options_.stop_grace_ms, stop_seen_);
    std::string head = post_head(url, body.size(), headers);
    for (bool first = true;; first = false) {
        HttpResponse r;
        bool reused = false;
        if (!open_wire(url, r, reused)) return r;
        HttpResponseReader reader;
        WireOutcome o = wire_exchange(curl_, wire_fd_, wire_plain_, head, body, reader, clock);
        r.curl = o.curl;
        if (o.curl == CURLE_OK) {
            r.status = reader.status();
            r.body = reader.body();
        } else {
            r.detail = reader.error();
        }
        if (!o.reusable) reset();
        // Closed by the server while it sat idle, and no answer began: a fresh
        // connection gets the request once more (libcurl's own rule).
        bool died_idle = o.curl != CURLE_OK && o.curl != CURLE_OPERATION_TIMEDOUT &&
                         o.curl != CURLE_ABORTED_BY_CALLBACK && !reader.started();
        if (first && reused && died_idle) continue;
        return r;
    }
}

HttpResponse HttpClient::get(const std::string& url, const HttpHeaders& headers) {
    if (wire_fd_ != CURL_SOCKET_BAD) reset();  // a POST connection cannot carry libcurl's transfers
    CURL* c = handle();
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    return perform(url, headers);
}

}  // namespace eventgen
