// Adding an output is one folder and one line: this test adds the memory output
// (memory_output.cpp) with that one line and runs configurations through it end to end.
#include <gtest/gtest.h>

#include <algorithm>

#include "../../config/config_test_util.h"
#include "cli/sample_runner.h"
#include "config/setting_schema.h"
#include "outputs/registry.h"

namespace eventgen::testing {

const OutputDescriptor& memory_output();
std::vector<std::string> take_memory_lines();

namespace {

void add_memory_output_once() {
    static bool added = [] {
        add_output_component(memory_output());  // the one line
        return true;
    }();
    (void)added;
}

int run_config(const std::string& conf_text) {
    config_test::TestApp app;
    app.sample("web.log", "GET /a\nGET /b\nGET /c\n");
    RunPlan plan;
    plan.confs.push_back(app.load(conf_text));
    plan.engine.save_state = false;
    StopSignal stop;
    return run_plan(plan, stop);
}

TEST(DummyOutput, RunsEndToEndThroughTheWriter) {
    add_memory_output_once();
    take_memory_lines();
    int code = run_config("[web.log]\noutputMode = memory\nmemoryTag = T>\nuseOutputQueue = true\ncount = 10\nend = 1\n");
    EXPECT_EQ(code, 0);
    std::vector<std::string> lines = take_memory_lines();
    ASSERT_EQ(lines.size(), 10u);
    EXPECT_EQ(lines[0], "T>GET /a");
    EXPECT_EQ(lines[1], "T>GET /b");
    EXPECT_EQ(lines[3], "T>GET /a");  // the sample cycles
}

TEST(DummyOutput, WorkersWriteItDirectly) {
    add_memory_output_once();
    take_memory_lines();
    int code = run_config("[global]\ngeneratorWorkers = 2\n[web.log]\noutputMode = memory\ncount = 3000\nend = 1\n"
                          "splitSample = 2\n");
    EXPECT_EQ(code, 0);
    std::vector<std::string> lines = take_memory_lines();
    EXPECT_EQ(lines.size(), 3000u);
    EXPECT_TRUE(std::all_of(lines.begin(), lines.end(), [](const std::string& l) { return l.rfind("mem: GET /", 0) == 0; }));
}

TEST(DummyOutput, ItsSettingsAreKnownAndDescribed) {
    add_memory_output_once();
    const KnownSetting* k = find_setting("memoryTag");
    ASSERT_NE(k, nullptr);
    EXPECT_EQ(k->component, "output:memory");
    EXPECT_EQ(find_output("memory"), &memory_output());
}

}  // namespace
}  // namespace eventgen::testing
