#include "tokens/random_value.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "common/strings.h"
#include "regex/regex.h"

namespace eventgen {

namespace {

constexpr size_t kMaxInt64Chars = 20;  // "-9223372036854775808"

[[gnu::noinline]] char* write_long_int(char* p, int64_t v) { return std::to_chars(p, p + kMaxInt64Chars, v).ptr; }

inline char* write_int(char* p, int64_t v) {
    if (static_cast<uint64_t>(v) < 10) {  // integer[0:9] and the like: one digit
        *p = static_cast<char>('0' + v);
        return p + 1;
    }
    return write_long_int(p, v);
}

void append_int(std::string& out, int64_t v) {
    char buf[kMaxInt64Chars];
    out.append(buf, write_int(buf, v));
}

void append_hex(std::string& out, uint64_t v, int digits, bool upper, bool strip_leading) {
    static const char lower_digits[] = "0123456789abcdef";
    static const char upper_digits[] = "0123456789ABCDEF";
    const char* d = upper ? upper_digits : lower_digits;
    bool started = !strip_leading;
    for (int i = digits - 1; i >= 0; --i) {
        unsigned nibble = (v >> (i * 4)) & 0xF;
        if (!started && nibble == 0 && i > 0) continue;
        started = true;
        out.push_back(d[nibble]);
    }
}

size_t digit_count(int64_t v) {
    uint64_t u = v < 0 ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v);
    size_t n = 1;
    while (u >= 10) {
        u /= 10;
        ++n;
    }
    return n;
}

class IntegerValue : public TokenValue {
public:
    IntegerValue(int64_t lo, int64_t hi, bool rated)
        : lo_(lo), hi_(hi), span_(static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1), rated_(rated),
          common_(!rated && lo < hi && span_ != 0) {}
    void produce(EventContext& ctx, std::string& out) override { append_int(out, draw(ctx)); }
    size_t max_size() const override {
        if (rated_) return kMaxInt64Chars;
        return std::max(digit_count(lo_) + (lo_ < 0 ? 1 : 0), digit_count(hi_) + (hi_ < 0 ? 1 : 0));
    }
    char* write(EventContext& ctx, char* p) override {
        // Rng::between inlined for the common range: every other case, and below()'s
        // rare retry, goes to a tail call, so this path saves no registers.
        if (!common_) return write_drawn(ctx, p);
        const unsigned __int128 m = static_cast<unsigned __int128>(ctx.rng.next()) * span_;
        if (static_cast<uint64_t>(m) < span_) return write_retried(ctx, p, m);
        return write_int(p, static_cast<int64_t>(static_cast<uint64_t>(lo_) + static_cast<uint64_t>(m >> 64)));
    }
    ValueShape shape() const override {
        ValueShape s = unlisted_shape();
        // A small range (integer[0:9]) lists its values for the sample compiler.
        if (!rated_ && hi_ >= lo_ && static_cast<uint64_t>(hi_) - static_cast<uint64_t>(lo_) < ValueShape::kMaxChoices) {
            std::vector<std::string> texts;
            for (int64_t v = lo_;; ++v) {
                texts.emplace_back();
                append_int(texts.back(), v);
                if (v == hi_) break;
            }
            s.list_choices(std::vector<std::string_view>(texts.begin(), texts.end()));
        }
        return s;
    }
    std::unique_ptr<TokenValue> clone() const override { return std::make_unique<IntegerValue>(*this); }

private:
    // Out of line: the common write() then saves no registers for its calls.
    [[gnu::noinline]] char* write_drawn(EventContext& ctx, char* p) const { return write_int(p, draw(ctx)); }
    [[gnu::noinline]] char* write_retried(EventContext& ctx, char* p, unsigned __int128 m) const {
        const uint64_t v = static_cast<uint64_t>(lo_) + ctx.rng.below_retry(span_, m);
        return write_int(p, static_cast<int64_t>(v));
    }
    int64_t draw(EventContext& ctx) const {
        int64_t v = ctx.rng.between(lo_, hi_);
        if (rated_) v = static_cast<int64_t>(std::nearbyint(static_cast<double>(v) * ctx.rated_factor));
        return v;
    }
    ValueShape unlisted_shape() const {
        ByteSet digits = ByteSet::digits();
        if (!rated_ && lo_ >= 0 && digit_count(lo_) == digit_count(hi_))
            return ValueShape::of_positions(std::vector<ByteSet>(digit_count(lo_), digits));
        if (lo_ < 0 || rated_) digits.add('-');
        return ValueShape::variable(digits, 1);
    }
    int64_t lo_, hi_;
    uint64_t span_;  // hi - lo + 1: 0 for the whole 64-bit range
    bool rated_;
    bool common_;  // not rated, lo < hi, and a span below 2^64
};

class FloatValue : public TokenValue {
public:
    FloatValue(double lo, double hi, int precision, bool rated)
        : lo_(lo), hi_(hi), precision_(precision), rated_(rated) {}
    void produce(EventContext& ctx, std::string& out) override {
        double v = lo_ + (hi_ - lo_) * ctx.rng.unit();
        if (rated_) v *= ctx.rated_factor;
        char buf[64];
        auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, precision_);
        if (ec != std::errc()) {
            out += "0";
            return;
        }
        // "-0.00" reads oddly; print it as zero.
        std::string_view s(buf, p - buf);
        if (s.front() == '-' && s.find_first_not_of("-0.") == std::string_view::npos) s.remove_prefix(1);
        out.append(s);
    }
    ValueShape shape() const override { return ValueShape::variable(ByteSet::of("0123456789.-"), 1); }
    std::unique_ptr<TokenValue> clone() const override { return std::make_unique<FloatValue>(*this); }

private:
    double lo_, hi_;
    int precision_;
    bool rated_;
};

