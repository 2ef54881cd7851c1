// The packaged default/commands.conf, its spec and the binary agree.
#include <gtest/gtest.h>

#include <map>

#include "common/strings.h"
#include "config/conf_file.h"
#include "splunk/search_args.h"

using namespace eventgen;

namespace {
const std::string kRoot = EVENTGEN_TEST_DATA "/../..";
}

TEST(CommandsConf, PackagedStanzaIsChunkedAndItsLimitsAreTheBinaryDefaults) {
    ConfFile conf = read_conf_file(kRoot + "/default/commands.conf");
    const ConfStanza* s = conf.find("eventgen");
    ASSERT_NE(s, nullptr);
    auto value = [&](const char* key) {
        const ConfEntry* e = s->find(key);
        return e ? std::string(trim(e->value)) : std::string();
    };
    EXPECT_EQ(value("chunked"), "true");
    EXPECT_EQ(value("filename"), "modinput_eventgen.sh");
    EXPECT_EQ(value("command.arg.1"), "search-command");
    std::vector<std::string> limits_args = {value("command.arg.2"), value("command.arg.3")};
    std::string error;
    auto limits = search::parse_command_limits(limits_args, error);
    ASSERT_TRUE(limits) << error;
    search::CommandLimits builtin;
    EXPECT_EQ(limits->max_count, builtin.max_count);
    EXPECT_DOUBLE_EQ(limits->time_budget, builtin.time_budget);

    // The spec documents each packaged line as it is.
    auto spec = read_file(kRoot + "/README/commands.conf.spec");
    ASSERT_TRUE(spec);
    for (const char* key : {"chunked", "filename", "command.arg.1"})
        EXPECT_NE(spec->find(std::string(key) + " = " + value(key)), std::string::npos) << key;
    for (const auto& arg : limits_args) EXPECT_NE(spec->find("Default: " + arg), std::string::npos) << arg;
}
