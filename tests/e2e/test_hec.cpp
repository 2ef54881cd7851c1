// The httpevent output against a HEC-speaking server, and the socket outputs
// against local listeners: every event arrives, exactly once where HEC can tell.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <mutex>
#include <regex>
#include <thread>

#include "../hec/hec_server.h"
#include "loopback.h"
#include "id_events.h"
#include "process.h"

using namespace eventgen::test;

namespace {

const char* kToken = "11111111-2222-3333-4444-555555555555";

HecServerOptions hec_options(bool tls = false, bool ack = false) {
    HecServerOptions o;
    o.tls = tls;
    HecToken t;
    t.token = kToken;
    t.use_ack = ack;
    o.tokens.push_back(t);
    return o;
}

std::string servers_json(const std::vector<HecServer*>& servers, const std::string& token = kToken) {
    std::string j = "{\"servers\": [";
    for (size_t i = 0; i < servers.size(); ++i) {
        if (i) j += ", ";
        j += "{\"protocol\": \"" + std::string(servers[i]->tls() ? "https" : "http") +
             "\", \"address\": \"127.0.0.1\", \"port\": \"" + std::to_string(servers[i]->port()) + "\", \"key\": \"" +
             token + "\"}";
    }
    return j + "]}";
}

std::string ids_app(const std::string& settings) {
    return make_ids_app("eg-hec", R"(index = main
sourcetype = ids
host = gen-01
)" + settings);
}

// How often each id arrived, over all servers.
std::map<long, int> id_counts(const std::vector<HecServer*>& servers) {
    std::map<long, int> counts;
    for (auto* s : servers)
        for (const auto& e : s->events()) {
            count_id(e.event, counts);
        }
    return counts;
}

}  // namespace

// roundrobin over two servers, output queue on and off, threads and processes.
class HecExactlyOnce : public ::testing::TestWithParam<std::tuple<bool, bool>> {};

