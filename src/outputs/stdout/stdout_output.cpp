// stdout: each event's text as a line on standard output (Python Eventgen's print).
#include "config/sample_config.h"
#include "outputs/output_component.h"
#include "outputs/support/fd_io.h"
#include "outputs/support/line_format.h"

namespace eventgen {

namespace {

class StdoutSink : public Sink {
public:
    StdoutSink(int fd, const std::atomic<bool>* cancel) : out_(fd), cancel_(cancel) {}
    uint64_t send(const FormattedBatch& b) override {
        write_all(out_.fd(), b.data.data(), b.data.size(), "standard output", cancel_);
        count_bytes(b.data.size());
        return 0;
    }
    void close() override { out_.restore(); }
    std::string describe() const override { return "stdout"; }

private:
    StreamFd out_;
    const std::atomic<bool>* cancel_;
};

class StdoutConfig : public OutputConfig {
public:
    std::string target_key() const override { return "stdout"; }
    std::unique_ptr<EventFormat> make_format(const OutputOptions&) const override { return make_line_format_trimmed(); }
    std::unique_ptr<Sink> make_sink(const OutputOptions& o, const std::atomic<bool>* cancel) const override {
        return std::make_unique<StdoutSink>(o.stdout_fd, cancel);
    }
};

std::shared_ptr<const OutputConfig> parse(const SampleConfig&, const std::string&) {
    return std::make_shared<StdoutConfig>();
}

}  // namespace

const OutputDescriptor& stdout_output() {
    static const OutputDescriptor d{
        "stdout", {"stdout"}, "each event as a line on standard output",
        OutputTraits{false, true, UnderModinput::Redirect}, {}, parse};
    return d;
}

}  // namespace eventgen
