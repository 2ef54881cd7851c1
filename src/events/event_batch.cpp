#include "events/event_batch.h"

#include <algorithm>
#include <atomic>

namespace eventgen {

namespace {
uint16_t clamp16(size_t n) { return static_cast<uint16_t>(std::min<size_t>(n, 0xFFFF)); }
std::string_view clamped(std::string_view s) { return s.substr(0, 0xFFFF); }
}  // namespace

uint64_t EventBatch::Stamp::next() {
    static std::atomic<uint64_t> counter{0};
    return counter.fetch_add(1, std::memory_order_relaxed) + 1;
}

EventMeta EventBatch::meta(uint32_t id) const {
    const MetaEntry& m = metas_[id];
    const char* q = meta_text_.data() + m.offset;
    EventMeta out;
    out.host = std::string_view(q, m.host_len);
    q += m.host_len;
    out.source = std::string_view(q, m.source_len);
    q += m.source_len;
    out.sourcetype = std::string_view(q, m.sourcetype_len);
    q += m.sourcetype_len;
    out.index = std::string_view(q, m.index_len);
    return out;
}

void EventBatch::finish(const EventMeta& meta) {
    Header h;
    std::memcpy(&h, buf_.data() + open_, sizeof h);
    h.raw_len = static_cast<uint32_t>(buf_.size() - open_ - sizeof h);
    // Metadata mostly stays the same from one event to the next: keep one copy.
    EventMeta m{clamped(meta.host), clamped(meta.source), clamped(meta.sourcetype), clamped(meta.index)};
    bool same = false;
    if (!metas_.empty()) {
        EventMeta last = this->meta(static_cast<uint32_t>(metas_.size() - 1));
        same = last.host == m.host && last.source == m.source && last.sourcetype == m.sourcetype &&
               last.index == m.index;
    }
    if (!same) {
        MetaEntry e{static_cast<uint32_t>(meta_text_.size()), clamp16(m.host.size()), clamp16(m.source.size()),
                    clamp16(m.sourcetype.size()), clamp16(m.index.size())};
        meta_text_.append(m.host);
        meta_text_.append(m.source);
        meta_text_.append(m.sourcetype);
        meta_text_.append(m.index);
        metas_.push_back(e);
    }
    h.meta_id = static_cast<uint32_t>(metas_.size() - 1);
    std::memcpy(buf_.data() + open_, &h, sizeof h);
    raw_bytes_ += h.raw_len;
    ++count_;
}

void EventBatch::Iterator::load() {
    if (p_ >= end_) {
        p_ = end_;
        return;
    }
    Header h;
    std::memcpy(&h, p_, sizeof h);
    const char* q = p_ + sizeof h;
    view_.time_us = h.time_us;
    view_.raw = std::string_view(q, h.raw_len);
    if (h.meta_id != loaded_meta_) {
        view_.meta = batch_.meta(h.meta_id);
        view_.meta_id = loaded_meta_ = h.meta_id;
    }
    next_ = q + h.raw_len;
}

}  // namespace eventgen
