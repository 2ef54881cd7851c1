// modinput: Splunk's modular input XML stream on standard output, one <event> per
// event inside one <stream>; what splunkd reads from the input.
#include <cstring>

#include "config/sample_config.h"
#include "outputs/output_component.h"
#include "outputs/support/fd_io.h"
#include "outputs/support/line_format.h"
#include "outputs/support/meta_cache.h"
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
        open_ += "<time>";
    }
    bool append(const EventView& e, FormatBuffer& out) override {
        // Escaped once per metadata set and batch: "</time>", the elements, "<data>".
        const MetaBlock& meta = blocks_.get(e, [](const EventMeta& m, MetaBlock& b) {
            b.text = "</time>";
            b.replaced = 0;
            element(b, "index", m.index);
            element(b, "source", m.source);
            element(b, "sourcetype", m.sourcetype);
            element(b, "host", m.host);
            b.text += "<data>";
        });
        replaced_ += meta.replaced;  // counted for every event that carries them
        const size_t need = open_.size() + kEpochTimeMax + meta.text.size() + e.raw.size() + kClose.size();
        char* const start = out.room(need);
        if (!start) {  // near the end of the slot (or into a string): piece by piece
            out += open_;
            append_epoch_time(out, e.time_us);
            out += meta.text;
            replaced_ += append_xml_escaped(out, e.raw);
            out += kClose;
            return true;
        }
        // The whole event in place, the text copied and checked in one pass.
        char* p = start;
        std::memcpy(p, open_.data(), open_.size());
        p += open_.size();
        p += put_epoch_time(p, e.time_us);
        std::memcpy(p, meta.text.data(), meta.text.size());
        p += meta.text.size();
        size_t plain = e.raw.size();  // proven plain when the sample was compiled
        if (e.plain_text)
            std::memcpy(p, e.raw.data(), plain);
        else
            plain = copy_plain_text(p, e.raw);
        if (plain == e.raw.size()) {
            std::memcpy(p + plain, kClose.data(), kClose.size());
            out.advance(static_cast<size_t>(p + plain + kClose.size() - start));
            return true;
        }
        out.advance(static_cast<size_t>(p + plain - start));
        replaced_ += append_xml_escaped(out, e.raw.substr(plain));
        out += kClose;
        return true;
    }
    uint64_t replaced_chars() const override { return replaced_; }

private:
    struct MetaBlock {
        std::string text;
        uint64_t replaced = 0;
    };
    static void element(MetaBlock& b, const char* name, std::string_view value) {
        if (value.empty()) return;  // let splunkd apply the input's default
        b.text += '<';
        b.text += name;
        b.text += '>';
        b.replaced += append_xml_escaped(b.text, value);
        b.text += "</";
        b.text += name;
        b.text += '>';
    }
    static constexpr std::string_view kClose = "</data></event>\n";
    std::string open_;
    uint64_t replaced_ = 0;
    MetaCache<MetaBlock> blocks_;
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
