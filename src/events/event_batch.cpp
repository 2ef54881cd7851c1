#include "events/event_batch.h"

#include <algorithm>

namespace eventgen {

namespace {
uint16_t clamp16(size_t n) { return static_cast<uint16_t>(std::min<size_t>(n, 0xFFFF)); }
}  // namespace

void EventBatch::finish(const EventMeta& meta) {
    Header h;
    std::memcpy(&h, buf_.data() + open_, sizeof h);
    h.raw_len = static_cast<uint32_t>(buf_.size() - open_ - sizeof h);
    h.host_len = clamp16(meta.host.size());
    h.source_len = clamp16(meta.source.size());
    h.sourcetype_len = clamp16(meta.sourcetype.size());
    h.index_len = clamp16(meta.index.size());
    buf_.append(meta.host.data(), h.host_len);
    buf_.append(meta.source.data(), h.source_len);
    buf_.append(meta.sourcetype.data(), h.sourcetype_len);
    buf_.append(meta.index.data(), h.index_len);
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
    q += h.raw_len;
    view_.meta.host = std::string_view(q, h.host_len);
    q += h.host_len;
    view_.meta.source = std::string_view(q, h.source_len);
    q += h.source_len;
    view_.meta.sourcetype = std::string_view(q, h.sourcetype_len);
    q += h.sourcetype_len;
    view_.meta.index = std::string_view(q, h.index_len);
    q += h.index_len;
    next_ = q;
}

}  // namespace eventgen
