// Events as cooked frames, built in the generator workers.
#include <charconv>

#include "outputs/s2s/s2s_output.h"
#include "outputs/s2s/s2s_wire.h"

namespace eventgen {

namespace {

// Splunk breaks nothing further in a cooked event: trailing line ends would stay in _raw.
std::string_view without_line_end(std::string_view raw) {
    while (!raw.empty() && (raw.back() == '\n' || raw.back() == '\r')) raw.remove_suffix(1);
    return raw;
}

class S2SFormat : public EventFormat {
public:
    bool append(const EventView& e, FormatBuffer& out) override {
        frame_.clear();  // the frame writer goes back to patch lengths: built aside
        s2s::FrameWriter f(frame_);
        f.add("_raw", without_line_end(e.raw));
        // _time is whole epoch seconds; the fraction travels as _subsecond (".123456").
        int64_t secs = e.time_us / 1000000, us = e.time_us % 1000000;
        if (us < 0) {
            us += 1000000;
            secs -= 1;
        }
        char buf[32];
        auto end = std::to_chars(buf, buf + sizeof buf, secs).ptr;
        f.add("_time", std::string_view(buf, static_cast<size_t>(end - buf)));
        if (us != 0) {
            char sub[8] = {'.'};
            for (int i = 6; i >= 1; --i, us /= 10) sub[i] = static_cast<char>('0' + us % 10);
            size_t n = 7;
            while (sub[n - 1] == '0') --n;
            f.add("_subsecond", std::string_view(sub, n));
        }
        if (!e.meta.host.empty()) f.add("MetaData:Host", "host::", e.meta.host);
        if (!e.meta.source.empty()) f.add("MetaData:Source", "source::", e.meta.source);
        if (!e.meta.sourcetype.empty()) f.add("MetaData:Sourcetype", "sourcetype::", e.meta.sourcetype);
        if (!e.meta.index.empty()) f.add("_MetaData:Index", e.meta.index);
        // Every event is complete: the indexer must not wait to merge it with the next.
        f.add("_done", "_done");
        f.finish();
        out.append(frame_);
        return true;
    }

private:
    std::string frame_;
};

}  // namespace

std::unique_ptr<EventFormat> make_s2s_format() { return std::make_unique<S2SFormat>(); }

}  // namespace eventgen
