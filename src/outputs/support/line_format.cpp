#include "outputs/support/line_format.h"

#include <charconv>
#include <cstring>

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
    bool writes_raw_lines() const override { return true; }
};

}  // namespace

namespace {

// "00" "01" ... "99": two digits per lookup.
struct DigitPairs {
    char text[200];
    constexpr DigitPairs() : text() {
        for (int i = 0; i < 100; ++i) {
            text[2 * i] = static_cast<char>('0' + i / 10);
            text[2 * i + 1] = static_cast<char>('0' + i % 10);
        }
    }
};
constexpr DigitPairs kPairs;

inline void put_pair(char* at, uint32_t v) { std::memcpy(at, kPairs.text + 2 * v, 2); }

// Any time, milliseconds `ms`. Out of line, so the common case saves no registers for it.
[[gnu::noinline]] size_t put_epoch_ms(char* at, int64_t ms) {
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

size_t put_epoch_time(char* at, int64_t time_us) {
    // Event times from 2001 to 2286 have ten digits of seconds: written by pairs, the
    // first five (a day and more) kept from the last call, as a run's times share them.
    if (time_us >= 999'999'999'999'500 && time_us < 9'999'999'999'999'500) {
        thread_local uint32_t cached_high = 0;
        thread_local char high_text[8];
        uint64_t ms = (static_cast<uint64_t>(time_us) + 500) / 1000;
        uint64_t secs = ms / 1000;
        uint32_t frac = static_cast<uint32_t>(ms - secs * 1000);
        uint32_t high = static_cast<uint32_t>(secs / 100'000);
        uint32_t low = static_cast<uint32_t>(secs - uint64_t{high} * 100'000);
        if (high != cached_high) {
            cached_high = high;
            high_text[0] = static_cast<char>('0' + high / 10'000);
            put_pair(high_text + 1, high / 100 % 100);
            put_pair(high_text + 3, high % 100);
        }
        std::memcpy(at, high_text, 5);
        put_pair(at + 5, low / 1000);
        put_pair(at + 7, low / 10 % 100);
        at[9] = static_cast<char>('0' + low % 10);
        at[10] = '.';
        at[11] = static_cast<char>('0' + frac / 100);
        put_pair(at + 12, frac % 100);
        return 14;
    }
    return put_epoch_ms(at, time_us >= 0 ? (time_us + 500) / 1000 : -((-time_us + 500) / 1000));
}

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
