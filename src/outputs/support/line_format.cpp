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

namespace {

constexpr size_t kEpochTimeMax = 26;  // "-9223372036854775.808" and then some

// Writes the time at `at` (kEpochTimeMax bytes of room); returns the length.
size_t put_epoch_time(char* at, int64_t time_us) {
    int64_t ms = time_us >= 0 ? (time_us + 500) / 1000 : -((-time_us + 500) / 1000);
    int64_t secs = ms / 1000, frac = ms % 1000;
    if (frac < 0) {
        frac += 1000;
        secs -= 1;
    }
    char* p = std::to_chars(at, at + kEpochTimeMax - 4, secs).ptr;
    p[0] = '.';
    p[1] = static_cast<char>('0' + frac / 100);
    p[2] = static_cast<char>('0' + frac / 10 % 10);
    p[3] = static_cast<char>('0' + frac % 10);
    return static_cast<size_t>(p + 4 - at);
}

}  // namespace

void append_epoch_time(std::string& out, int64_t time_us) {
    char buf[kEpochTimeMax];
    out.append(buf, put_epoch_time(buf, time_us));
}

void append_epoch_time(FormatBuffer& out, int64_t time_us) {
    // Straight into the slot when there is room (nearly always).
    if (char* at = out.room(kEpochTimeMax)) {
        out.advance(put_epoch_time(at, time_us));
        return;
    }
    char buf[kEpochTimeMax];
    out.append(buf, put_epoch_time(buf, time_us));
}


std::unique_ptr<EventFormat> make_line_format_trimmed() { return std::make_unique<TrimmedLineFormat>(); }
std::unique_ptr<EventFormat> make_line_format() { return std::make_unique<LineFormat>(); }

}  // namespace eventgen
