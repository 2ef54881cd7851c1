#include "outputs/support/line_format.h"

#include <charconv>

namespace eventgen {

namespace {

class TrimmedLineFormat : public EventFormat {
public:
    bool append(const EventView& e, FormatBuffer& out) override {
        out.append(rstripped(e.raw));
        out.push_back('\n');
        return true;
    }
};

class LineFormat : public EventFormat {
public:
    bool append(const EventView& e, FormatBuffer& out) override {
        out.append(e.raw);
        if (e.raw.empty() || e.raw.back() != '\n') out.push_back('\n');
        return true;
    }
};

}  // namespace

template <typename Out>
void append_epoch_time(Out& out, int64_t time_us) {
    int64_t ms = time_us >= 0 ? (time_us + 500) / 1000 : -((-time_us + 500) / 1000);
    int64_t secs = ms / 1000, frac = ms % 1000;
    if (frac < 0) {
        frac += 1000;
        secs -= 1;
    }
    // Built whole, then written in one piece.
    char buf[32];
    char* p = std::to_chars(buf, buf + sizeof buf - 4, secs).ptr;
    p[0] = '.';
    p[1] = static_cast<char>('0' + frac / 100);
    p[2] = static_cast<char>('0' + frac / 10 % 10);
    p[3] = static_cast<char>('0' + frac % 10);
    out.append(buf, static_cast<size_t>(p + 4 - buf));
}

template void append_epoch_time(std::string&, int64_t);
template void append_epoch_time(FormatBuffer&, int64_t);

std::unique_ptr<EventFormat> make_line_format_trimmed() { return std::make_unique<TrimmedLineFormat>(); }
std::unique_ptr<EventFormat> make_line_format() { return std::make_unique<LineFormat>(); }

}  // namespace eventgen
