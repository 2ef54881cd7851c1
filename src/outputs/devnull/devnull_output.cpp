// devnull: events are made and counted, nothing is written (for measuring).
#include "config/sample_config.h"
#include "outputs/output_component.h"

namespace eventgen {

namespace {

class NullFormat : public EventFormat {
public:
    bool append(const EventView&, FormatBuffer&) override { return true; }
    bool writes_bytes() const override { return false; }
};

class NullSink : public Sink {
public:
    uint64_t send(const FormattedBatch& b) override {
        count_bytes(b.output_bytes);
        return 0;
    }
    std::string describe() const override { return "devnull"; }
};

class DevnullConfig : public OutputConfig {
public:
    std::string target_key() const override { return "devnull"; }
    std::unique_ptr<EventFormat> make_format(const OutputOptions&) const override { return std::make_unique<NullFormat>(); }
    std::unique_ptr<Sink> make_sink(const OutputOptions&, const std::atomic<bool>*) const override {
        return std::make_unique<NullSink>();
    }
};

std::shared_ptr<const OutputConfig> parse(const SampleConfig&, const std::string&) {
    return std::make_shared<DevnullConfig>();
}

}  // namespace

const OutputDescriptor& devnull_output() {
    static const OutputDescriptor d{
        "devnull", {"devnull"}, "discard events after counting them (for measuring)",
        OutputTraits{false, true, UnderModinput::Redirect}, {}, parse};
    return d;
}

}  // namespace eventgen
