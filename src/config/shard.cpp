#include "config/shard.h"

#include <unistd.h>

#include <cstdlib>
#include <set>

#include "common/strings.h"

namespace eventgen {

uint64_t Shard::share(uint64_t seq, uint64_t n) const {
    uint64_t first = first_offset(seq);
    return n > first ? (n - first + count - 1) / count : 0;
}

namespace {

std::optional<uint64_t> whole_number(std::string_view s) {
    if (s.empty() || s.size() > 9) return std::nullopt;
    uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    return v;
}

}  // namespace

std::optional<Shard> parse_shard(const std::string& text, std::string& error) {
    std::string t(trim(text));
    size_t slash = t.find('/');
    auto i = slash == std::string::npos ? std::nullopt : whole_number(trim(std::string_view(t).substr(0, slash)));
    auto n = slash == std::string::npos ? std::nullopt : whole_number(trim(std::string_view(t).substr(slash + 1)));
    if (!i || !n) {
        error = "shard must be I/N (shard I of N, I from 0 to N-1, e.g. 0/3); got '" + text + "'";
        return std::nullopt;
    }
    if (*n < 1 || *n > 1000000) {
        error = "shard '" + text + "': N (the number of shards) must be from 1 to 1000000";
        return std::nullopt;
    }
    if (*i >= *n) {
        error = "shard '" + text + "': I must be from 0 to " + std::to_string(*n - 1) +
                " (shards are counted from 0, like a Kubernetes completion index)";
        return std::nullopt;
    }
    return Shard{static_cast<uint32_t>(*i), static_cast<uint32_t>(*n)};
}

std::optional<std::vector<std::string>> parse_shard_hosts(const std::string& hosts, std::string& error) {
    std::vector<std::string> names;
    std::set<std::string> seen;
    for (std::string_view part : split(hosts, ',')) {
        std::string name = to_lower(trim(part));
        if (name.empty()) continue;
        if (!seen.insert(name).second) {
            error = "shard_hosts names " + name + " twice; each host of the fleet once, in order";
            return std::nullopt;
        }
        names.push_back(name);
    }
    if (names.empty()) {
        error = "shard_hosts is empty; list the fleet's host names in order (h1,h2,...)";
        return std::nullopt;
    }
    if (names.size() > 1000000) {
        error = "shard_hosts lists more than 1000000 hosts";
        return std::nullopt;
    }
    return names;
}

std::optional<Shard> shard_of_host(const std::string& hosts, const std::string& host, std::string& error) {
    auto names = parse_shard_hosts(hosts, error);
    if (!names) return std::nullopt;
    const std::string me = to_lower(trim(host));
    for (size_t k = 0; k < names->size(); ++k)
        if ((*names)[k] == me) return Shard{static_cast<uint32_t>(k), static_cast<uint32_t>(names->size())};
    error = "this host (" + (host.empty() ? std::string("<unknown>") : host) + ") is not in shard_hosts (" +
            std::to_string(names->size()) +
            " hosts); add it, or set shard = I/N for it ($EVENTGEN_HOST overrides the host name)";
    return std::nullopt;
}

std::string local_host_name() {
    if (const char* h = std::getenv("EVENTGEN_HOST"); h && *h) return h;
    char buf[256] = {};
    if (gethostname(buf, sizeof buf - 1) == 0 && buf[0]) return buf;
    return "localhost";
}

namespace {

struct ShardKeys {
    const Setting* shard = nullptr;
    const Setting* hosts = nullptr;
};

// The shard keys that are set (blank counts as unset); throws when both are.
ShardKeys shard_keys(const SettingsMap& s) {
    ShardKeys k{s.find("shard"), s.find("shard_hosts")};
    if (k.shard && trim(k.shard->value).empty()) k.shard = nullptr;
    if (k.hosts && trim(k.hosts->value).empty()) k.hosts = nullptr;
    if (k.shard && k.hosts)
        s.fail("shard", "shard and shard_hosts are both set (shard_hosts at " + k.hosts->where.describe() +
                            "); set one: shard = I/N, or shard_hosts for a fleet where each host finds its own index");
    return k;
}

}  // namespace

std::optional<Shard> shard_from_settings(const SettingsMap& s, const std::string& host) {
    ShardKeys k = shard_keys(s);
    if (!k.shard && !k.hosts) return std::nullopt;
    std::string error;
    std::optional<Shard> out =
        k.shard ? parse_shard(k.shard->value, error) : shard_of_host(k.hosts->value, host, error);
    if (!out) s.fail(k.shard ? "shard" : "shard_hosts", error);
    return out;
}

void check_shard_settings(const SettingsMap& s) {
    ShardKeys k = shard_keys(s);
    std::string error;
    if (k.shard && !parse_shard(k.shard->value, error)) s.fail("shard", error);
    if (k.hosts && !parse_shard_hosts(k.hosts->value, error)) s.fail("shard_hosts", error);
}

}  // namespace eventgen
