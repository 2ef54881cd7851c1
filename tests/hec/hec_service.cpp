#include "hec_service.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cctype>

#include "gzip_codec.h"
#include "hec_envelope.h"

namespace eventgen::test {

namespace {

HttpResponse bare(int status) {
    HttpResponse r;
    r.status = status;
    return r;
}

// Standard base64 with padding; nullopt on anything else.
std::optional<std::string> base64_decode(std::string_view in) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    };
    if (in.size() % 4 != 0) return std::nullopt;
    std::string out;
    for (size_t i = 0; i < in.size(); i += 4) {
        int v[4];
        int pad = 0;
        for (int k = 0; k < 4; ++k) {
            char c = in[i + static_cast<size_t>(k)];
            if (c == '=' && i + 4 == in.size() && k >= 2) {
                v[k] = 0;
                ++pad;
            } else if (pad > 0 || (v[k] = value(c)) < 0) {
                return std::nullopt;
            }
        }
        unsigned bits = (static_cast<unsigned>(v[0]) << 18) | (static_cast<unsigned>(v[1]) << 12) |
                        (static_cast<unsigned>(v[2]) << 6) | static_cast<unsigned>(v[3]);
        out += static_cast<char>((bits >> 16) & 0xFF);
        if (pad < 2) out += static_cast<char>((bits >> 8) & 0xFF);
        if (pad < 1) out += static_cast<char>(bits & 0xFF);
    }
    return out;
}

int fault_code(HecFault f) {
    switch (f) {
        case HecFault::busy: return 9;
        case HecFault::throttled: return 26;
        case HecFault::internal_error: return 8;
        case HecFault::shutting_down: return 23;
        default: return 8;
    }
}

// {"acks":[0,1,2]} -> ids; nullopt when the body has another shape.
std::optional<std::vector<uint64_t>> parse_ack_query(const std::string& body) {
    rapidjson::Document doc;
    doc.Parse(body.c_str(), body.size());
    if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
    auto acks = doc.FindMember("acks");
    if (acks == doc.MemberEnd() || !acks->value.IsArray()) return std::nullopt;
    std::vector<uint64_t> ids;
    for (const auto& v : acks->value.GetArray()) {
        if (!v.IsUint64()) return std::nullopt;
        ids.push_back(v.GetUint64());
    }
    return ids;
}

}  // namespace

HecRoute route_of(const std::string& path) {
    static const std::map<std::string, HecRoute> routes = {
        {"/services/collector", HecRoute::event},        {"/services/collector/event", HecRoute::event},
        {"/services/collector/event/1.0", HecRoute::event}, {"/services/collector/raw", HecRoute::raw},
        {"/services/collector/raw/1.0", HecRoute::raw},  {"/services/collector/health", HecRoute::health},
        {"/services/collector/health/1.0", HecRoute::health}, {"/services/collector/ack", HecRoute::ack},
    };
    std::string p = path;
    if (p.size() > 1 && p.back() == '/') p.pop_back();
    auto it = routes.find(p);
    return it == routes.end() ? HecRoute::unknown : it->second;
}

