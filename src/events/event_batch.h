#pragma once
// A batch of finished events stored in one flat byte buffer: the unit handed from a
// generator to an output. Flat so it can later be copied into a shared-memory ring as
// is, with no per-event allocation.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "common/byte_set.h"

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
    // Which of its batch's distinct metadata sets `meta` is, and which batch fill that
    // was (0: not from a batch): outputs derive their metadata text (escaped, encoded)
    // once per set and batch instead of once per event (outputs/support/meta_cache.h).
    uint32_t meta_id = 0;
    uint64_t batch_stamp = 0;
    // Proven when the sample was compiled: every byte of raw is printable ASCII and
    // none of " \\ & < >, so JSON and XML take it as it is (plain_text_bytes()).
    bool plain_text = false;
};

// The bytes plain_text allows.
inline const ByteSet& plain_text_bytes() {
    static const ByteSet bytes = [] {
        ByteSet b = ByteSet::range(0x20, 0x7E);
        for (char c : {'"', '\\', '&', '<', '>'}) b.remove(static_cast<unsigned char>(c));
        return b;
    }();
    return bytes;
}

// Events keep their metadata as an id into the batch's table of distinct sets: an
// event with the same host/source/sourcetype/index as the one before it stores none.
class EventBatch {
public:
    explicit EventBatch(uint32_t sample_id = 0) : sample_id_(sample_id) {}

    uint32_t sample_id() const { return sample_id_; }
    void set_sample_id(uint32_t id) { sample_id_ = id; }
    uint32_t size() const { return count_; }
    bool empty() const { return count_ == 0; }
    size_t bytes() const { return used() + meta_text_.size(); }
    size_t raw_bytes() const { return raw_bytes_; }
    // Distinct metadata sets in the batch (ids 0 .. meta_count() - 1).
    uint32_t meta_count() const { return static_cast<uint32_t>(metas_.size()); }
    void clear() {
        end_ = 0;  // keeps buf_'s bytes as room for the next fill (see loose_)
        loose_ = true;
        meta_text_.clear();
        metas_.clear();
        count_ = 0;
        raw_bytes_ = 0;
        stamp_ = Stamp();
        last_key_ = nullptr;
        open_plain_ = false;
    }
    void reserve(size_t n) { buf_.reserve(n); }

    // Builds an event in place: begin(), then append() the raw text in pieces, then finish().
    void begin(int64_t time_us) {
        tighten();
        open_ = buf_.size();
        Header h{};
        h.time_us = time_us;
        buf_.append(reinterpret_cast<const char*>(&h), sizeof h);
    }
    // begin() for a caller that writes the raw text itself: room for `room` bytes,
    // returned; close_room() then says where the text ends (before finish()).
    char* begin_room(int64_t time_us, size_t room) {
        if (!loose_) {
            end_ = buf_.size();
            loose_ = true;
        }
        open_ = end_;
        const size_t need = open_ + sizeof(Header) + room;
        if (buf_.size() < need) buf_.resize(std::max(need, 2 * buf_.size()));  // zero-fills only growth
        Header h{};
        h.time_us = time_us;
        char* p = buf_.data() + open_;
        std::memcpy(p, &h, sizeof h);
        return p + sizeof h;
    }
    void close_room(const char* end) { end_ = static_cast<size_t>(end - buf_.data()); }
    // Says that the open event's text is plain (EventView::plain_text); before finish().
    void mark_open_plain() { open_plain_ = true; }
    void append(std::string_view piece) {
        tighten();
        buf_.append(piece.data(), piece.size());
    }
    // The buffer the open event's raw text is being appended to (between begin and finish).
    std::string& open_buffer() {
        tighten();
        return buf_;
    }
    void append(char c) {
        tighten();
        buf_.push_back(c);
    }
    // Current length of the raw text being built (after begin()).
    size_t open_raw_length() const { return used() - open_ - sizeof(Header); }
    // Shortens the raw text being built (used to drop trailing characters).
    void truncate_open_raw(size_t length) {
        if (loose_)
            end_ = open_ + sizeof(Header) + length;
        else
            buf_.resize(open_ + sizeof(Header) + length);
    }
    std::string_view open_raw() const {
        return std::string_view(buf_.data() + open_ + sizeof(Header), open_raw_length());
    }
    void finish(const EventMeta& meta);
    // The same, for a caller that names its metadata sets: `key` stands for the same
    // four strings for as long as this batch is filled, so an event whose key is the
    // previous event's reuses its set without comparing text (null: no key).
    void finish(const EventMeta& meta, const void* key) {
        if (!finish_same(key)) {
            finish(meta);
            last_key_ = key;
        }
    }
    // Finishes the open event when `key` is the previous event's; false when not.
    bool finish_same(const void* key) {
        if (key == nullptr || key != last_key_) return false;
        close_open(static_cast<uint32_t>(metas_.size() - 1));
        return true;
    }

