#include <gtest/gtest.h>

#include "common/rng.h"

namespace eventgen {

TEST(SeedMixer, GivesMixSeedsValues) {
    for (uint64_t a : {0ULL, 1ULL, 0x5EEDULL, ~0ULL})
        for (uint64_t b : {0ULL, 7ULL, 0x9E3779B97F4A7C15ULL}) {
            const SeedMixer mix(a, b);
            for (uint64_t c : {0ULL, 1ULL, 2ULL, 1000003ULL, ~0ULL}) EXPECT_EQ(mix(c), mix_seed(a, b, c));
        }
}

}  // namespace eventgen
