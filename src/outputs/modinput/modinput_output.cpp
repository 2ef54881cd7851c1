// modinput: Splunk's modular input XML stream on standard output, one <event> per
// event inside one <stream>; what splunkd reads from the input.
#include "config/sample_config.h"
#include "outputs/output_component.h"
#include "outputs/support/fd_io.h"
#include "outputs/support/line_format.h"
#include "outputs/support/xml_escape.h"

namespace eventgen {

namespace {

class ModinputFormat : public EventFormat {
public:
    explicit ModinputFormat(const std::string& stanza) {
        if (stanza.empty()) {
            open_ = "<event>";
        } else {
            open_ = "<event stanza=\"";
            append_xml_escaped(open_, stanza, true);
            open_ += "\">";
        }
    }
    bool append(const EventView& e, std::string& out) override {
        out += open_;
        out += "<time>";
        append_epoch_time(out, e.time_us);
        out += "</time>";
        // Metadata rarely changes from one event to the next: escape it once.
        if (!cached_ || e.meta.index != index_ || e.meta.source != source_ || e.meta.sourcetype != sourcetype_ ||
            e.meta.host != host_) {
            index_.assign(e.meta.index);
            source_.assign(e.meta.source);
            sourcetype_.assign(e.meta.sourcetype);
            host_.assign(e.meta.host);
            meta_block_.clear();
            uint64_t before = replaced_;
            element(meta_block_, "index", e.meta.index);
            element(meta_block_, "source", e.meta.source);
            element(meta_block_, "sourcetype", e.meta.sourcetype);
            element(meta_block_, "host", e.meta.host);
            meta_replaced_ = replaced_ - before;
            replaced_ = before;
            cached_ = true;
        }
        out += meta_block_;
        replaced_ += meta_replaced_;  // counted for every event that carries them
        out += "<data>";
        replaced_ += append_xml_escaped(out, e.raw);
        out += "</data></event>\n";
        return true;
    }
    uint64_t replaced_chars() const override { return replaced_; }

private:
    void element(std::string& out, const char* name, std::string_view value) {
        if (value.empty()) return;  // let splunkd apply the input's default
        out += '<';
        out += name;
        out += '>';
        replaced_ += append_xml_escaped(out, value);
        out += "</";
        out += name;
        out += '>';
    }
    std::string open_;
    uint64_t replaced_ = 0;
    bool cached_ = false;
    uint64_t meta_replaced_ = 0;
    std::string index_, source_, sourcetype_, host_, meta_block_;
};

class ModinputSink : public Sink {
public:
    ModinputSink(int fd, const std::atomic<bool>* cancel) : out_(fd), cancel_(cancel) {}
    uint64_t send(const FormattedBatch& b) override {
        if (!opened_) {
            write_all(out_.fd(), "<stream>\n", 9, kWhat, cancel_);
            opened_ = true;
        }
        write_all(out_.fd(), b.data.data(), b.data.size(), kWhat, cancel_);
        count_bytes(b.data.size());
        return 0;
    }
    void close() override {
        if (!opened_ || closed_) return;
        closed_ = true;
        write_all(out_.fd(), "</stream>\n", 10, kWhat, cancel_);
        out_.restore();
    }
    std::string describe() const override { return "modinput"; }

private:
    static constexpr const char* kWhat = "standard output (modular input stream)";
    StreamFd out_;
    const std::atomic<bool>* cancel_;
    bool opened_ = false, closed_ = false;
};

class ModinputConfig : public OutputConfig {
public:
    std::string target_key() const override { return "modinput"; }
    std::unique_ptr<EventFormat> make_format(const OutputOptions& o) const override {
        return std::make_unique<ModinputFormat>(o.modinput_stanza);
    }
    std::unique_ptr<Sink> make_sink(const OutputOptions& o, const std::atomic<bool>* cancel) const override {
        return std::make_unique<ModinputSink>(o.stdout_fd, cancel);
    }
};

std::shared_ptr<const OutputConfig> parse(const SampleConfig&, const std::string&) {
    return std::make_shared<ModinputConfig>();
}

}  // namespace

const OutputDescriptor& modinput_output() {
    static const OutputDescriptor d{
        "modinput", {"modinput"}, "Splunk's modular input XML stream on standard output (what splunkd reads)",
        OutputTraits{false, true, UnderModinput::Keep}, {}, parse};
    return d;
}

}  // namespace eventgen
