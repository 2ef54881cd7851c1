#pragma once
// Sets the process's TZ for the duration of a test and restores it afterwards, so
// local-zone tests do not depend on (or leak into) the machine's zone.
#include <cstdlib>
#include <optional>
#include <string>

#include "time/time_zone.h"

namespace eventgen::testing {

class ScopedTz {
public:
    explicit ScopedTz(const char* tz) {
        if (const char* old = std::getenv("TZ")) saved_ = old;
        setenv("TZ", tz, 1);
        TimeZone::reload_local_rules();
    }
    ~ScopedTz() {
        if (saved_)
            setenv("TZ", saved_->c_str(), 1);
        else
            unsetenv("TZ");
        TimeZone::reload_local_rules();
    }
    ScopedTz(const ScopedTz&) = delete;
    ScopedTz& operator=(const ScopedTz&) = delete;

private:
    std::optional<std::string> saved_;
};

}  // namespace eventgen::testing
