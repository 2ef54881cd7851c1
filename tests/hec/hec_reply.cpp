#include "hec_reply.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>

namespace eventgen::test {

HecStatus hec_status(int code) {
    static const std::array<HecStatus, 28> table = {{
        {200, "Success"},
        {403, "Token disabled"},
        {401, "Token is required"},
        {401, "Invalid authorization"},
        {403, "Invalid token"},
        {400, "No data"},
        {400, "Invalid data format"},
        {400, "Incorrect index"},
        {500, "Internal server error"},
        {503, "Server is busy"},
        {400, "Data channel is missing"},
        {400, "Invalid data channel"},
        {400, "Event field is required"},
        {400, "Event field cannot be blank"},
        {400, "ACK is disabled"},
        {400, "Error in handling indexed fields"},
        {400, "Query string authorization is not enabled"},
        {200, "HEC is healthy"},
        {503, "HEC is unhealthy, queues are full"},
        {503, "HEC is unhealthy, ack service unavailable"},
        {503, "HEC is unhealthy, queues are full, ack service unavailable"},
        {400, "Invalid token"},
        {400, "Token disabled"},
        {503, "Server is shutting down"},
        {200, "HEC queue is approaching its capacity limit"},
        {200, "ACK is approaching its capacity limit"},
        {429, "HEC queue is at capacity and cannot process any more requests"},
        {429, "ACK channel is at capacity and cannot process any more requests"},
    }};
    if (code < 0 || static_cast<size_t>(code) >= table.size()) return {500, "Internal server error"};
    return table[static_cast<size_t>(code)];
}

HttpResponse hec_reply(int code, std::optional<size_t> event_number, std::optional<uint64_t> ack_id) {
    HecStatus st = hec_status(code);
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartObject();
    w.Key("text");
    w.String(st.text);
    w.Key("code");
    w.Int(code);
    if (event_number) {
        w.Key("invalid-event-number");
        w.Uint64(*event_number);
    }
    if (ack_id) {
        w.Key("ackId");
        w.Uint64(*ack_id);
    }
    w.EndObject();
    HttpResponse r;
    r.status = st.http;
    r.body = buf.GetString();
    return r;
}

}  // namespace eventgen::test
