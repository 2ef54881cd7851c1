#pragma once
// The HEC endpoints: routing, authentication, channels and acks, event intake.
// Transport-free: takes a fully read request and returns the response, so the
// connection code owns sockets, framing and the connection-level faults.
#include <map>
#include <mutex>
#include <string>
#include <variant>

#include "ack_registry.h"
#include "fault_plan.h"
#include "hec_accounting.h"
#include "hec_types.h"
#include "http_message.h"

namespace eventgen::test {

enum class HecRoute { event, raw, health, ack, unknown };

HecRoute route_of(const std::string& path);
// /event and /raw: the requests faults apply to.
inline bool is_data_route(HecRoute r) { return r == HecRoute::event || r == HecRoute::raw; }
// 8-4-4-4-12 hexadecimal digits.
bool is_guid(const std::string& s);

class HecService {
public:
    HecService(const HecServerOptions& options, HecAccounting& accounting, FaultPlan& faults);

    HttpResponse handle(const HttpRequest& req);

    void add_token(const HecToken& token);
    bool set_token_disabled(const std::string& token, bool disabled);
    bool set_token_ack(const std::string& token, bool use_ack);
    size_t pending_acks() const { return acks_.pending(); }

private:
    using AuthResult = std::variant<HecToken, int>;  // the token, or the HEC code refusing it
    AuthResult authenticate(const HttpRequest& req) const;
    std::optional<HecToken> find_token(const std::string& token) const;
    HttpResponse health(const HttpRequest& req) const;
    HttpResponse ack_status(const std::string& channel, const std::string& body);
    HttpResponse intake(HecRoute route, const HttpRequest& req, const HecToken& token, const std::string& channel,
                        const std::string& body);

    HecServerOptions options_;
    HecAccounting& accounting_;
    FaultPlan& faults_;
    AckRegistry acks_;
    mutable std::mutex tokens_mu_;
    std::map<std::string, HecToken> tokens_;
};

}  // namespace eventgen::test