class Ipv4Value : public TokenValue {
    static constexpr size_t kMaxSize = 15;  // 255.255.255.255

public:
    void produce(EventContext& ctx, std::string& out) override {
        char buf[kMaxSize];
        out.append(buf, write(ctx, buf));
    }
    size_t max_size() const override { return kMaxSize; }
    char* write(EventContext& ctx, char* p) override {
        for (int i = 0; i < 4; ++i) {
            if (i) *p++ = '.';
            p = write_int(p, static_cast<int64_t>(ctx.rng.below(256)));
        }
        return p;
    }
    ValueShape shape() const override { return ValueShape::variable(ByteSet::of("0123456789."), 7); }
    std::unique_ptr<TokenValue> clone() const override { return std::make_unique<Ipv4Value>(*this); }
};

class Ipv6Value : public TokenValue {
public:
    void produce(EventContext& ctx, std::string& out) override {
        for (int i = 0; i < 8; ++i) {
            if (i) out.push_back(':');
            append_hex(out, ctx.rng.below(65536), 4, false, true);
        }
    }
    ValueShape shape() const override { return ValueShape::variable(ByteSet::hex_lower() | ByteSet::of(":"), 15); }
    std::unique_ptr<TokenValue> clone() const override { return std::make_unique<Ipv6Value>(*this); }
};

class MacValue : public TokenValue {
public:
    void produce(EventContext& ctx, std::string& out) override {
        for (int i = 0; i < 6; ++i) {
            if (i) out.push_back(':');
            append_hex(out, ctx.rng.below(256), 2, false, false);
        }
    }
    ValueShape shape() const override {
        std::vector<ByteSet> pos;
        for (int i = 0; i < 6; ++i) {
            if (i) pos.push_back(ByteSet::of(":"));
            pos.push_back(ByteSet::hex_lower());
            pos.push_back(ByteSet::hex_lower());
        }
        return ValueShape::of_positions(pos);
    }
    std::unique_ptr<TokenValue> clone() const override { return std::make_unique<MacValue>(*this); }
};

class GuidValue : public TokenValue {
public:
    void produce(EventContext& ctx, std::string& out) override {
        // A version 4 UUID: 122 random bits, version and variant fixed.
        uint64_t hi = ctx.rng.next(), lo = ctx.rng.next();
        hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
        lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
        append_hex(out, hi >> 32, 8, false, false);
        out.push_back('-');
        append_hex(out, (hi >> 16) & 0xFFFF, 4, false, false);
        out.push_back('-');
        append_hex(out, hi & 0xFFFF, 4, false, false);
        out.push_back('-');
        append_hex(out, lo >> 48, 4, false, false);
        out.push_back('-');
        append_hex(out, lo & 0xFFFFFFFFFFFFULL, 12, false, false);
    }
    ValueShape shape() const override {
        std::vector<ByteSet> pos;
        for (int group : {8, 4, 4, 4, 12}) {
            if (!pos.empty()) pos.push_back(ByteSet::of("-"));
            for (int i = 0; i < group; ++i) pos.push_back(ByteSet::hex_lower());
        }
        return ValueShape::of_positions(pos);
    }
    std::unique_ptr<TokenValue> clone() const override { return std::make_unique<GuidValue>(*this); }
};

// Characters Eventgen's string(n) can produce: those URL quoting leaves alone.
const char kStringAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/";

class CharsValue : public TokenValue {
public:
    CharsValue(size_t length, std::string alphabet) : length_(length), alphabet_(std::move(alphabet)) {}
    void produce(EventContext& ctx, std::string& out) override {
        for (size_t i = 0; i < length_; ++i) out.push_back(alphabet_[ctx.rng.below(alphabet_.size())]);
    }
    ValueShape shape() const override {
        return ValueShape::of_positions(std::vector<ByteSet>(length_, ByteSet::of(alphabet_)));
    }
    std::unique_ptr<TokenValue> clone() const override { return std::make_unique<CharsValue>(*this); }

private:
    size_t length_;
    std::string alphabet_;
};

