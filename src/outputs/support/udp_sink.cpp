#include "outputs/support/udp_sink.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/log.h"

namespace eventgen {

namespace {

class UdpSink : public Sink {
public:
    UdpSink(const SocketTarget& t, std::string what) : target_(t), what_(std::move(what)) {}
    ~UdpSink() override { close(); }

    uint64_t send(const FormattedBatch& b) override {
        std::string error;
        if (fd_ < 0) fd_ = open_socket(target_, SOCK_DGRAM, error);
        if (fd_ < 0) throw OutputError(what_ + ": " + error);
        uint64_t failed = 0;
        for (uint32_t i = 0; i < b.events; ++i) {
            uint32_t start = i == 0 ? 0 : b.event_ends[i - 1];
            uint32_t len = b.event_ends[i] - start;
            // One datagram per event; UDP has no delivery receipt, so only local send
            // errors (no route, refused port reported by ICMP) count as failures.
            ssize_t n;
            do {
                n = ::send(fd_, b.data.data() + start, len, 0);
            } while (n < 0 && errno == EINTR);
            if (n < 0) {
                ++failed;
                if (errno != ECONNREFUSED) LOG_WARN(what_ << ": " << std::strerror(errno));
            } else {
                count_bytes(static_cast<uint64_t>(n));
            }
        }
        return failed;
    }
    void close() override {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }
    std::string describe() const override { return what_ + " " + target_.host + ":" + std::to_string(target_.port); }

private:
    SocketTarget target_;
    std::string what_;
    int fd_ = -1;
};

}  // namespace

std::unique_ptr<Sink> make_udp_sink(const SocketTarget& target, const std::string& what) {
    return std::make_unique<UdpSink>(target, what);
}

}  // namespace eventgen
