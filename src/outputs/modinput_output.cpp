#include <charconv>

#include "outputs/fd_writer.h"
#include "outputs/local_outputs.h"
#include "outputs/xml_escape.h"

namespace eventgen {

namespace {

void append_time(std::string& out, int64_t time_us) {
    // Epoch seconds with milliseconds, the precision Splunk's SDK documents.
    int64_t ms = time_us >= 0 ? (time_us + 500) / 1000 : -((-time_us + 500) / 1000);
    int64_t secs = ms / 1000, frac = ms % 1000;
    if (frac < 0) {
        frac += 1000;
        secs -= 1;
    }
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, secs);
    (void)ec;
    out.append(buf, p);
    out.push_back('.');
    out.push_back(static_cast<char>('0' + frac / 100));
    out.push_back(static_cast<char>('0' + frac / 10 % 10));
    out.push_back(static_cast<char>('0' + frac % 10));
}

class ModinputOutput : public Output {
public:
    ModinputOutput(int fd, const std::string& stanza) : out_(fd, "standard output (modular input stream)") {
        if (stanza.empty()) {
            event_open_ = "<event>";
        } else {
            event_open_ = "<event stanza=\"";
            append_xml_escaped(event_open_, stanza, true);
            event_open_ += "\">";
        }
    }

    void write(const EventBatch& batch) override {
        std::string& b = out_.buffer();
        size_t before = b.size();
        if (!opened_) {
            b += "<stream>\n";
            opened_ = true;
        }
        for (const EventView& e : batch) {
            b += event_open_;
            b += "<time>";
            append_time(b, e.time_us);
            b += "</time>";
            element(b, "index", e.meta.index);
            element(b, "source", e.meta.source);
            element(b, "sourcetype", e.meta.sourcetype);
            element(b, "host", e.meta.host);
            b += "<data>";
            stats_.replaced_chars += append_xml_escaped(b, e.raw);
            b += "</data></event>\n";
        }
        stats_.bytes += b.size() - before;
        try {
            out_.maybe_flush();
        } catch (const OutputError&) {
            stats_.failed += batch.size();
            throw;
        }
        stats_.events += batch.size();
    }
    void flush() override { out_.flush(); }
    void close() override {
        if (opened_ && !closed_) {
            out_.append("</stream>\n");
            closed_ = true;
        }
        out_.flush();
    }
    std::string describe() const override { return "modinput"; }

private:
    void element(std::string& b, const char* name, std::string_view value) {
        if (value.empty()) return;  // let splunkd apply the input's default
        b += '<';
        b += name;
        b += '>';
        stats_.replaced_chars += append_xml_escaped(b, value);
        b += "</";
        b += name;
        b += '>';
    }

    FdWriter out_;
    std::string event_open_;
    bool opened_ = false, closed_ = false;
};

}  // namespace

std::unique_ptr<Output> make_modinput_output(int fd, const std::string& stanza) {
    return std::make_unique<ModinputOutput>(fd, stanza);
}

}  // namespace eventgen
