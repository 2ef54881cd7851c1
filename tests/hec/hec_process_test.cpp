// hec_test_server as a process: "listening <port>" when ready, JSON stats on SIGTERM.
#include <gtest/gtest.h>
#include <poll.h>
#include <rapidjson/document.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "hec_client.h"

namespace eventgen::test {
namespace {

using Clock = std::chrono::steady_clock;

class ServerProcess {
public:
    explicit ServerProcess(std::vector<std::string> args) {
        int out[2];
        if (pipe(out) != 0) throw std::runtime_error("pipe");
        // Built before fork(): the child of a threaded process may only call async-signal-safe functions.
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        pid_ = fork();
        if (pid_ == 0) {
            dup2(out[1], STDOUT_FILENO);
            close(out[0]);
            close(out[1]);
            execv(argv[0], argv.data());
            _exit(127);
        }
        close(out[1]);
        fd_ = out[0];
    }
    ~ServerProcess() {
        if (pid_ > 0 && !reaped_) {
            ::kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        close(fd_);
    }

    // Reads stdout until `needle` shows up (true) or EOF/timeout (false).
    bool read_until(const std::string& needle, std::chrono::milliseconds timeout) {
        auto deadline = Clock::now() + timeout;
        while (out_.find(needle) == std::string::npos) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            if (left <= 0) return false;
            pollfd p{fd_, POLLIN, 0};
            if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
            char buf[4096];
            ssize_t n = read(fd_, buf, sizeof buf);
            if (n <= 0) {
                eof_ = true;
                return out_.find(needle) != std::string::npos;
            }
            out_.append(buf, static_cast<size_t>(n));
        }
        return true;
    }
    // Sends sig and waits (bounded) for the exit; returns the exit status or -1.
    int stop(int sig, std::chrono::milliseconds timeout) {
        ::kill(pid_, sig);
        read_until("\n\n\n(never printed)", timeout);  // drains stdout to EOF or the timeout
        if (!eof_) return -1;  // still running: the destructor kills it
        // stdout reached EOF, so the process is exiting: this wait is short.
        int status = 0;
        if (waitpid(pid_, &status, 0) != pid_) return -1;
        reaped_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    const std::string& out() const { return out_; }

private:
    pid_t pid_ = -1;
    int fd_ = -1;
    bool reaped_ = false, eof_ = false;
    std::string out_;
};

TEST(HecTestServerProcess, ListensServesAndReportsOnSigterm) {
    const std::string token = "12345678-1234-1234-1234-123456789012";
    ServerProcess proc({HEC_TEST_SERVER_BINARY, "--port", "0", "--token", token, "--ack"});
    ASSERT_TRUE(proc.read_until("\n", std::chrono::seconds(20))) << proc.out();
    ASSERT_EQ(proc.out().rfind("listening ", 0), 0u) << proc.out();
    int port = std::stoi(proc.out().substr(10));
    ASSERT_GT(port, 0);

    HecClient client("http://127.0.0.1:" + std::to_string(port));
    HttpResult r = client.post("/services/collector", R"({"event":"a"}{"event":"b"})", token,
                               {"X-Splunk-Request-Channel: " + test_channel(9)});
    ASSERT_EQ(r.curl, CURLE_OK) << r.error;
    EXPECT_EQ(r.body, R"({"text":"Success","code":0,"ackId":0})");

    EXPECT_EQ(proc.stop(SIGTERM, std::chrono::seconds(20)), 0);
    std::string json = proc.out().substr(proc.out().find('\n') + 1);
    rapidjson::Document doc;
    doc.Parse(json.c_str());
    ASSERT_FALSE(doc.HasParseError()) << json;
    EXPECT_EQ(doc["events"].GetUint64(), 2u);
    EXPECT_EQ(doc["requests"].GetUint64(), 1u);
    EXPECT_EQ(doc["events_per_token"][token.c_str()].GetUint64(), 2u);
}

TEST(HecTestServerProcess, TlsAndSigint) {
    ServerProcess proc({HEC_TEST_SERVER_BINARY, "--tls", "--token", "t"});
    ASSERT_TRUE(proc.read_until("\n", std::chrono::seconds(20))) << proc.out();
    ASSERT_EQ(proc.out().rfind("listening ", 0), 0u) << proc.out();
    HecClient client("https://127.0.0.1:" + proc.out().substr(10, proc.out().find('\n') - 10));
    client.set_tls(false);
    HttpResult r = client.post("/services/collector", R"({"event":"a"})", "t");
    ASSERT_EQ(r.curl, CURLE_OK) << r.error;
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(proc.stop(SIGINT, std::chrono::seconds(20)), 0);
    EXPECT_NE(proc.out().find(R"("events":1,)"), std::string::npos) << proc.out();
}

// The fault flags make the server misbehave from a shell, as the fault tests and the
// soak benchmark need: scripted statuses, windows, slow answers.
TEST(HecTestServerProcess, FaultFlagsScriptBusyThrottledAndSlowAnswers) {
    const std::string token = "t";
    ServerProcess proc({HEC_TEST_SERVER_BINARY, "--token", token, "--fault", "busy:2", "--fault", "internal_error",
                        "--response-delay", "300:1"});
    ASSERT_TRUE(proc.read_until("\n", std::chrono::seconds(20))) << proc.out();
    HecClient client("http://127.0.0.1:" + proc.out().substr(10, proc.out().find('\n') - 10));
    auto post = [&] { return client.post("/services/collector", R"({"event":"a"})", token); };
    auto t0 = Clock::now();
    EXPECT_EQ(post().status, 503);
    EXPECT_GE(Clock::now() - t0, std::chrono::milliseconds(300));  // the one slow answer
    t0 = Clock::now();
    EXPECT_EQ(post().status, 503);
    EXPECT_EQ(post().status, 500);
    EXPECT_EQ(post().status, 200);
    EXPECT_EQ(post().status, 200);
    EXPECT_LT(Clock::now() - t0, std::chrono::milliseconds(300));
    EXPECT_EQ(proc.stop(SIGTERM, std::chrono::seconds(20)), 0);
    EXPECT_NE(proc.out().find(R"("events":2,)"), std::string::npos) << proc.out();
}

TEST(HecTestServerProcess, ThrottleWindowAndBadFlags) {
    ServerProcess proc({HEC_TEST_SERVER_BINARY, "--token", "t", "--throttle-for", "60000"});
    ASSERT_TRUE(proc.read_until("\n", std::chrono::seconds(20))) << proc.out();
    HecClient client("http://127.0.0.1:" + proc.out().substr(10, proc.out().find('\n') - 10));
    HttpResult r = client.post("/services/collector", R"({"event":"a"})", "t");
    EXPECT_EQ(r.status, 429);
    EXPECT_EQ(r.json_int("code"), 26);
    EXPECT_EQ(proc.stop(SIGTERM, std::chrono::seconds(20)), 0);

    ServerProcess wrong({HEC_TEST_SERVER_BINARY, "--fault", "sleepy"});
    EXPECT_EQ(wrong.stop(0, std::chrono::seconds(20)), 2);  // usage error, nothing listens
}

}  // namespace
}  // namespace eventgen::test
