#pragma once
// Text an output derives from an event's host/source/sourcetype/index (XML elements,
// JSON fields, a URL query), made once per distinct metadata set of a batch rather
// than once per event: the batch numbers its sets (EventView::meta_id).
#include <cstdint>
#include <vector>

#include "events/event_batch.h"

namespace eventgen {

template <typename Value>
class MetaCache {
public:
    // The value for `e`'s metadata; `make(const EventMeta&, Value&)` fills a new one.
    template <typename Make>
    const Value& get(const EventView& e, Make&& make) {
        if (e.batch_stamp == 0) {  // an event made by hand, not read from a batch
            make(e.meta, loose_);
            return loose_;
        }
        if (e.batch_stamp != stamp_) {
            stamp_ = e.batch_stamp;
            ready_.clear();
        }
        if (e.meta_id < ready_.size() && ready_[e.meta_id]) return values_[e.meta_id];
        if (e.meta_id >= ready_.size()) ready_.resize(e.meta_id + 1, 0);
        if (e.meta_id >= values_.size()) values_.resize(e.meta_id + 1);
        make(e.meta, values_[e.meta_id]);
        ready_[e.meta_id] = 1;
        return values_[e.meta_id];
    }

private:
    uint64_t stamp_ = 0;
    std::vector<uint8_t> ready_;
    std::vector<Value> values_;
    Value loose_;
};

}  // namespace eventgen
