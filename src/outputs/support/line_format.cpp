#include "outputs/support/line_format.h"

#include <charconv>

namespace eventgen {

namespace {

class TrimmedLineFormat : public EventFormat {
public:
    bool append(const EventView& e, std::string& out) override {
        out.append(rstripped(e.raw));
        out.push_back('\n');
        return true;
    }
};

class LineFormat : public EventFormat {
public:
    bool append(const EventView& e, std::string& out) override {
        out.append(e.raw);
        if (e.raw.empty() || e.raw.back() != '\n') out.push_back('\n');
        return true;
    }
};

}  // namespace

void append_epoch_time(std::string& out, int64_t time_us) {
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

std::unique_ptr<EventFormat> make_line_format_trimmed() { return std::make_unique<TrimmedLineFormat>(); }
std::unique_ptr<EventFormat> make_line_format() { return std::make_unique<LineFormat>(); }

}  // namespace eventgen
