#pragma once
// Indexer acknowledgement: ack ids per channel, counted up from 0, each reported
// true once its delay has passed and forgotten after that report (SPLUNK.md §3.5).
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace eventgen::test {

class AckRegistry {
public:
    using Clock = std::chrono::steady_clock;

    // A new id on `channel`, acknowledged from `ready_at` on.
    uint64_t issue(const std::string& channel, Clock::time_point ready_at);
    // Status of each id; ids reported true are forgotten, so asking again gives false.
    std::map<uint64_t, bool> query(const std::string& channel, const std::vector<uint64_t>& ids);
    size_t pending() const;

private:
    struct Channel {
        uint64_t next_id = 0;
        std::map<uint64_t, Clock::time_point> pending;
    };
    mutable std::mutex mu_;
    std::map<std::string, Channel> channels_;
};

}  // namespace eventgen::test
