#pragma once
// Loading real eventgen.conf files for tests: samples resolved as the CLI does,
// with settings that only matter to outputs (and placeholders such as
// perDayVolume = <GB/day>) dropped so every sample compiles.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/strings.h"
#include "config/eventgen_conf.h"
#include "config/sample_resolver.h"
#include "sample_test_util.h"

namespace eventgen::testing {

struct LoadedSample {
    SampleConfig config;
    CompiledSample sample;
};

inline std::vector<LoadedSample> compile_conf(const std::vector<ConfText>& texts) {
    EventgenConf conf = load_eventgen_conf_text(texts);
    ResolvedSamples resolved = resolve_samples(conf);
    std::vector<LoadedSample> out;
    for (SampleDefinition& def : resolved.samples) {
        if (def.file_path.empty()) continue;  // generators without a sample file
        // Templates depend on the sample and its tokens only: generator, mode and
        // output settings are dropped so every sample compiles in this build.
        for (const char* key : {"outputMode", "perDayVolume", "httpeventServers", "fileName", "generator", "mode"})
            def.settings.erase(key);
        SampleConfig config = make_sample_config(def);
        CompiledSample sample = CompiledSample::compile(config);
        out.push_back(LoadedSample{std::move(config), std::move(sample)});
    }
    return out;
}

// A conf file on disk, read as the CLI would (its folder is the conf folder).
inline std::vector<LoadedSample> compile_conf_file(const std::string& path, const std::string& app_dir) {
    auto text = read_file(path);
    EXPECT_TRUE(text.has_value()) << path;
    if (!text) return {};
    return compile_conf({ConfText{ConfSource{path, "SA-Eventgen", app_dir}, *text}});
}

// Renders every event both ways under `seeds` states; false on the first mismatch.
inline bool paths_agree(CompiledSample& sample, int seeds) {
    CompiledSample other = sample.clone();
    const TimeZone utc = TimeZone::utc();
    Rng rng(sample.size() * 31 + 7);
    for (size_t i = 0; i < sample.size(); ++i) {
        for (int s = 0; s < seeds; ++s) {
            EventContext a = context_for(sample, utc);
            a.rng.reseed(rng.next());
            a.time = static_cast<TimeUs>(1'000'000'000 + rng.below(2'000'000'000)) * kUsPerSecond +
                     static_cast<TimeUs>(rng.below(1'000'000));
            a.latest = a.time + static_cast<TimeUs>(rng.below(1'000'000'000));
            a.sequence = rng.below(1'000'000'000);
            EventContext b = a;
            EventBatch fast, slow;
            sample.render(i, a, fast);
            other.render_sequential(i, b, slow);
            Rendered f = read_single(fast), r = read_single(slow);
            if (!(f == r)) {
                ADD_FAILURE() << sample.config().name() << " event " << i << "\nfast: " << f.raw << "\nslow: " << r.raw;
                return false;
            }
        }
    }
    return true;
}

}  // namespace eventgen::testing