bool is_guid(const std::string& s) {
    if (s.size() != 36) return false;
    for (size_t i = 0; i < s.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    return true;
}

HecService::HecService(const HecServerOptions& options, HecAccounting& accounting, FaultPlan& faults)
    : options_(options), accounting_(accounting), faults_(faults) {
    for (const auto& t : options.tokens) tokens_[t.token] = t;
}

void HecService::add_token(const HecToken& token) {
    std::lock_guard lock(tokens_mu_);
    tokens_[token.token] = token;
}

bool HecService::set_token_disabled(const std::string& token, bool disabled) {
    std::lock_guard lock(tokens_mu_);
    auto it = tokens_.find(token);
    if (it == tokens_.end()) return false;
    it->second.disabled = disabled;
    return true;
}

bool HecService::set_token_ack(const std::string& token, bool use_ack) {
    std::lock_guard lock(tokens_mu_);
    auto it = tokens_.find(token);
    if (it == tokens_.end()) return false;
    it->second.use_ack = use_ack;
    return true;
}

std::optional<HecToken> HecService::find_token(const std::string& token) const {
    std::lock_guard lock(tokens_mu_);
    auto it = tokens_.find(token);
    if (it == tokens_.end()) return std::nullopt;
    return it->second;
}

HecService::AuthResult HecService::authenticate(const HttpRequest& req) const {
    auto check = [&](const std::string& token, bool from_query) -> AuthResult {
        auto t = find_token(token);
        if (!t) return 4;
        if (from_query && !t->allow_query_string_auth) return 16;
        if (t->disabled) return 1;
        return *t;
    };
    // A query-string token wins over the header, but only where the token allows it.
    if (auto q = req.query_param("token")) return check(*q, true);
    const std::string* header = req.header("authorization");
    if (!header || header->empty()) return 2;
    size_t sp = header->find(' ');
    if (sp == std::string::npos) return 3;
    std::string scheme = header->substr(0, sp);
    size_t start = header->find_first_not_of(' ', sp);
    std::string cred = start == std::string::npos ? std::string() : header->substr(start);
    std::string token;
    if (iequals(scheme, "Splunk")) {
        token = cred;
    } else if (iequals(scheme, "Basic")) {
        // Any user name; the password is the token.
        auto decoded = base64_decode(cred);
        size_t colon = decoded ? decoded->find(':') : std::string::npos;
        if (colon == std::string::npos) return 3;
        token = decoded->substr(colon + 1);
    } else {
        return 3;
    }
    if (token.empty()) return 3;
    return check(token, false);
}

HttpResponse HecService::health(const HttpRequest& req) const {
    if (req.header("authorization")) {
        // Health has its own token codes: 21 invalid, 22 disabled.
        AuthResult auth = authenticate(req);
        if (const int* code = std::get_if<int>(&auth)) return hec_reply(*code == 1 ? 22 : 21);
    }
    if (auto f = faults_.health_fault()) return hec_reply(*f == HecFault::shutting_down ? 23 : 18);
    return hec_reply(17);
}

HttpResponse HecService::ack_status(const std::string& channel, const std::string& body) {
    if (body.empty()) return hec_reply(5);
    auto ids = parse_ack_query(body);
    if (!ids) return hec_reply(6);
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartObject();
    w.Key("acks");
    w.StartObject();
    for (const auto& [id, done] : acks_.query(channel, *ids)) {
        w.Key(std::to_string(id).c_str());
        w.Bool(done);
    }
    w.EndObject();
    w.EndObject();
    HttpResponse r;
    r.body = buf.GetString();
    return r;
}

HttpResponse HecService::intake(HecRoute route, const HttpRequest& req, const HecToken& token,
                                const std::string& channel, const std::string& body) {
    EventDefaults d;
    d.host = req.peer_ip;
    d.source = "http:" + (token.name.empty() ? token.token : token.name);
    d.sourcetype = token.default_sourcetype.empty() ? "httpevent" : token.default_sourcetype;
    d.index = token.default_index;
    d.allowed_indexes = token.indexes;
    d.max_event_size = options_.max_event_size;
    ParsedBatch batch;
    if (route == HecRoute::raw) {
        for (auto [key, into] : {std::pair{"host", &d.host}, std::pair{"source", &d.source},
                                 std::pair{"sourcetype", &d.sourcetype}, std::pair{"index", &d.index}})
            if (auto v = req.query_param(key); v && !v->empty()) *into = *v;
        batch = parse_raw_batch(body, d);
    } else {
        batch = parse_event_batch(body, d);
    }
    for (auto& e : batch.events) {
        e.token = token.token;
        e.channel = channel;
        e.endpoint = route == HecRoute::raw ? "raw" : "event";
        e.request = req.number;
    }
    if (batch.error) {
        if (options_.accept_prefix_on_error) accounting_.accept(std::move(batch.events));
        return hec_reply(*batch.error);
    }
    accounting_.accept(std::move(batch.events));
    if (!token.use_ack) return hec_reply(0);
    uint64_t id = acks_.issue(channel, AckRegistry::Clock::now() + faults_.ack_delay());
    return hec_reply(0, std::nullopt, id);
}

HttpResponse HecService::handle(const HttpRequest& req) {
    HecRoute route = route_of(req.path);
    if (route == HecRoute::unknown) return bare(404);
    const char* allow = route == HecRoute::health ? "GET, OPTIONS" : "POST, OPTIONS";
    if (req.method == "OPTIONS") {
        HttpResponse r = bare(200);
        r.headers.emplace_back("Allow", allow);
        return r;
    }
    if (req.method != (route == HecRoute::health ? "GET" : "POST")) {
        HttpResponse r = bare(405);
        r.headers.emplace_back("Allow", allow);
        return r;
    }
    if (is_data_route(route))
        if (auto f = faults_.take_status_fault()) return hec_reply(fault_code(*f));
    if (route == HecRoute::health) return health(req);

    AuthResult auth = authenticate(req);
    if (const int* code = std::get_if<int>(&auth)) return hec_reply(*code);
    const HecToken& token = std::get<HecToken>(auth);

    // Bodies are decoded only after authentication, as an unauthenticated peer gets no work done.
    std::string decoded;
    const std::string* encoding = req.header("content-encoding");
    bool gzip = encoding && iequals(*encoding, "gzip");
    if (gzip) {
        GunzipStatus gs = gunzip(req.body, options_.max_content_length, decoded);
        if (gs == GunzipStatus::too_large) {
            HttpResponse r = bare(413);
            r.close = true;
            return r;
        }
        if (gs == GunzipStatus::corrupt) return hec_reply(6);
    } else if (encoding && !encoding->empty() && !iequals(*encoding, "identity")) {
        return bare(415);  // splunkd takes gzip only (no deflate)
    } else {
        decoded = req.body;
    }
    accounting_.decoded_body(decoded.size(), gzip, req.header("transfer-encoding") != nullptr);

    std::string channel;
    if (const std::string* h = req.header("x-splunk-request-channel"))
        channel = *h;
    else if (auto q = req.query_param("channel"))
        channel = *q;
    if (!channel.empty() && !is_guid(channel)) return hec_reply(11);

    if (route == HecRoute::ack) {
        if (!token.use_ack) return hec_reply(14);
        if (channel.empty()) return hec_reply(10);
        return ack_status(channel, decoded);
    }
    bool need_channel = token.use_ack || (route == HecRoute::raw && options_.raw_requires_channel);
    if (need_channel && channel.empty()) return hec_reply(10);
    return intake(route, req, token, channel, decoded);
}

}  // namespace eventgen::test
