#include "rating/rater.h"

#include <cmath>

namespace eventgen {

double rate_table_factor(const SampleConfig& c, TimeUs now) {
    CivilTime t = to_civil(now, c.timezone);
    double f = 1.0;
    f *= c.hour_of_day.at(t.hour);
    f *= c.day_of_week.at(t.weekday);  // 0 = Sunday, as Eventgen counts
    f *= c.minute_of_hour.at(t.minute);
    f *= c.day_of_month.at(t.day);
    f *= c.month_of_year.at(t.month);
    return f;
}

double randomize_factor(double randomize_count, Rng& rng) {
    if (randomize_count <= 0) return 1.0;
    // Same arithmetic as Eventgen: a random integer in [0, bound] mapped around 1.0.
    double bound = std::nearbyint(randomize_count * 1000.0);
    double draw = static_cast<double>(rng.between(0, static_cast<int64_t>(bound)));
    return 1.0 + (-(bound / 2.0 - draw)) / 1000.0;
}

double rated_token_factor(const SampleConfig& c, TimeUs now) {
    CivilTime t = to_civil(now, c.timezone);
    return c.hour_of_day.at(t.hour) * c.day_of_week.at(t.weekday);
}

int64_t events_for_interval(const SampleConfig& c, size_t sample_events, TimeUs now, Rng& rng) {
    double count = c.count <= 0 ? static_cast<double>(sample_events) : static_cast<double>(c.count);
    double factor = randomize_factor(c.randomize_count, rng) * rate_table_factor(c, now);
    return static_cast<int64_t>(std::nearbyint(count * factor));
}

double bytes_for_interval(const SampleConfig& c, double interval_seconds, TimeUs now, Rng& rng) {
    if (!c.per_day_volume_gb) return 0;
    double per_day = *c.per_day_volume_gb * 1024.0 * 1024.0 * 1024.0;
    double per_interval = per_day * interval_seconds / 86400.0;
    return per_interval * randomize_factor(c.randomize_count, rng) * rate_table_factor(c, now);
}

}  // namespace eventgen
