#pragma once
// Fast, seedable random numbers. Every event gets its own stream derived from
// (run seed, sample, event sequence number), so the events of a seeded run do not
// depend on how the work is split between jobs or workers.
#include <cstdint>
#include <random>

namespace eventgen {

inline uint64_t splitmix64(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// Mixes several 64-bit values into one well-distributed seed.
inline uint64_t mix_seed(uint64_t a, uint64_t b, uint64_t c = 0) {
    uint64_t s = a;
    uint64_t x = splitmix64(s) ^ b;
    uint64_t y = splitmix64(x) ^ c;
    return splitmix64(y);
}

// mix_seed(a, b, c) for many c with the same a and b: the part that depends on a and
// b is computed once, so a per-event seed costs one splitmix64 instead of three.
class SeedMixer {
public:
    SeedMixer(uint64_t a, uint64_t b) {
        uint64_t s = a;
        uint64_t x = splitmix64(s) ^ b;
        prefix_ = splitmix64(x);
    }
    uint64_t operator()(uint64_t c) const {
        uint64_t y = prefix_ ^ c;
        return splitmix64(y);
    }

private:
    uint64_t prefix_;
};

// xoshiro256** : small state, very fast, good statistical quality.
class Rng {
public:
    explicit Rng(uint64_t seed = 0) { reseed(seed); }

    void reseed(uint64_t seed) {
        uint64_t s = seed;
        for (auto& word : s_) word = splitmix64(s);
    }

    uint64_t next() {
        uint64_t s0 = s_[0], s1 = s_[1], s2 = s_[2], s3 = s_[3];
        // Kept in general registers: vectorised, the step loads the state as 16-byte
        // halves over the 8-byte stores of the step (or reseed) before, which stalls
        // store forwarding on every draw (bench/README.md, "Measured 2026-12-02, third
        // session").
        asm("" : "+r"(s0), "+r"(s1), "+r"(s2), "+r"(s3));
        const uint64_t result = rotl(s1 * 5, 7) * 9;
        const uint64_t t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = rotl(s3, 45);
        s_[0] = s0;
        s_[1] = s1;
        s_[2] = s2;
        s_[3] = s3;
        return result;
    }

    // Uniform integer in [0, bound), unbiased (Lemire's method). bound 0 means the full range.
    uint64_t below(uint64_t bound) {
        if (bound == 0) return next();
        const unsigned __int128 m = static_cast<unsigned __int128>(next()) * bound;
        if (static_cast<uint64_t>(m) < bound) return below_retry(bound, m);
        return static_cast<uint64_t>(m >> 64);
    }

    // Uniform integer in [lo, hi] (inclusive, like Python's random.randint).
    int64_t between(int64_t lo, int64_t hi) {
        if (hi <= lo) return lo;
        const uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;
        return static_cast<int64_t>(static_cast<uint64_t>(lo) + below(span));
    }

    // Uniform double in [0, 1).
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    // below()'s rare case (a low product `m` under `bound`), out of line so the common
    // path stays small where it is inlined; public for callers that inline below().
    [[gnu::noinline]] uint64_t below_retry(uint64_t bound, unsigned __int128 m) {
        const uint64_t threshold = -bound % bound;
        while (static_cast<uint64_t>(m) < threshold) m = static_cast<unsigned __int128>(next()) * bound;
        return static_cast<uint64_t>(m >> 64);
    }

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t s_[4];
};

// A seed from the operating system, for runs without a configured seed.
inline uint64_t os_random_seed() {
    std::random_device rd;
    return (static_cast<uint64_t>(rd()) << 32) ^ rd();
}

}  // namespace eventgen
