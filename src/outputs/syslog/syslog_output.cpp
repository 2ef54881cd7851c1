// syslogout: one UDP datagram per event with a "<14>" priority, optionally an
// RFC 3164 "Mmm dd hh:mm:ss host " header (Python's SysLogHandler).
#include "config/sample_config.h"
#include "outputs/output_component.h"
#include "outputs/support/line_format.h"
#include "outputs/support/udp_sink.h"
#include "time/time_format.h"

namespace eventgen {

namespace {

class SyslogFormat : public EventFormat {
public:
    SyslogFormat(bool header, const TimeZone& zone) : header_(header), zone_(zone), stamp_("%b %e %H:%M:%S") {}
    bool append(const EventView& e, FormatBuffer& out) override {
        std::string_view raw = rstripped(e.raw);
        out += "<14>";  // facility user, severity info, as Python's SysLogHandler sends
        if (header_) {
            time_text_.clear();
            stamp_.append(e.time_us, zone_, time_text_);
            out += time_text_;
            out += ' ';
            out.append(e.meta.host.empty() ? std::string_view("-") : e.meta.host);
            out += ' ';
        }
        out.append(raw);
        return true;
    }

private:
    bool header_;
    TimeZone zone_;
    TimeFormat stamp_;
    std::string time_text_;
};

class SyslogConfig : public OutputConfig {
public:
    SyslogConfig(SocketTarget t, bool header, TimeZone zone) : t_(std::move(t)), header_(header), zone_(zone) {}
    std::string target_key() const override { return "syslog:" + t_.host + ":" + std::to_string(t_.port); }
    std::unique_ptr<EventFormat> make_format(const OutputOptions&) const override {
        return std::make_unique<SyslogFormat>(header_, zone_);
    }
    std::unique_ptr<Sink> make_sink(const OutputOptions&, const std::atomic<bool>*) const override {
        return make_udp_sink(t_, "syslogout");
    }

private:
    SocketTarget t_;
    bool header_;
    TimeZone zone_;
};

std::shared_ptr<const OutputConfig> parse(const SampleConfig& c, const std::string&) {
    const SettingsMap& s = c.def.settings;
    return std::make_shared<SyslogConfig>(
        read_socket_target(s, "syslogDestinationHost", "syslogDestinationPort", 1514),
        s.boolean("syslogAddHeader", false), c.timezone);
}

}  // namespace

const OutputDescriptor& syslog_output() {
    static const OutputDescriptor d{
        "syslogout",
        {"syslogout"},
        "syslog over UDP, one datagram per event",
        OutputTraits{true, false, UnderModinput::KeepOutputMode},
        {
            {"syslogDestinationHost", SettingType::String, "127.0.0.1", {}, "syslog receiver host", false},
            {"syslogDestinationPort", SettingType::Integer, "1514", {}, "syslog receiver port", false},
            {"syslogAddHeader", SettingType::Boolean, "false", {}, "add an RFC 3164 time and host header", false},
        },
        parse};
    return d;
}

}  // namespace eventgen
