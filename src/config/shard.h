#pragma once
// A shard of a distributed run: shard I of N makes exactly the events whose sequence
// number s has s mod N == I (indices start at 0, like a Kubernetes completion index or
// a StatefulSet ordinal). Every per-interval decision is made as in the unsharded run,
// so the N shards of a seeded run together make exactly its events.
//
// Where a run's shard comes from, the first that is set wins: --shard on the command
// line; the modular input's inputs.conf stanza (shard or shard_hosts); [global] of
// eventgen.conf (shard or shard_hosts). shard_hosts lists the fleet in order and each
// host takes the index of its own name. Setting shard and shard_hosts in the same
// place is an error (which one is meant?).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/settings_map.h"

namespace eventgen {

struct Shard {
    uint32_t index = 0;
    uint32_t count = 1;
    bool sharded() const { return count > 1; }
    bool takes(uint64_t seq) const { return seq % count == index; }
    // Events of [seq, seq + n) that fall to this shard.
    uint64_t share(uint64_t seq, uint64_t n) const;
    // The first offset k >= 0 for which seq + k falls to this shard.
    uint64_t first_offset(uint64_t seq) const { return (index + count - seq % count) % count; }
    std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};

// "I/N" with 0 <= I < N, 1 <= N <= 1000000. On a bad value: nullopt and `error` says why.
std::optional<Shard> parse_shard(const std::string& text, std::string& error);

// The names of a comma-separated fleet list, lower-cased; nullopt and `error` when it
// is empty or repeats a name.
std::optional<std::vector<std::string>> parse_shard_hosts(const std::string& hosts, std::string& error);

// The shard of `host` in a comma-separated fleet list (names compared without case,
// blanks trimmed). nullopt and `error` when the list is empty, repeats a name, or does
// not list `host`.
std::optional<Shard> shard_of_host(const std::string& hosts, const std::string& host, std::string& error);

// The host name a shard_hosts list is matched against: $EVENTGEN_HOST, else
// gethostname() (the modular input passes splunkd's server_host instead).
std::string local_host_name();

// The shard set in `settings` (a [global] stanza or an input's settings): nullopt when
// neither shard nor shard_hosts is set; throws ConfigError naming the key's file, line
// and stanza when a value is bad, the host is not listed, or both keys are set.
std::optional<Shard> shard_from_settings(const SettingsMap& settings, const std::string& host);

// What shard_from_settings checks, but whatever host this is (`eventgen check` may run
// on a machine outside the fleet, e.g. the deployment server).
void check_shard_settings(const SettingsMap& settings);

}  // namespace eventgen
