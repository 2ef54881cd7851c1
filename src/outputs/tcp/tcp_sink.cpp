// tcpout: newline-separated events over one long-lived TCP connection, reconnecting
// (under the shared retry policy) when the receiver goes away.
#include <sys/socket.h>
#include <unistd.h>

#include "common/log.h"
#include "config/sample_config.h"
#include "outputs/output_component.h"
#include "outputs/output_router.h"
#include "outputs/support/line_format.h"
#include "outputs/support/retry_policy.h"
#include "outputs/support/socket_target.h"

namespace eventgen {

namespace {

class TcpSink : public Sink {
public:
    TcpSink(const SocketTarget& t, std::string label, const std::atomic<bool>* cancel)
        : target_(t), label_(std::move(label)), cancel_(cancel) {}
    ~TcpSink() override { close(); }

    uint64_t send(const FormattedBatch& b) override {
        // A receiver that restarts gets the batch again from the start of the failed
        // write; events already sent before the failure may arrive twice (TCP gives no
        // receipt), never zero times.
        Backoff backoff(RetryPolicy::for_attempts(21, std::chrono::milliseconds(100)), cancel_);
        while (true) {
            std::string error;
            if (fd_ < 0) fd_ = open_socket(target_, SOCK_STREAM, error);
            if (fd_ >= 0) {
                try {
                    write_all(fd_, b.data.data(), b.data.size(), "tcp " + where());
                    count_bytes(b.data.size());
                    return 0;
                } catch (const OutputError& e) {
                    error = e.what();
                    ::close(fd_);
                    fd_ = -1;
                }
            }
            if (backoff.failures() == 0) LOG_WARN(label_ << ": " << error << "; retrying");
            if (!backoff.retry()) {  // the receiver may be restarting
                LOG_ERROR(label_ << ": giving up on " << b.events << " event(s): " << error);
                return b.events;
            }
        }
    }
    void close() override {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }
    std::string describe() const override { return "tcpout " + where(); }

private:
    std::string where() const { return target_.host + ":" + std::to_string(target_.port); }
    SocketTarget target_;
    std::string label_;  // names the stanza in log lines
    const std::atomic<bool>* cancel_;
    int fd_ = -1;
};

class TcpConfig : public OutputConfig {
public:
    TcpConfig(SocketTarget t, std::string label) : t_(std::move(t)), label_(std::move(label)) {}
    std::string target_key() const override { return "tcp:" + t_.host + ":" + std::to_string(t_.port); }
    std::unique_ptr<EventFormat> make_format(const OutputOptions&) const override { return make_line_format_trimmed(); }
    std::unique_ptr<Sink> make_sink(const OutputOptions&, const std::atomic<bool>* cancel) const override {
        return std::make_unique<TcpSink>(t_, label_, cancel);
    }

private:
    SocketTarget t_;
    std::string label_;
};

std::shared_ptr<const OutputConfig> parse(const SampleConfig& c, const std::string&) {
    SocketTarget t = read_socket_target(c.def.settings, "tcpDestinationHost", "tcpDestinationPort", 3333);
    std::string label = output_label(c, "tcpout " + t.host + ":" + std::to_string(t.port));
    return std::make_shared<TcpConfig>(std::move(t), std::move(label));
}

}  // namespace

const OutputDescriptor& tcp_output() {
    static const OutputDescriptor d{
        "tcpout",
        {"tcpout"},
        "newline-separated events over a TCP connection",
        OutputTraits{true, false, UnderModinput::KeepOutputMode},
        {
            {"tcpDestinationHost", SettingType::String, "127.0.0.1", {}, "receiver host", false},
            {"tcpDestinationPort", SettingType::Integer, "3333", {}, "receiver port", false},
        },
        parse};
    return d;
}

}  // namespace eventgen
