#pragma once
// How far a backfill has come, for the progress lines a long backfill prints on
// stderr (a 7-day backfill can run for minutes). Each backfilling sample has a
// window [from, to]; the engine reports what it handed out (up to which time, how
// many events) and the share done is the handed-out share of the window scaled by
// how much of what was handed out has been delivered, so a single huge interval
// does not read 100% while its events are still being made.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "time/time_types.h"

namespace eventgen {

class BackfillProgress {
public:
    // `label` is the backfill setting as written (-7d), for the line.
    void add_window(uint32_t sample, TimeUs from, TimeUs to, const std::string& label);
    // Backfill work of `sample` handed out: its events up to `reached`, `events` of them.
    void handed_out(uint32_t sample, TimeUs reached, uint64_t events);
    // Every backfill job of `sample` has been handed out.
    void all_handed_out(uint32_t sample);
    // Events of `sample` delivered or failed so far (the engine's counters).
    void set_delivered(uint32_t sample, uint64_t events);

    bool active() const;        // some backfill has not finished
    bool any() const { return !windows_.empty(); }
    double share_done() const;  // 0..1 over every window, weighted by its length
    uint64_t events() const;    // delivered by backfilling samples since they started
    // "backfill 43.2% done (-7d): 12345678 events, 1234567 events/s, about 12s left"
    std::string line(double seconds) const;
    // Said once when the last window finishes.
    std::string done_line(double seconds) const;

private:
    struct Window {
        TimeUs from = 0, to = 0, reached = 0;
        uint64_t handed = 0, delivered = 0;
        std::string label;
        bool finished() const { return reached >= to && delivered >= handed; }
    };
    std::map<uint32_t, Window> windows_;
};

}  // namespace eventgen
