// Every eventgen.conf SA-Eventgen ships (copied into tests/data/sa-eventgen), over
// the SA-Eventgen samples this app bundles in samples/: both render paths agree,
// and the share of events left on the sequential path is printed for the record.
#include <gtest/gtest.h>

#include <cstdio>
#include <algorithm>
#include <filesystem>

#include "real_config_util.h"

namespace eventgen {
namespace {

namespace fs = std::filesystem;

const std::string kConfs = std::string(EVENTGEN_TEST_DATA) + "/sa-eventgen";
// The app folder: its samples/ holds SA-Eventgen's sample and replacement files.
const std::string kApp = fs::path(std::string(EVENTGEN_TEST_DATA) + "/../..").lexically_normal().string();

std::vector<fs::path> conf_files() {
    std::vector<fs::path> out;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(kConfs, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (it->is_regular_file() && name.rfind("eventgen", 0) == 0 && name.find(".conf") != std::string::npos &&
            name.find(".spec") == std::string::npos)
            out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string first_reason(const CompiledSample& s) {
    for (size_t i = 0; i < s.size(); ++i)
        if (s.event(i).body.sequential) return "(" + s.event(i).body.sequential_reason + ")";
    return "";
}

TEST(SharedConfigs, PathsAgreeAndMostEventsAreTemplates) {
    ASSERT_TRUE(fs::is_directory(kConfs)) << kConfs;
    size_t events = 0, sequential = 0, samples = 0;
    for (const fs::path& conf : conf_files()) {
        std::vector<testing::LoadedSample> loaded;
        try {
            loaded = testing::compile_conf_file(conf.string(), kApp);
        } catch (const ConfigError& e) {
            // Configs that name files the collection does not ship (autoBillPayment.sample).
            std::printf("%-60s skipped: %s\n", conf.lexically_relative(kConfs).c_str(), e.what());
            continue;
        }
        for (auto& l : loaded) {
            const size_t n = l.sample.size(), seq = l.sample.sequential_events();
            std::printf("%-60s %-28s %5zu events, %5zu sequential %s\n", conf.lexically_relative(kConfs).c_str(),
                        l.config.name().c_str(), n, seq, first_reason(l.sample).c_str());
            events += n;
            sequential += seq;
            ++samples;
            EXPECT_TRUE(testing::paths_agree(l.sample, n > 200 ? 2 : 20)) << conf;
        }
    }
    std::printf("%zu samples, %zu events, %zu sequential\n", samples, events, sequential);
    EXPECT_GT(samples, 20u);
    EXPECT_LT(sequential * 10, events);
}

}  // namespace
}  // namespace eventgen
