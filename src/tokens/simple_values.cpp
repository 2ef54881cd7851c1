#include "tokens/simple_values.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>

#include "common/strings.h"
#include "time/time_format.h"

namespace eventgen {

namespace {

constexpr size_t kMaxInt64Chars = 20;  // "-9223372036854775808"

class StaticValue : public TokenValue {
public:
    explicit StaticValue(std::string text) : text_(std::move(text)) {}
    void produce(EventContext&, std::string& out) override { out += text_; }
    size_t max_size() const override { return text_.size(); }
    char* write(EventContext&, char* p) override {
        std::memcpy(p, text_.data(), text_.size());
        return p + text_.size();
    }
    ValueShape shape() const override { return ValueShape::exact(text_); }
    const std::string* constant() const override { return &text_; }
    bool stateless() const override { return true; }
    std::unique_ptr<TokenValue> clone() const override { return std::make_unique<StaticValue>(*this); }

private:
    std::string text_;
};

class TimestampValue : public TokenValue {
public:
    TimestampValue(const std::string& format) : format_(format) {}
    void produce(EventContext& ctx, std::string& out) override { format_.append(ctx.time, *ctx.zone, out); }
    size_t max_size() const override { return format_.max_size(); }
    char* write(EventContext& ctx, char* p) override { return format_.write(ctx.time, *ctx.zone, p); }
    ValueShape shape() const override { return format_.shape(); }
    bool stateless() const override { return true; }
    std::unique_ptr<TokenValue> clone() const override { return std::make_unique<TimestampValue>(*this); }

private:
    TimeFormat format_;
};

class WindowEndTimestampValue : public TokenValue {
public:
    explicit WindowEndTimestampValue(const std::vector<std::string>& formats) {
        for (const auto& f : formats) formats_.emplace_back(f);
    }
    void produce(EventContext& ctx, std::string& out) override {
        size_t pick = ctx.format_choice ? ctx.format_choice[token_index_] : 0;
        formats_[pick < formats_.size() ? pick : 0].append(ctx.latest, *ctx.zone, out);
    }
    ValueShape shape() const override {
        if (formats_.size() == 1) return formats_.front().shape();
        ValueShape s = ValueShape::variable(ByteSet(), SIZE_MAX);
        for (const auto& f : formats_) {
            ValueShape one = f.shape();
            s.alphabet.add(one.alphabet);
            s.min_length = std::min(s.min_length, one.min_length);
        }
        return s;
    }
    size_t format_count() const override { return formats_.size(); }
    ValueShape shape_for_format(size_t format) const override {
        return formats_[format < formats_.size() ? format : 0].shape();  // as produce() picks
    }
    bool stateless() const override { return true; }
    std::unique_ptr<TokenValue> clone() const override { return std::make_unique<WindowEndTimestampValue>(*this); }

private:
    std::vector<TimeFormat> formats_;
};

class IntegerIdValue : public TokenValue {
public:
    explicit IntegerIdValue(int64_t start) : start_(start) {}
    void produce(EventContext& ctx, std::string& out) override {
        char buf[kMaxInt64Chars];
        out.append(buf, write(ctx, buf));
    }
    size_t max_size() const override { return kMaxInt64Chars; }
    char* write(EventContext& ctx, char* p) override {
        return std::to_chars(p, p + kMaxInt64Chars, start_ + static_cast<int64_t>(ctx.sequence)).ptr;
    }
    ValueShape shape() const override {
        ByteSet digits = ByteSet::digits();
        if (start_ < 0) digits.add('-');
        return ValueShape::variable(digits, 1);
    }
    bool stateless() const override { return true; }
    std::unique_ptr<TokenValue> clone() const override { return std::make_unique<IntegerIdValue>(*this); }

private:
    int64_t start_;
};

}  // namespace

std::unique_ptr<TokenValue> make_static_value(const std::string& text) { return std::make_unique<StaticValue>(text); }

std::unique_ptr<TokenValue> make_timestamp_value(const std::string& format) {
    return std::make_unique<TimestampValue>(format);
}

std::unique_ptr<TokenValue> make_window_end_timestamp_value(const std::vector<std::string>& formats) {
    return std::make_unique<WindowEndTimestampValue>(formats);
}

std::vector<std::string> replay_formats(const std::string& replacement) {
    std::string_view text = trim(replacement);
    if (!text.empty() && text.front() == '[') {
        rapidjson::Document doc;
        doc.Parse(text.data(), text.size());
        if (!doc.HasParseError() && doc.IsArray() && !doc.Empty()) {
            std::vector<std::string> out;
            for (const auto& v : doc.GetArray())
                if (v.IsString()) out.emplace_back(v.GetString(), v.GetStringLength());
            if (!out.empty()) return out;
        }
    }
    return {replacement};
}

std::unique_ptr<TokenValue> make_integer_id_value(int64_t start) { return std::make_unique<IntegerIdValue>(start); }

}  // namespace eventgen
