#pragma once
// Where a format writes one event's bytes. In a worker it is the free part of the
// transfer slot itself, so formatted bytes are written once, in place; an event that
// does not fit the rest of the slot continues in an overflow string (with its bytes
// written so far) and the worker moves it to the next slot. Over a std::string (tests,
// formats that nest another format) everything is appended to that string.
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace eventgen {

class FormatBuffer {
public:
    // Appends to `grow`.
    explicit FormatBuffer(std::string& grow) : p_(dummy()), end_(p_), start_(p_), spill_(&grow), spilled_(true) {}
    // Writes into [data, data + capacity); past it, into `overflow` (cleared first).
    FormatBuffer(char* data, size_t capacity, std::string& overflow)
        : p_(data), end_(data + capacity), start_(data), spill_(&overflow) {}

    void append(const char* s, size_t n) {
        if (n <= static_cast<size_t>(end_ - p_)) {
            std::memcpy(p_, s, n);
            p_ += n;
        } else {
            spill(s, n);
        }
    }
    void append(std::string_view s) { append(s.data(), s.size()); }
    void push_back(char c) {
        if (p_ != end_)
            *p_++ = c;
        else
            spill(&c, 1);
    }
    FormatBuffer& operator+=(std::string_view s) {
        append(s);
        return *this;
    }
    FormatBuffer& operator+=(char c) {
        push_back(c);
        return *this;
    }

    // Room for `n` bytes written in place (then advance() by what was used), or null
    // when they may not fit: the caller then builds them aside and append()s.
    char* room(size_t n) { return n <= static_cast<size_t>(end_ - p_) ? p_ : nullptr; }
    void advance(size_t n) { p_ += n; }

    // Over a slot: true when the event did not fit; its bytes are then in the overflow
    // string and nothing was left in the slot.
    bool spilled() const { return spilled_; }
    // Over a slot and not spilled: the bytes written.
    size_t written() const { return static_cast<size_t>(p_ - start_); }

private:
    static char* dummy() {
        static char none[1];
        return none;
    }
    void spill(const char* s, size_t n) {
        if (!spilled_) {
            spill_->assign(start_, static_cast<size_t>(p_ - start_));
            spilled_ = true;
            p_ = end_ = start_;  // every later byte goes to the overflow string
        }
        spill_->append(s, n);
    }

    char* p_;
    char* end_;
    char* start_;
    std::string* spill_;
    bool spilled_ = false;
};

}  // namespace eventgen
