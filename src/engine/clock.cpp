#include "engine/clock.h"

#include <ctime>

namespace eventgen {

TimeUs RealClock::now() {
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return static_cast<TimeUs>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

bool RealClock::sleep_until(TimeUs t, const StopSignal& stop) {
    while (true) {
        TimeUs left = t - now();
        if (left <= 0) return !stop.stop_requested();
        if (stop.wait_for(left)) return false;
    }
}

}  // namespace eventgen
