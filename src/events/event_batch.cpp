#include "events/event_batch.h"

#include <algorithm>
#include <atomic>

namespace eventgen {

namespace {
uint16_t clamp16(size_t n) { return static_cast<uint16_t>(std::min<size_t>(n, 0xFFFF)); }
std::string_view clamped(std::string_view s) { return s.substr(0, 0xFFFF); }

// Equality of short strings (metadata) without a library call per string.
bool same_text(std::string_view a, std::string_view b) {
    const size_t n = a.size();
    if (n != b.size()) return false;
    const char *p = a.data(), *q = b.data();
    if (n < 8) {
        for (size_t i = 0; i < n; ++i)
            if (p[i] != q[i]) return false;
        return true;
    }
    uint64_t x, y;
    for (size_t i = 0; i + 8 <= n; i += 8) {
        std::memcpy(&x, p + i, 8);
        std::memcpy(&y, q + i, 8);
        if (x != y) return false;
    }
    std::memcpy(&x, p + n - 8, 8);  // the last 8 bytes (overlapping)
    std::memcpy(&y, q + n - 8, 8);
    return x == y;
}
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
    last_key_ = nullptr;
    // Metadata mostly stays the same from one event to the next: keep one copy.
    EventMeta m{clamped(meta.host), clamped(meta.source), clamped(meta.sourcetype), clamped(meta.index)};
    bool same = false;
    if (!metas_.empty()) {
        EventMeta last = this->meta(static_cast<uint32_t>(metas_.size() - 1));
        same = same_text(last.host, m.host) && same_text(last.source, m.source) &&
               same_text(last.sourcetype, m.sourcetype) && same_text(last.index, m.index);
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
    close_open(static_cast<uint32_t>(metas_.size() - 1));
}

}  // namespace eventgen
