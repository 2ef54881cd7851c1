#include "ack_registry.h"

namespace eventgen::test {

uint64_t AckRegistry::issue(const std::string& channel, Clock::time_point ready_at) {
    std::lock_guard lock(mu_);
    Channel& ch = channels_[channel];
    uint64_t id = ch.next_id++;
    ch.pending.emplace(id, ready_at);
    return id;
}

std::map<uint64_t, bool> AckRegistry::query(const std::string& channel, const std::vector<uint64_t>& ids) {
    std::lock_guard lock(mu_);
    std::map<uint64_t, bool> out;
    auto ch = channels_.find(channel);
    auto now = Clock::now();
    for (uint64_t id : ids) {
        if (out.count(id)) continue;  // asked twice in one query: the first answer stands
        bool done = false;
        if (ch != channels_.end()) {
            auto it = ch->second.pending.find(id);
            if (it != ch->second.pending.end() && it->second <= now) {
                done = true;
                ch->second.pending.erase(it);
            }
        }
        out[id] = done;
    }
    return out;
}

size_t AckRegistry::pending() const {
    std::lock_guard lock(mu_);
    size_t n = 0;
    for (const auto& [name, ch] : channels_) n += ch.pending.size();
    return n;
}

}  // namespace eventgen::test