class ListValue : public TokenValue {
public:
    explicit ListValue(std::vector<std::string> items) : items_(std::move(items)) {
        for (const auto& item : items_) longest_ = std::max(longest_, item.size());
    }
    void produce(EventContext& ctx, std::string& out) override { out += items_[ctx.rng.below(items_.size())]; }
    size_t max_size() const override { return longest_; }
    char* write(EventContext& ctx, char* p) override {
        const std::string& item = items_[ctx.rng.below(items_.size())];
        std::memcpy(p, item.data(), item.size());
        return p + item.size();
    }
    ValueShape shape() const override {
        std::vector<std::string_view> views(items_.begin(), items_.end());
        return ValueShape::any_of(views);
    }
    std::unique_ptr<TokenValue> clone() const override { return std::make_unique<ListValue>(*this); }

private:
    std::vector<std::string> items_;
    size_t longest_ = 0;
};

// Decimal places written in a bound such as "3.250" -> 3.
int decimals_of(std::string_view number) {
    size_t dot = number.find('.');
    return dot == std::string_view::npos ? 0 : static_cast<int>(number.size() - dot - 1);
}

}  // namespace

std::unique_ptr<TokenValue> make_random_value(const std::string& replacement, bool rated,
                                              const ConfLocation& where) {
    std::string lower = to_lower(trim(replacement));
    if (lower == "ipv4") return std::make_unique<Ipv4Value>();
    if (lower == "ipv6") return std::make_unique<Ipv6Value>();
    if (lower == "mac") return std::make_unique<MacValue>();
    if (lower == "guid") return std::make_unique<GuidValue>();

    static const Regex integer_re = Regex::compile(R"((?i)^integer\[(-?\d+):(-?\d+)\])");
    static const Regex float_re = Regex::compile(R"((?i)^float\[(-?\d+(?:\.\d+)?):(-?\d+(?:\.\d+)?)\])");
    static const Regex string_re = Regex::compile(R"((?i)^(string|hex)\((\d+)\))");
    Match m;
    std::string_view text = trim(replacement);
    if (integer_re.search(text, 0, m)) {
        size_t colon = text.find(':');
        size_t close = text.find(']');
        auto lo = parse_int(text.substr(8, colon - 8));
        auto hi = parse_int(text.substr(colon + 1, close - colon - 1));
        if (!lo || !hi) throw ConfigError(where, "integer bounds out of range in '" + replacement + "'");
        if (*lo > *hi)
            throw ConfigError(where, "integer[" + std::to_string(*lo) + ":" + std::to_string(*hi) +
                                         "]: the start is greater than the end");
        return std::make_unique<IntegerValue>(*lo, *hi, rated);
    }
    if (float_re.search(text, 0, m)) {
        size_t colon = text.find(':');
        size_t close = text.find(']');
        std::string_view a = text.substr(6, colon - 6), b = text.substr(colon + 1, close - colon - 1);
        auto lo = parse_double(a), hi = parse_double(b);
        if (!lo || !hi) throw ConfigError(where, "float bounds not understood in '" + replacement + "'");
        if (*lo > *hi) throw ConfigError(where, "float[" + std::string(a) + ":" + std::string(b) +
                                                    "]: the start is greater than the end");
        return std::make_unique<FloatValue>(*lo, *hi, std::max(decimals_of(a), decimals_of(b)), rated);
    }
    if (string_re.search(text, 0, m)) {
        bool hex = to_lower(text.substr(0, 3)) == "hex";
        size_t open = text.find('(');
        auto n = parse_int(text.substr(open + 1, text.find(')') - open - 1));
        if (!n || *n > 1000000) throw ConfigError(where, "length out of range in '" + replacement + "'");
        return std::make_unique<CharsValue>(static_cast<size_t>(*n),
                                            hex ? std::string("0123456789ABCDEF") : std::string(kStringAlphabet));
    }
    if (lower.rfind("list", 0) == 0) {
        std::string json(text.substr(4));
        rapidjson::Document doc;
        doc.Parse(json.c_str());
        if (doc.HasParseError() || !doc.IsArray() || doc.Empty())
            throw ConfigError(where, "list needs a non-empty JSON array, e.g. list[\"a\", \"b\"]; found '" +
                                         replacement + "'");
        std::vector<std::string> items;
        for (const auto& v : doc.GetArray()) {
            if (v.IsString()) {
                items.emplace_back(v.GetString(), v.GetStringLength());
            } else {
                rapidjson::StringBuffer sb;
                rapidjson::Writer<rapidjson::StringBuffer> w(sb);
                v.Accept(w);
                items.emplace_back(sb.GetString(), sb.GetSize());
            }
        }
        return std::make_unique<ListValue>(std::move(items));
    }
    throw ConfigError(where, "unknown " + std::string(rated ? "rated" : "random") + " replacement '" + replacement +
                                 "' (expected integer[a:b], float[a:b], ipv4, ipv6, mac, guid, string(n), "
                                 "hex(n) or list[...])");
}

}  // namespace eventgen
