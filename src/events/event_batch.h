#pragma once
// A batch of finished events stored in one flat byte buffer: the unit handed from a
// generator to an output. Flat so it can later be copied into a shared-memory ring as
// is, with no per-event allocation.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace eventgen {

// Splunk metadata of an event.
struct EventMeta {
    std::string_view host;
    std::string_view source;
    std::string_view sourcetype;
    std::string_view index;
};

// One event as read back from a batch. Views point into the batch buffer.
struct EventView {
    int64_t time_us = 0;  // event time, epoch microseconds (UTC)
    std::string_view raw;
    EventMeta meta;
};

class EventBatch {
public:
    explicit EventBatch(uint32_t sample_id = 0) : sample_id_(sample_id) {}

    uint32_t sample_id() const { return sample_id_; }
    void set_sample_id(uint32_t id) { sample_id_ = id; }
    uint32_t size() const { return count_; }
    bool empty() const { return count_ == 0; }
    size_t bytes() const { return buf_.size(); }
    size_t raw_bytes() const { return raw_bytes_; }
    void clear() {
        buf_.clear();
        count_ = 0;
        raw_bytes_ = 0;
    }
    void reserve(size_t n) { buf_.reserve(n); }

    // Builds an event in place: begin(), then append() the raw text in pieces, then finish().
    void begin(int64_t time_us) {
        open_ = buf_.size();
        Header h{};
        h.time_us = time_us;
        buf_.append(reinterpret_cast<const char*>(&h), sizeof h);
    }
    void append(std::string_view piece) { buf_.append(piece.data(), piece.size()); }
    // The buffer the open event's raw text is being appended to (between begin and finish).
    std::string& open_buffer() { return buf_; }
    void append(char c) { buf_.push_back(c); }
    // Current length of the raw text being built (after begin()).
    size_t open_raw_length() const { return buf_.size() - open_ - sizeof(Header); }
    // Shortens the raw text being built (used to drop trailing characters).
    void truncate_open_raw(size_t length) { buf_.resize(open_ + sizeof(Header) + length); }
    std::string_view open_raw() const {
        return std::string_view(buf_).substr(open_ + sizeof(Header));
    }
    void finish(const EventMeta& meta);

    void add(int64_t time_us, std::string_view raw, const EventMeta& meta) {
        begin(time_us);
        append(raw);
        finish(meta);
    }

    class Iterator {
    public:
        Iterator(const char* p, const char* end) : p_(p), end_(end) { load(); }
        const EventView& operator*() const { return view_; }
        const EventView* operator->() const { return &view_; }
        Iterator& operator++() {
            p_ = next_;
            load();
            return *this;
        }
        bool operator!=(const Iterator& o) const { return p_ != o.p_; }
        bool operator==(const Iterator& o) const { return p_ == o.p_; }

    private:
        void load();
        const char* p_;
        const char* end_;
        const char* next_ = nullptr;
        EventView view_;
    };
    Iterator begin() const { return Iterator(buf_.data(), buf_.data() + buf_.size()); }
    Iterator end() const { return Iterator(buf_.data() + buf_.size(), buf_.data() + buf_.size()); }

    const std::string& buffer() const { return buf_; }
    // Adopts a buffer produced by another batch (e.g. read from a ring).
    void assign(uint32_t sample_id, uint32_t count, size_t raw_bytes, std::string_view data) {
        sample_id_ = sample_id;
        count_ = count;
        raw_bytes_ = raw_bytes;
        buf_.assign(data.data(), data.size());
    }

    struct Header {
        int64_t time_us;
        uint32_t raw_len;
        uint16_t host_len, source_len, sourcetype_len, index_len;
    };

private:
    std::string buf_;
    uint32_t sample_id_ = 0;
    uint32_t count_ = 0;
    size_t raw_bytes_ = 0;
    size_t open_ = 0;
};

}  // namespace eventgen
