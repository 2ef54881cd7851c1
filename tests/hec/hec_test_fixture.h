#pragma once
// Shared set-up for the socket-level tests: a server with a few tokens and a client.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "hec_client.h"
#include "hec_server.h"

namespace eventgen::test {

inline constexpr const char* kToken = "11111111-2222-3333-4444-555555555555";
inline constexpr const char* kAckToken = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
inline constexpr const char* kWebToken = "99999999-8888-7777-6666-555555555555";  // indexes main, web only
inline constexpr std::chrono::seconds kWait{20};  // bound on every wait for the server

inline HecServerOptions standard_options() {
    HecServerOptions o;
    o.tokens = {HecToken{.token = kToken, .name = "eventgen"},
                HecToken{.token = kAckToken, .use_ack = true},
                HecToken{.token = kWebToken, .default_index = "web", .indexes = {"main", "web"},
                         .default_sourcetype = "access_combined"}};
    return o;
}

class HecServerTest : public ::testing::Test {
protected:
    void SetUp() override { start(standard_options()); }
    void start(HecServerOptions o) {
        server_ = std::make_unique<HecServer>(std::move(o));
        client_ = std::make_unique<HecClient>(server_->base_url());
    }
    HttpResult post_event(const std::string& body, const std::string& path = "/services/collector") {
        return client_->post(path, body, kToken);
    }

    std::unique_ptr<HecServer> server_;
    std::unique_ptr<HecClient> client_;
};

}  // namespace eventgen::test