TEST_P(HecExactlyOnce, EveryEventArrivesOnceAcrossServersOverKeptAliveConnections) {
    auto [queue, process] = GetParam();
    HecServer a(hec_options()), b(hec_options());
    const long count = 30000;
    std::string app = ids_app("outputMode = httpevent\nhttpeventServers = " + servers_json({&a, &b}) +
                              "\nhttpeventMaxPayloadSize = 50000\ncount = " + std::to_string(count) +
                              "\nend = 1\nuseOutputQueue = " + (queue ? "true" : "false") + "\n");
    std::vector<std::string> args = {binary_path(), "generate", app, "--generators", "2"};
    if (process) args.push_back("--multiprocess");
    ProcessResult r = run_process(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_exactly_once(id_counts({&a, &b}), count);
    EXPECT_GT(a.event_count(), 0u);
    EXPECT_GT(b.event_count(), 0u);
    // Many requests, few connections: they are kept alive and reused.
    EXPECT_GT(a.stats().requests + b.stats().requests, 30u);
    EXPECT_LE(a.stats().connections + b.stats().connections, 4u);
    for (const auto& e : a.events()) {
        ASSERT_EQ(e.index, "main");
        ASSERT_EQ(e.sourcetype, "ids");
        ASSERT_EQ(e.host, "gen-01");
        ASSERT_EQ(e.source, "ids");
        ASSERT_TRUE(e.time.has_value());
    }
}

INSTANTIATE_TEST_SUITE_P(QueueAndWorkers, HecExactlyOnce, ::testing::Combine(::testing::Bool(), ::testing::Bool()));

TEST(Hec, MirrorGivesEveryServerEveryEvent) {
    HecServer a(hec_options()), b(hec_options());
    std::string app = ids_app("outputMode = httpevent\nhttpeventOutputMode = mirror\nhttpeventServers = " +
                              servers_json({&a, &b}) + "\ncount = 5000\nend = 1\n");
    ProcessResult r = run_process({binary_path(), "generate", app});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_exactly_once(id_counts({&a}), 5000);
    expect_exactly_once(id_counts({&b}), 5000);
}

TEST(Hec, BusyServersAreRetriedAndLoseNothing) {
    HecServer a(hec_options()), b(hec_options());
    a.inject(HecFault::busy, 15);
    b.inject(HecFault::throttled, 5);
    b.inject(HecFault::internal_error, 3);
    std::string app = ids_app("outputMode = httpevent\nhttpeventServers = " + servers_json({&a, &b}) +
                              "\nhttpeventMaxPayloadSize = 20000\ncount = 10000\nend = 1\n");
    ProcessResult r = run_process({binary_path(), "generate", app});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_exactly_once(id_counts({&a, &b}), 10000);
    EXPECT_GE(a.stats().responses_per_status[503], 15u);
}

TEST(Hec, AKilledServerLosesNothing) {
    HecServer a(hec_options()), b(hec_options());
    std::string app = ids_app("outputMode = httpevent\nhttpeventServers = " + servers_json({&a, &b}) +
                              "\nhttpeventMaxPayloadSize = 20000\ncount = 20000\ninterval = 1\nend = 3\n");
    RunningProcess p({binary_path(), "generate", app});
    ASSERT_TRUE(a.wait_for_events(100, std::chrono::seconds(10)));
    a.kill();  // gone for good, mid-run
    ASSERT_TRUE(p.wait_exit(std::chrono::seconds(60))) << p.err();
    EXPECT_EQ(p.exit_code(), 0) << p.err();
    auto counts = id_counts({&a, &b});
    // Nothing lost. Without indexer acknowledgement a request the dying server took
    // in may be sent again, so an id may arrive twice, never zero times.
    EXPECT_EQ(static_cast<long>(counts.size()), 60000);
    long duplicates = 0;
    for (const auto& [id, n] : counts) duplicates += n - 1;
    EXPECT_LT(duplicates, 2000);
}

TEST(Hec, WrongTokenStopsTheRunWithHecsAnswer) {
    HecServer a(hec_options());
    std::string app = ids_app("outputMode = httpevent\nhttpeventServers = " + servers_json({&a}, "wrong-token") +
                              "\ncount = 100\ninterval = 1\nend = -1\n");
    ProcessResult r = run_process({binary_path(), "generate", app}, "", std::chrono::seconds(20));
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("HEC refused the token"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("HEC code 4"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Invalid token"), std::string::npos) << r.err;
    EXPECT_EQ(a.event_count(), 0u);
}

TEST(Hec, GzipAndIndexerAcknowledgement) {
    HecServer a(hec_options(false, true));
    std::string app = ids_app("outputMode = httpevent\nhttpeventServers = " + servers_json({&a}) +
                              "\nhttpeventGzip = true\nhttpeventUseAck = true\nhttpeventMaxPayloadSize = 30000"
                              "\ncount = 4000\nend = 1\n");
    ProcessResult r = run_process({binary_path(), "generate", app});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_exactly_once(id_counts({&a}), 4000);
    HecStats s = a.stats();
    EXPECT_GT(s.gzip_requests, 0u);
    EXPECT_GT(s.requests_per_path["/services/collector/ack"], 0u);
    EXPECT_LT(s.wire_bytes, s.decoded_bytes);  // compression happened
    EXPECT_EQ(a.pending_acks(), 0u);
}

TEST(Hec, TlsIsVerifiedUnlessTurnedOff) {
    HecServer a(hec_options(true));
    std::string servers = servers_json({&a});
    ProcessResult no_ca = run_process({binary_path(), "generate", ids_app("outputMode = httpevent\nhttpeventServers = " +
                                                                          servers + "\ncount = 10\nend = 1\n")});
    EXPECT_EQ(no_ca.exit_code, 1);
    EXPECT_NE(no_ca.err.find("cannot verify the HEC server's TLS certificate"), std::string::npos) << no_ca.err;
    ProcessResult with_ca = run_process({binary_path(), "generate",
                                         ids_app("outputMode = httpevent\nhttpeventServers = " + servers +
                                                 "\nhttpeventCAFile = " + a.ca_path() + "\ncount = 10\nend = 1\n")});
    EXPECT_EQ(with_ca.exit_code, 0) << with_ca.err;
    ProcessResult unverified = run_process({binary_path(), "generate",
                                            ids_app("outputMode = httpevent\nhttpeventServers = " + servers +
                                                    "\nhttpeventSSLVerify = false\ncount = 10\nend = 1\n")});
    EXPECT_EQ(unverified.exit_code, 0) << unverified.err;
    EXPECT_EQ(a.event_count(), 20u);
}

// Payloads of up to 1 MiB through TLS, where requests go out through curl_easy_send in
// pieces: every event once, over connections kept alive.
TEST(Hec, LargePayloadsOverTlsArriveOnceOnKeptConnections) {
    HecServer a(hec_options(true));
    const long count = 100000;
    std::string app = ids_app("outputMode = httpevent\nhttpeventServers = " + servers_json({&a}) +
                              "\nhttpeventCAFile = " + a.ca_path() + "\ncount = " + std::to_string(count) +
                              "\nend = 1\nuseOutputQueue = false\n");
    ProcessResult r = run_process({binary_path(), "generate", app, "--generators", "2"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_exactly_once(id_counts({&a}), count);
    EXPECT_GE(a.stats().requests, 4u);  // more than one payload per worker
    EXPECT_LE(a.stats().connections, 2u);
}

TEST(Hec, RawEndpointAndMetrics) {
    HecServer a(hec_options());
    ProcessResult raw = run_process({binary_path(), "generate",
                                     ids_app("outputMode = httpevent\nhttpeventEndpoint = raw\nhttpeventServers = " +
                                             servers_json({&a}) + "\ncount = 100\nend = 1\n")});
    ASSERT_EQ(raw.exit_code, 0) << raw.err;
    expect_exactly_once(id_counts({&a}), 100);
    for (const auto& e : a.events()) {
        ASSERT_EQ(e.endpoint, "raw");
        ASSERT_EQ(e.sourcetype, "ids");
        ASSERT_EQ(e.host, "gen-01");
    }
    HecServer m(hec_options());
    std::string dir = make_temp_dir("eg-metric");
    write_file(dir + "/samples/cpu.metric", "{\"fields\": {\"metric_name\": \"cpu.idle\", \"_value\": @@v, \"host_class\": \"web\"}}\n");
    write_file(dir + "/default/eventgen.conf", "[cpu.metric]\noutputMode = metric_httpevent\nhttpeventServers = " +
                                                   servers_json({&m}) +
                                                   "\ncount = 20\nend = 1\ntoken.0.token = @@v\n"
                                                   "token.0.replacementType = random\ntoken.0.replacement = float[0.0:100.0]\n");
    ProcessResult metric = run_process({binary_path(), "generate", dir});
    ASSERT_EQ(metric.exit_code, 0) << metric.err;
    ASSERT_EQ(m.event_count(), 20u);
    for (const auto& e : m.events()) {
        EXPECT_EQ(e.event, "metric");
        std::map<std::string, std::string> f(e.fields.begin(), e.fields.end());
        EXPECT_EQ(f["metric_name"], "cpu.idle");
        EXPECT_EQ(f["host_class"], "web");
        EXPECT_FALSE(f["_value"].empty());
    }
}

namespace {

// A loopback listener of the given socket type; collects what arrives.
class Listener {
public:
    explicit Listener(int type) : type_(type) {
        fd_ = open_loopback_socket(type, 4, port_);
        thread_ = std::thread([this] { loop(); });
    }
    ~Listener() {
        stop_ = true;
        thread_.join();
        close(fd_);
    }
    int port() const { return port_; }
    std::vector<std::string> messages() {
        std::lock_guard<std::mutex> lock(mu_);
        return messages_;
    }
    std::string stream() {
        std::lock_guard<std::mutex> lock(mu_);
        return stream_;
    }

private:
    void loop() {
        int conn = -1;
        char buf[65536];
        while (!stop_) {
            pollfd p{conn >= 0 ? conn : fd_, POLLIN, 0};
            if (poll(&p, 1, 50) <= 0) continue;
            if (type_ == SOCK_DGRAM) {
                ssize_t n = recv(fd_, buf, sizeof buf, 0);
                std::lock_guard<std::mutex> lock(mu_);
                if (n > 0) messages_.emplace_back(buf, static_cast<size_t>(n));
            } else if (conn < 0) {
                conn = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
            } else {
                ssize_t n = read(conn, buf, sizeof buf);
                if (n <= 0) {
                    close(conn);
                    conn = -1;
                    continue;
                }
                std::lock_guard<std::mutex> lock(mu_);
                stream_.append(buf, static_cast<size_t>(n));
            }
        }
        if (conn >= 0) close(conn);
    }
    int type_, fd_, port_;
    std::atomic<bool> stop_{false};
    std::mutex mu_;
    std::vector<std::string> messages_;
    std::string stream_;
    std::thread thread_;
};

}  // namespace

TEST(SocketOutputs, TcpUdpAndSyslogReachLocalListeners) {
    Listener tcp(SOCK_STREAM), udp(SOCK_DGRAM), syslog(SOCK_DGRAM);
    std::string dir = make_temp_dir("eg-sock");
    write_file(dir + "/samples/a.log", "tcp line @@n\n");
    write_file(dir + "/samples/b.log", "udp line @@n\n");
    write_file(dir + "/samples/c.log", "syslog line @@n\n");
    // A regex stanza lends its token to every sample (tokens in [global] apply to none).
    std::string tokens = "[.*\\.log]\ntoken.0.token = @@n\ntoken.0.replacementType = integerid\ntoken.0.replacement = 1\n";
    write_file(dir + "/default/eventgen.conf",
               "[global]\ncount = 50\nend = 1\nhost = box-7\n" + tokens + "[a.log]\noutputMode = tcpout\ntcpDestinationPort = " +
                   std::to_string(tcp.port()) + "\n[b.log]\noutputMode = udpout\nudpDestinationPort = " +
                   std::to_string(udp.port()) + "\n[c.log]\noutputMode = syslogout\nsyslogAddHeader = true\nsyslogDestinationPort = " +
                   std::to_string(syslog.port()) + "\n");
    ProcessResult r = run_process({binary_path(), "generate", dir, "--seed", "1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while ((lines_of(tcp.stream()).size() < 50 || udp.messages().size() < 50 || syslog.messages().size() < 50) &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::yield();
    auto tcp_lines = lines_of(tcp.stream());
    ASSERT_EQ(tcp_lines.size(), 50u);
    for (int i = 0; i < 50; ++i) EXPECT_EQ(tcp_lines[i], "tcp line " + std::to_string(i + 1));
    auto datagrams = udp.messages();
    ASSERT_EQ(datagrams.size(), 50u);  // loopback UDP does not drop at this rate
    EXPECT_EQ(datagrams[0], "udp line 1\n");
    auto logs = syslog.messages();
    ASSERT_EQ(logs.size(), 50u);
    // <14>Mmm dd hh:mm:ss host message (RFC 3164)
    EXPECT_TRUE(std::regex_match(logs[0], std::regex(R"(<14>\w{3} [ \d]\d \d{2}:\d{2}:\d{2} box-7 syslog line \d+)"))) << logs[0];
}

namespace {

// splunkd's management port for splunkstream: a login, then receivers/stream posts.
class FakeSplunkd {
public:
    FakeSplunkd() {
        fd_ = open_loopback_socket(SOCK_STREAM, 8, port_);
        thread_ = std::thread([this] { loop(); });
    }
    ~FakeSplunkd() {
        stop_ = true;
        thread_.join();
        close(fd_);
    }
    int port() const { return port_; }
    std::vector<std::pair<std::string, std::string>> posts() {  // (query, body)
        std::lock_guard<std::mutex> lock(mu_);
        return posts_;
    }
    int logins() const { return logins_.load(); }

private:
    void loop() {
        while (!stop_) {
            pollfd p{fd_, POLLIN, 0};
            if (poll(&p, 1, 50) <= 0) continue;
            int c = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
            if (c < 0) continue;
            std::string req;
            char buf[65536];
            size_t need = std::string::npos;
            while (need == std::string::npos || req.size() < need) {
                pollfd rp{c, POLLIN, 0};
                if (poll(&rp, 1, 2000) <= 0) break;
                ssize_t n = read(c, buf, sizeof buf);
                if (n <= 0) break;
                req.append(buf, static_cast<size_t>(n));
                size_t head = req.find("\r\n\r\n");
                if (head != std::string::npos && need == std::string::npos) {
                    size_t cl = req.find("Content-Length: ");
                    need = head + 4 + (cl < head ? std::stoul(req.substr(cl + 16)) : 0);
                }
            }
            std::string line = req.substr(0, req.find("\r\n"));
            std::string target = line.substr(line.find(' ') + 1);
            target = target.substr(0, target.find(' '));
            std::string body = req.substr(req.find("\r\n\r\n") + 4);
            std::string reply;
            if (target == "/services/auth/login" && body == "username=admin&password=s%26cret") {
                ++logins_;
                reply = "<response><sessionKey>KEY123</sessionKey></response>";
                respond(c, 200, reply);
            } else if (target.rfind("/services/receivers/stream", 0) == 0 &&
                       req.find("Authorization: Splunk KEY123\r\n") != std::string::npos) {
                std::lock_guard<std::mutex> lock(mu_);
                posts_.emplace_back(target.substr(target.find('?') + 1), body);
                respond(c, 200, "");
            } else {
                respond(c, 401, "<response><messages><msg type=\"WARN\">Login failed</msg></messages></response>");
            }
            close(c);
        }
    }
    static void respond(int c, int status, const std::string& body) {
        std::string r = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Length: " + std::to_string(body.size()) +
                        "\r\nConnection: close\r\n\r\n" + body;
        ssize_t w = write(c, r.data(), r.size());
        (void)w;
    }
    int fd_, port_;
    std::atomic<bool> stop_{false};
    std::atomic<int> logins_{0};
    std::mutex mu_;
    std::vector<std::pair<std::string, std::string>> posts_;
    std::thread thread_;
};

}  // namespace

TEST(SplunkStream, LogsInAndPostsEventsWithTheirMetadata) {
    FakeSplunkd splunkd;
    std::string dir = make_temp_dir("eg-stream");
    write_file(dir + "/samples/s.log", "stream line @@n\n");
    write_file(dir + "/default/eventgen.conf",
               "[s.log]\noutputMode = splunkstream\nsplunkMethod = http\nsplunkHost = 127.0.0.1\nsplunkPort = " +
                   std::to_string(splunkd.port()) +
                   "\nsplunkUser = admin\nsplunkPass = s&cret\nindex = web\nsourcetype = st\nhost = h1\ncount = 30\nend = 1\n"
                   "token.0.token = @@n\ntoken.0.replacementType = integerid\ntoken.0.replacement = 0\n");
    ProcessResult r = run_process({binary_path(), "generate", dir, "--seed", "1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(splunkd.logins(), 1);
    std::string all;
    for (const auto& [query, body] : splunkd.posts()) {
        EXPECT_EQ(query, "index=web&source=s.log&sourcetype=st&host=h1");
        all += body;
    }
    auto lines = lines_of(all);
    ASSERT_EQ(lines.size(), 30u);
    for (int i = 0; i < 30; ++i) EXPECT_EQ(lines[i], "stream line " + std::to_string(i));
    // Wrong credentials stop the run with a clear message.
    write_file(dir + "/default/eventgen.conf",
               read_text(dir + "/default/eventgen.conf").replace(read_text(dir + "/default/eventgen.conf").find("s&cret"), 6, "nope"));
    ProcessResult bad = run_process({binary_path(), "generate", dir, "--seed", "1"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("login to http://127.0.0.1:" + std::to_string(splunkd.port()) + " as 'admin' failed"),
              std::string::npos)
        << bad.err;
}

TEST(SplunkStream, AJsonListOfHostsIsRotatedAndCsvRowsKeepTheirMetadata) {
    FakeSplunkd one, two;
    std::string dir = make_temp_dir("eg-stream-list");
    write_file(dir + "/samples/rows.csv", "index,host,source,sourcetype,_raw\n"
                                          "idx_a,web-01,/var/log/a.log,st_a,row a\n"
                                          "idx_b,web-02,/var/log/b.log,st_b,row b\n");
    write_file(dir + "/default/eventgen.conf",
               "[rows.csv]\nsampletype = csv\noutputMode = splunkstream\nsplunkMethod = http\nsplunkHost = "
               "[\"127.0.0.1:" + std::to_string(one.port()) + "\", \"127.0.0.1:" + std::to_string(two.port()) +
                   "\"]\nsplunkUser = admin\nsplunkPass = s&cret\ncount = 2\ninterval = 1\nend = 6\n"
                   "useOutputQueue = true\n");
    ProcessResult r = run_process({binary_path(), "generate", dir});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Both splunkd got posts (one each per interval and metadata run, in rotation), each
    // post with the metadata of its rows.
    EXPECT_EQ(one.logins(), 1);
    EXPECT_EQ(two.logins(), 1);
    std::map<std::string, int> rows;
    for (auto* s : {&one, &two}) {
        EXPECT_FALSE(s->posts().empty());
        for (const auto& [query, body] : s->posts())
            for (const auto& line : lines_of(body)) {
                if (line == "row a") EXPECT_EQ(query, "index=idx_a&source=%2Fvar%2Flog%2Fa.log&sourcetype=st_a&host=web-01");
                else EXPECT_EQ(query, "index=idx_b&source=%2Fvar%2Flog%2Fb.log&sourcetype=st_b&host=web-02");
                rows[line]++;
            }
    }
    EXPECT_EQ(rows["row a"], 6);
    EXPECT_EQ(rows["row b"], 6);
}

TEST(OutputErrors, MetricsThatAreNotMetricJsonAreCountedLoggedOnceAndFailTheRun) {
    HecServer m(hec_options());
    std::string dir = make_temp_dir("eg-metric-bad");
    write_file(dir + "/samples/cpu.metric", "cpu idle is high\n{\"fields\": {\"metric_name\": \"cpu.idle\", \"_value\": 1}}\n");
    write_file(dir + "/default/eventgen.conf", "[cpu.metric]\noutputMode = metric_httpevent\nhttpeventServers = " +
                                                   servers_json({&m}) + "\ncount = 2000\nend = 1\n");
    ProcessResult r = run_process({binary_path(), "generate", dir, "--generators", "2"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(m.event_count(), 1000u);
    size_t logged = 0;
    for (size_t at = r.err.find("is not metric JSON"); at != std::string::npos; at = r.err.find("is not metric JSON", at + 1))
        ++logged;
    EXPECT_EQ(logged, 1u) << r.err;
    EXPECT_NE(r.err.find("eventgen.conf:2: [cpu.metric] outputMode = metric_httpevent (httpevent http://127.0.0.1:" +
                         std::to_string(m.port()) + ")"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("1000 of 2000 events counted failed"), std::string::npos) << r.err;
}

TEST(OutputErrors, NameTheStanzaOutputAndTargetAndUnsetVariables) {
    std::string dir = make_temp_dir("eg-out-err");
    write_file(dir + "/samples/s.log", "line\n");
    write_file(dir + "/default/eventgen.conf", "[s.log]\noutputMode = spool\nspoolDir = $EG_TEST_NEVER_SET/spool\ncount = 1\nend = 1\n");
    ProcessResult r = run_process({binary_path(), "generate", dir});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("eventgen.conf:2: [s.log] outputMode = spool (spool $EG_TEST_NEVER_SET/spool/s.log): cannot open"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("($EG_TEST_NEVER_SET is not set)"), std::string::npos) << r.err;
    ProcessResult set = run_process({binary_path(), "generate", dir}, "", std::chrono::seconds(60),
                                    {{"EG_TEST_NEVER_SET", dir + "/missing"}});
    EXPECT_EQ(set.exit_code, 1);
    EXPECT_NE(set.err.find("(spool " + dir + "/missing/spool/s.log)"), std::string::npos) << set.err;
    EXPECT_EQ(set.err.find("is not set"), std::string::npos) << set.err;
}
