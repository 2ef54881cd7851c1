#include "tokens/simple_values.h"

#include <charconv>

#include "time/time_format.h"

namespace eventgen {

namespace {

class StaticValue : public TokenValue {
public:
    explicit StaticValue(std::string text) : text_(std::move(text)) {}
    void produce(EventContext&, std::string& out) override { out += text_; }
    ValueShape shape() const override { return ValueShape::exact(text_); }
    const std::string* constant() const override { return &text_; }
    std::unique_ptr<TokenValue> clone() const override { return std::make_unique<StaticValue>(*this); }

private:
    std::string text_;
};

class TimestampValue : public TokenValue {
public:
    TimestampValue(const std::string& format, bool window_end) : format_(format), window_end_(window_end) {}
    void produce(EventContext& ctx, std::string& out) override {
        format_.append(window_end_ ? ctx.latest : ctx.time, *ctx.zone, out);
    }
    ValueShape shape() const override { return format_.shape(); }
    std::unique_ptr<TokenValue> clone() const override { return std::make_unique<TimestampValue>(*this); }

private:
    TimeFormat format_;
    bool window_end_;
};

class IntegerIdValue : public TokenValue {
public:
    explicit IntegerIdValue(int64_t start) : start_(start) {}
    void produce(EventContext& ctx, std::string& out) override {
        char buf[24];
        auto [p, ec] = std::to_chars(buf, buf + sizeof buf, start_ + static_cast<int64_t>(ctx.sequence));
        (void)ec;
        out.append(buf, p);
    }
    ValueShape shape() const override {
        ByteSet digits = ByteSet::digits();
        if (start_ < 0) digits.add('-');
        return ValueShape::variable(digits, 1);
    }
    std::unique_ptr<TokenValue> clone() const override { return std::make_unique<IntegerIdValue>(*this); }

private:
    int64_t start_;
};

}  // namespace

std::unique_ptr<TokenValue> make_static_value(const std::string& text) { return std::make_unique<StaticValue>(text); }

std::unique_ptr<TokenValue> make_timestamp_value(const std::string& format) {
    return std::make_unique<TimestampValue>(format, false);
}

std::unique_ptr<TokenValue> make_window_end_timestamp_value(const std::string& format) {
    return std::make_unique<TimestampValue>(format, true);
}

std::unique_ptr<TokenValue> make_integer_id_value(int64_t start) { return std::make_unique<IntegerIdValue>(start); }

}  // namespace eventgen
