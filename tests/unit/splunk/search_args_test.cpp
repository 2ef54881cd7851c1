#include "splunk/search_args.h"

#include <gtest/gtest.h>

using namespace eventgen::search;

namespace {

std::optional<SearchRequest> parse(const std::vector<std::string>& args, std::string& error, int64_t max = 10000) {
    CommandLimits limits;
    limits.max_count = max;
    return parse_search_args(args, limits, error);
}

}  // namespace

TEST(SearchArgs, PreviewWithEveryOption) {
    std::string error;
    auto r = parse({"stanza=web.log", "APP=my_app", "count=25", "earliest=-1h", "latest=now", "seed=18446744073709551615"},
                   error);
    ASSERT_TRUE(r) << error;
    EXPECT_EQ(r->kind, SearchRequest::Kind::Preview);
    EXPECT_EQ(r->preview.stanza, "web.log");
    EXPECT_EQ(r->preview.app, "my_app");
    EXPECT_EQ(r->preview.count, 25);
    EXPECT_EQ(r->preview.earliest, "-1h");
    EXPECT_EQ(r->preview.latest, "now");
    EXPECT_EQ(r->preview.seed, 18446744073709551615ULL);
}

TEST(SearchArgs, DefaultsAndValuesWithEqualsSigns) {
    std::string error;
    auto r = parse({"stanza=a=b"}, error);
    ASSERT_TRUE(r) << error;
    EXPECT_EQ(r->preview.stanza, "a=b");
    EXPECT_EQ(r->preview.count, 10);
    EXPECT_FALSE(r->preview.seed);
    EXPECT_FALSE(r->preview.earliest);
    auto small = parse({"stanza=x"}, error, 4);
    ASSERT_TRUE(small);
    EXPECT_EQ(small->preview.count, 4);  // the default never passes the limit
}

TEST(SearchArgs, Check) {
    std::string error;
    auto r = parse({"check", "app=a", "stanza=s"}, error);
    ASSERT_TRUE(r) << error;
    EXPECT_EQ(r->kind, SearchRequest::Kind::Check);
    EXPECT_EQ(r->check.app, "a");
    EXPECT_EQ(r->check.stanza, "s");
    EXPECT_TRUE(parse({"CHECK"}, error));
}

TEST(SearchArgs, ErrorsSayWhatIsWrong) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{}, "stanza=<name> is required"},
        {{"stanza=x", "count=0"}, "count=0 is not a whole number of at least 1"},
        {{"stanza=x", "count=1.5"}, "count=1.5"},
        {{"stanza=x", "count=10001"}, "above this command's limit of 10000"},
        {{"stanza=x", "seed=abc"}, "seed=abc"},
        {{"stanza=x", "seed=18446744073709551616"}, "seed="},
        {{"stanza=x", "foo=1"}, "unknown argument 'foo'"},
        {{"stanza=x", "stanza=y"}, "given twice"},
        {{"stanza="}, "needs a value"},
        {{"=x"}, "has no name"},
        {{"stanza=x", "check"}, "unexpected argument 'check'"},
        {{"check", "check"}, "unexpected argument 'check'"},
        {{"check", "seed=1"}, "unknown argument 'seed' for check"},
        {{"web.log"}, "unexpected argument 'web.log'"},
    };
    for (const auto& [args, expected] : cases) {
        std::string error;
        EXPECT_FALSE(parse(args, error));
        EXPECT_NE(error.find(expected), std::string::npos) << error;
    }
}

TEST(SearchArgs, CommandLimitsFromCommandsConf) {
    std::string error;
    auto l = parse_command_limits({"--max-count=50", "--time-budget", "2.5"}, error);
    ASSERT_TRUE(l) << error;
    EXPECT_EQ(l->max_count, 50);
    EXPECT_DOUBLE_EQ(l->time_budget, 2.5);
    auto d = parse_command_limits({}, error);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->max_count, 10000);
    EXPECT_DOUBLE_EQ(d->time_budget, 10);
    EXPECT_FALSE(parse_command_limits({"--max-count=0"}, error));
    EXPECT_FALSE(parse_command_limits({"--time-budget=-1"}, error));
    EXPECT_FALSE(parse_command_limits({"--time-budget=inf"}, error));
    EXPECT_FALSE(parse_command_limits({"--max-count"}, error));
    EXPECT_FALSE(parse_command_limits({"--colour=red"}, error));
    EXPECT_NE(error.find("unknown command.arg"), std::string::npos);
}