    void add(int64_t time_us, std::string_view raw, const EventMeta& meta) {
        begin(time_us);
        append(raw);
        finish(meta);
    }

    class Iterator {
    public:
        Iterator(const EventBatch& batch, const char* p, const char* end) : batch_(batch), p_(p), end_(end) {
            view_.batch_stamp = batch.stamp_.value;
            load();
        }
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
        const EventBatch& batch_;
        const char* p_;
        const char* end_;
        const char* next_ = nullptr;
        uint32_t loaded_meta_ = UINT32_MAX;  // the metadata set view_.meta shows
        EventView view_;
    };
    Iterator begin() const { return Iterator(*this, buf_.data(), buf_.data() + used()); }
    Iterator end() const { return Iterator(*this, buf_.data() + used(), buf_.data() + used()); }

    // The metadata set `id` (< meta_count()).
    EventMeta meta(uint32_t id) const;

    struct Header {
        int64_t time_us;
        uint32_t raw_len;
        uint32_t meta_id;  // with kPlainTextFlag when the text is plain
    };
    static constexpr uint32_t kPlainTextFlag = 0x8000'0000u;

private:
    // The batch's bytes: buf_ up to end_ while loose, all of buf_ while not.
    size_t used() const { return loose_ ? end_ : buf_.size(); }
    // Makes buf_'s size the batch's bytes again, for callers that append to it.
    void tighten() {
        if (!loose_) return;
        buf_.resize(end_);
        loose_ = false;
    }
    // Completes the open event's header with its length and metadata set.
    void close_open(uint32_t meta_id) {
        const auto raw_len = static_cast<uint32_t>(used() - open_ - sizeof(Header));
        char* h = buf_.data() + open_;
        std::memcpy(h + offsetof(Header, raw_len), &raw_len, sizeof raw_len);
        const uint32_t id_and_flag = meta_id | (open_plain_ ? kPlainTextFlag : 0);
        std::memcpy(h + offsetof(Header, meta_id), &id_and_flag, sizeof id_and_flag);
        open_plain_ = false;
        raw_bytes_ += raw_len;
        ++count_;
    }

    // One distinct metadata set: its four strings, one after the other in meta_text_.
    struct MetaEntry {
        uint32_t offset;
        uint16_t host_len, source_len, sourcetype_len, index_len;
    };
    // Identifies one fill of one batch (copies and clear() get a new one), so outputs
    // can tell that metadata id 3 of this batch is not id 3 of the one before.
    struct Stamp {
        uint64_t value = next();
        Stamp() = default;
        Stamp(const Stamp&) : value(next()) {}
        Stamp& operator=(const Stamp&) {
            value = next();
            return *this;
        }
        static uint64_t next();
    };

    // Events written into reserved room (begin_room) leave buf_ longer than the batch:
    // growing a std::string zero-fills, so the room is kept for later events and
    // batches, and end_ says where the batch ends (loose_). Events appended with
    // begin()/append() make buf_ exact again (tighten).
    std::string buf_;
    size_t end_ = 0;
    bool loose_ = false;
    std::string meta_text_;
    std::vector<MetaEntry> metas_;
    Stamp stamp_;
    uint32_t sample_id_ = 0;
    uint32_t count_ = 0;
    size_t raw_bytes_ = 0;
    size_t open_ = 0;
    bool open_plain_ = false;
    const void* last_key_ = nullptr;  // of the last finished event (see finish)
};

// Inline: it runs once per event an output formats.
inline void EventBatch::Iterator::load() {
    if (p_ >= end_) {
        p_ = end_;
        return;
    }
    Header h;
    std::memcpy(&h, p_, sizeof h);
    const char* q = p_ + sizeof h;
    view_.time_us = h.time_us;
    view_.raw = std::string_view(q, h.raw_len);
    view_.plain_text = (h.meta_id & kPlainTextFlag) != 0;
    const uint32_t meta_id = h.meta_id & ~kPlainTextFlag;
    if (meta_id != loaded_meta_) {
        view_.meta = batch_.meta(meta_id);
        view_.meta_id = loaded_meta_ = meta_id;
    }
    next_ = q + h.raw_len;
}

}  // namespace eventgen
