// The compiled-template path must give exactly the bytes of the sequential path
// (tokens applied one by one) for every event and every random state. Checked on
// thousands of random token configurations built to make tokens interfere.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "random_sample_gen.h"

namespace eventgen {
namespace {

using testing::Rendered;

const TimeZone& zone_for(uint64_t i) {
    static const TimeZone zones[] = {TimeZone::utc(), TimeZone::fixed(5 * 3600 + 1800), TimeZone::fixed(-8 * 3600),
                                     TimeZone::local()};
    return zones[i % 4];
}

// The state of one event as the generator would set it, drawn from `rng`.
EventContext random_context(Rng& rng, const CompiledSample& sample) {
    EventContext ctx = testing::context_for(sample, zone_for(rng.below(4)));
    ctx.rng.reseed(rng.next());
    // 1971 to 2099, sometimes on a whole second.
    ctx.time = static_cast<TimeUs>(40'000'000 + rng.below(4'000'000'000ULL)) * kUsPerSecond +
               static_cast<TimeUs>(rng.below(3) ? rng.below(1'000'000) : 0);
    ctx.earliest = ctx.time - static_cast<TimeUs>(rng.below(100'000'000'000ULL));
    ctx.latest = ctx.time + static_cast<TimeUs>(rng.below(100'000'000'000ULL));
    ctx.sequence = rng.below(2) ? rng.below(20) : rng.below(1ULL << 40);
    static const double kFactors[] = {0.0, 0.5, 1.0, 1.3, 7.25, 120.0};
    ctx.rated_factor = kFactors[rng.below(6)];
    return ctx;
}

std::string describe(const testing::SampleSetup& setup, const CompiledSample& sample, size_t index) {
    std::ostringstream out;
    for (const auto& [k, v] : setup.settings) out << k << " = " << v << "\n";
    for (const auto& t : setup.tokens)
        out << "token." << t.index << " " << t.regex << " | " << t.type << " | " << t.replacement << "\n";
    if (setup.host_token) out << "host.token " << setup.host_token->regex << " | " << setup.host_token->replacement << "\n";
    const EventTemplate& tpl = sample.event(index).body;
    out << "event: [" << tpl.original << "]\nsequential: " << tpl.sequential << " from token " << tpl.sequential_from
        << " " << tpl.sequential_reason;
    return out.str();
}

struct Tally {
    size_t events = 0, sequential = 0, partial = 0, renders = 0, skipped = 0;
};

// Renders every event of `sample` under `seeds` random states both ways.
// Returns false after the first mismatch (reported as a test failure).
bool check_sample(const testing::SampleSetup& setup, CompiledSample& sample, Rng& rng, int seeds, Tally& tally) {
    CompiledSample sequential = sample.clone();
    for (size_t i = 0; i < sample.size(); ++i) {
        ++tally.events;
        const EventTemplate& tpl = sample.event(i).body;
        tally.sequential += tpl.sequential ? 1 : 0;
        tally.partial += tpl.sequential && tpl.sequential_from > 0 ? 1 : 0;
        for (int s = 0; s < seeds; ++s) {
            EventContext a = random_context(rng, sample);
            EventContext b = a;
            EventBatch fast, slow;
            sample.render(i, a, fast);
            sequential.render_sequential(i, b, slow);
            Rendered rf = testing::read_single(fast), rs = testing::read_single(slow);
            ++tally.renders;
            if (!(rf == rs)) {
                ADD_FAILURE() << describe(setup, sample, i) << "\nfast: [" << rf.raw << "] host " << rf.host
                              << "\nslow: [" << rs.raw << "] host " << rs.host;
                return false;
            }
        }
    }
    return true;
}

// EVENTGEN_EQUIVALENCE_CONFIGS and EVENTGEN_EQUIVALENCE_FIRST run a longer or
// different search by hand; the default run is fixed and takes a few seconds.
uint64_t env_or(const char* name, uint64_t fallback) {
    const char* v = std::getenv(name);
    return v ? std::strtoull(v, nullptr, 10) : fallback;
}

TEST(TemplateEquivalence, RandomTokenConfigurations) {
    testing::TempDir dir;
    testing::write_replacement_files(dir);
    Tally tally;
    int failures = 0;
    const uint64_t first = env_or("EVENTGEN_EQUIVALENCE_FIRST", 0);
    const uint64_t count = env_or("EVENTGEN_EQUIVALENCE_CONFIGS", 3000);
    for (uint64_t config = first; config < first + count && failures < 3; ++config) {
        testing::SampleGen gen(0xE7E27 + config * 104729);
        testing::SampleSetup setup = gen.sample();
        setup.file_name = "sample" + std::to_string(config);
        setup.tokens = gen.tokens();
        setup.host_token = gen.host_token();
        try {
            CompiledSample sample = CompiledSample::compile(testing::make_config(dir, setup));
            if (!check_sample(setup, sample, gen.rng(), 8, tally)) ++failures;
        } catch (const RegexError&) {
            throw;
        } catch (const ConfigError&) {
            throw;
        } catch (const std::runtime_error& e) {
            // A random pattern that backtracks past PCRE2's match limit fails the same
            // way on both paths; it says nothing about templates.
            ASSERT_NE(std::string(e.what()).find("match limit"), std::string::npos) << e.what();
            ++tally.skipped;
        }
    }
    std::printf("events %zu, sequential %zu (%.1f%%, %zu of them after a partial template), renders %zu, "
                "configs skipped %zu\n",
                tally.events, tally.sequential,
                100.0 * static_cast<double>(tally.sequential) / static_cast<double>(tally.events), tally.partial,
                tally.renders, tally.skipped);
    // Not vacuous: most events take the template path and thousands of states are compared.
    EXPECT_GT(tally.renders, 50000u);
    EXPECT_LT(tally.sequential * 2, tally.events);
    // Partial templates (tokens proven up to a point, the rest one by one) are exercised too.
    EXPECT_GT(tally.partial * 10, tally.sequential);
}

}  // namespace
}  // namespace eventgen
