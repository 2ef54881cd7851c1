#pragma once
// A replay schedule: which sample events a pass plays and when, as offsets from the
// pass start. Made by a replaying generator, run by the engine's ReplayTimer.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace eventgen {

struct ReplayPlan {
    std::vector<uint32_t> events;  // sample events replayed, in order (unreadable times skipped)
    std::vector<int64_t> offsets;  // microseconds from the pass start, per entry of `events`
    int64_t duration = 0;          // offset of the last event
    size_t unreadable = 0;         // events whose time could not be read
    size_t out_of_order = 0;       // events older than the one before (spacing taken as 0)
    bool reversed = false;         // the file lists newest first (a Splunk export): replayed oldest first
};

}  // namespace eventgen
