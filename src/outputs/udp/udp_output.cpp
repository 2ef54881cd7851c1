// udpout: one UDP datagram per event.
#include "config/sample_config.h"
#include "outputs/output_component.h"
#include "outputs/support/line_format.h"
#include "outputs/support/udp_sink.h"

namespace eventgen {

namespace {

class UdpConfig : public OutputConfig {
public:
    explicit UdpConfig(SocketTarget t) : t_(std::move(t)) {}
    std::string target_key() const override { return "udp:" + t_.host + ":" + std::to_string(t_.port); }
    std::unique_ptr<EventFormat> make_format(const OutputOptions&) const override { return make_line_format_trimmed(); }
    std::unique_ptr<Sink> make_sink(const OutputOptions&, const std::atomic<bool>*) const override {
        return make_udp_sink(t_, "udpout");
    }

private:
    SocketTarget t_;
};

std::shared_ptr<const OutputConfig> parse(const SampleConfig& c, const std::string&) {
    return std::make_shared<UdpConfig>(read_socket_target(c.def.settings, "udpDestinationHost", "udpDestinationPort", 3333));
}

}  // namespace

const OutputDescriptor& udp_output() {
    static const OutputDescriptor d{
        "udpout",
        {"udpout"},
        "one UDP datagram per event",
        OutputTraits{true, false, UnderModinput::KeepOutputMode},
        {
            {"udpDestinationHost", SettingType::String, "127.0.0.1", {}, "receiver host", false},
            {"udpDestinationPort", SettingType::Integer, "3333", {}, "receiver port", false},
        },
        parse};
    return d;
}

}  // namespace eventgen
