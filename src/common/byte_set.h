#pragma once
// A set of byte values (0..255). Used to reason about which characters a generated
// value can contain and which characters a regex can consume.
#include <bitset>
#include <cstdint>
#include <string_view>

namespace eventgen {

class ByteSet {
public:
    ByteSet() = default;
    static ByteSet of(std::string_view chars) {
        ByteSet s;
        for (unsigned char c : chars) s.add(c);
        return s;
    }
    static ByteSet range(unsigned char lo, unsigned char hi) {
        ByteSet s;
        for (unsigned c = lo; c <= hi; ++c) s.add(static_cast<unsigned char>(c));
        return s;
    }
    static ByteSet all() {
        ByteSet s;
        s.bits_.set();
        return s;
    }
    static ByteSet digits() { return range('0', '9'); }
    static ByteSet lower() { return range('a', 'z'); }
    static ByteSet upper() { return range('A', 'Z'); }
    static ByteSet letters() { return lower() | upper(); }
    static ByteSet hex_lower() { return digits() | range('a', 'f'); }
    static ByteSet hex_upper() { return digits() | range('A', 'F'); }
    static ByteSet non_ascii() { return range(0x80, 0xFF); }

    void add(unsigned char c) { bits_.set(c); }
    void add(const ByteSet& o) { bits_ |= o.bits_; }
    void remove(unsigned char c) { bits_.reset(c); }
    bool contains(unsigned char c) const { return bits_.test(c); }
    bool empty() const { return bits_.none(); }
    size_t count() const { return bits_.count(); }
    bool intersects(const ByteSet& o) const { return (bits_ & o.bits_).any(); }
    bool subset_of(const ByteSet& o) const { return (bits_ & ~o.bits_).none(); }
    // Smallest member, or -1 when empty.
    int first() const {
#if defined(__GLIBCXX__)
        const size_t c = bits_._Find_first();  // a word at a time (libstdc++)
        return c < 256 ? static_cast<int>(c) : -1;
#else
        for (int c = 0; c < 256; ++c)
            if (bits_.test(c)) return c;
        return -1;
#endif
    }
    ByteSet complement() const {
        ByteSet s;
        s.bits_ = ~bits_;
        return s;
    }
    ByteSet operator|(const ByteSet& o) const {
        ByteSet s;
        s.bits_ = bits_ | o.bits_;
        return s;
    }
    ByteSet operator&(const ByteSet& o) const {
        ByteSet s;
        s.bits_ = bits_ & o.bits_;
        return s;
    }
    bool operator==(const ByteSet& o) const { return bits_ == o.bits_; }

private:
    std::bitset<256> bits_;
};

}  // namespace eventgen
