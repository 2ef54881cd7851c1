// The sample compiler on hand-picked cases: what it proves (templates), when it
// must give up (sequential), and that both paths agree on adversarial inputs.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "sample_test_util.h"

namespace eventgen {
namespace {

using testing::token_spec;

class EventTemplateTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_.write("nbsp.txt", "a\xC2\xA0\nbcd\n");
        dir_.write("mixed.txt", "a\xE2\x82\xAC\nbc\n");
        dir_.write("lead.txt", "\xC2\xA0" "a\nbcd\n");
        dir_.write("words.txt", "alice\nbob\n");
        dir_.write("markets.csv", "10001,New York\n94105,San Francisco\n60601,Chicago\n");
    }

    CompiledSample compile(const std::string& contents, std::vector<TokenSpec> tokens) {
        testing::SampleSetup s;
        s.file_name = "sample" + std::to_string(counter_++);
        s.contents = contents;
        s.tokens = std::move(tokens);
        return CompiledSample::compile(testing::make_config(dir_, s));
    }

    // Renders event 0 both ways under many states; returns the distinct outputs.
    std::set<std::string> expect_paths_agree(CompiledSample& sample, int seeds = 400) {
        std::set<std::string> outputs;
        const TimeZone utc = TimeZone::utc();
        for (int seed = 0; seed < seeds; ++seed) {
            EventContext a = testing::context_for(sample, utc);
            a.rng.reseed(static_cast<uint64_t>(seed));
            a.time = (1'400'000'000LL + seed * 7919LL) * kUsPerSecond;
            a.sequence = static_cast<uint64_t>(seed);
            EventContext b = a;
            EventBatch fast, slow;
            sample.render(0, a, fast);
            sample.render_sequential(0, b, slow);
            std::string f = testing::read_single(fast).raw, s = testing::read_single(slow).raw;
            EXPECT_EQ(f, s) << "seed " << seed << " (" << sample.event(0).body.sequential_reason << ")";
            if (f != s) break;
            outputs.insert(f);
        }
        return outputs;
    }

    testing::TempDir dir_;
    int counter_ = 0;
};

TEST_F(EventTemplateTest, WordBoundaryAfterANonAsciiNonWordCharacter) {
    // "a" + NO-BREAK SPACE is followed by a word boundary; "bcd" is not.
    CompiledSample sample =
        compile("@@x5\n", {token_spec(0, "@@x", "file", "nbsp.txt"), token_spec(1, "\\b[0-9]", "static", "N")});
    auto outputs = expect_paths_agree(sample);
    EXPECT_EQ(outputs, (std::set<std::string>{"a\xC2\xA0N", "bcd5"}));
}

TEST_F(EventTemplateTest, WordBoundaryBeforeANonAsciiCharacter) {
    CompiledSample sample =
        compile("9@@x\n", {token_spec(0, "@@x", "file", "mixed.txt"), token_spec(1, "[0-9]\\b", "static", "N")});
    auto outputs = expect_paths_agree(sample);
    EXPECT_EQ(outputs, (std::set<std::string>{"9a\xE2\x82\xAC", "9bc"}));
    CompiledSample lead =
        compile("9@@x\n", {token_spec(0, "@@x", "file", "lead.txt"), token_spec(1, "[0-9]\\b", "static", "N")});
    EXPECT_EQ(expect_paths_agree(lead), (std::set<std::string>{"N\xC2\xA0" "a", "9bcd"}));
}

TEST_F(EventTemplateTest, TimeInsideAnEarlierTimestampIsAPartOfItsValue) {
    CompiledSample sample = compile("at 2014-01-04 20:54:34 ok\n",
                                    {token_spec(0, "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}", "timestamp",
                                                "%Y-%m-%d %H:%M:%S"),
                                     token_spec(1, "\\d{2}:\\d{2}:\\d{2}", "static", "T")});
    EXPECT_FALSE(sample.event(0).body.sequential) << sample.event(0).body.sequential_reason;
    auto outputs = expect_paths_agree(sample, 50);
    for (const auto& o : outputs) EXPECT_EQ(o.substr(13), " T ok") << o;
}

TEST_F(EventTemplateTest, StaticValueHoldingAnotherTokensPattern) {
    CompiledSample sample = compile("v=@@a;\n", {token_spec(0, "@@a", "static", "@@b-@@b"),
                                                  token_spec(1, "@@b", "random", "integer[0:9]")});
    EXPECT_FALSE(sample.event(0).body.sequential);
    auto outputs = expect_paths_agree(sample);
    EXPECT_EQ(outputs.size(), 10u);
    for (const auto& o : outputs) EXPECT_EQ(o[2], o[4]) << "one value per token per event: " << o;
}

TEST_F(EventTemplateTest, NumberPatternAfterARandomInteger) {
    // A fixed-width value is matched as a whole, every time.
    CompiledSample fixed = compile("n=@@x;\n", {token_spec(0, "@@x", "random", "integer[100:999]"),
                                                 token_spec(1, "\\d+", "static", "N")});
    EXPECT_FALSE(fixed.event(0).body.sequential);
    EXPECT_EQ(expect_paths_agree(fixed), (std::set<std::string>{"n=N;"}));
    // A variable-width value next to digits: the match depends on the value.
    CompiledSample glued = compile("n=@@x5;\n", {token_spec(0, "@@x", "random", "integer[-20:20]"),
                                                  token_spec(1, "\\d{2}", "random", "hex(1)")});
    EXPECT_GT(expect_paths_agree(glued).size(), 20u);
}

TEST_F(EventTemplateTest, OverlappingLiteralsAndDeletions) {
    CompiledSample sample = compile("aaaa bab  x\n", {token_spec(0, "aa", "static", "a"),
                                                      token_spec(1, "\\s+", "static", ""),
                                                      token_spec(2, "(a)a", "random", "list[\"c\",\"d\"]"),
                                                      token_spec(3, "ba?b", "random", "string(2)")});
    EXPECT_FALSE(sample.event(0).body.sequential) << sample.event(0).body.sequential_reason;
    for (const auto& o : expect_paths_agree(sample)) {
        EXPECT_EQ(o.size(), 5u) << o;  // "aaaa bab  x" -> "aababx" -> "?ababx" -> "?a??x"
        EXPECT_EQ(o.substr(1, 1), "a") << o;
        EXPECT_EQ(o.back(), 'x') << o;
    }
}

TEST_F(EventTemplateTest, CaptureGroupsReplaceOnlyTheGroup) {
    // Group 1 when it took part, else the whole match.
    CompiledSample sample = compile("user=x num=7 user=y num=;\n",
                                    {token_spec(0, "user=(\\w+)", "file", "words.txt"),
                                     token_spec(1, "num=(\\d)?", "static", "N")});
    EXPECT_FALSE(sample.event(0).body.sequential) << sample.event(0).body.sequential_reason;
    EXPECT_EQ(expect_paths_agree(sample),
              (std::set<std::string>{"user=alice num=N user=alice N;", "user=bob num=N user=bob N;"}));
}

TEST_F(EventTemplateTest, ColumnsOfOneFileStayOnOneRow) {
    CompiledSample sample = compile("city=\"@@c\" zip=@@z\n", {token_spec(0, "@@c", "mvfile", "markets.csv:2"),
                                                                token_spec(1, "@@z", "mvfile", "markets.csv:1")});
    EXPECT_FALSE(sample.event(0).body.sequential);
    EXPECT_EQ(expect_paths_agree(sample),
              (std::set<std::string>{"city=\"New York\" zip=10001", "city=\"San Francisco\" zip=94105",
                                     "city=\"Chicago\" zip=60601"}));
}

TEST_F(EventTemplateTest, UnprovableRegexesKeepTheSequentialPath) {
    // A lookbehind, an empty match and a backreference next to generated values.
    CompiledSample look = compile("x@@v\n", {token_spec(0, "@@v", "file", "words.txt"),
                                             token_spec(1, "(?<=x)\\w", "static", "!")});
    EXPECT_TRUE(look.event(0).body.sequential);
    EXPECT_EQ(expect_paths_agree(look), (std::set<std::string>{"x!lice", "x!ob"}));
    CompiledSample empty = compile("@@v;\n", {token_spec(0, "@@v", "random", "integer[1:99]"),
                                               token_spec(1, "\\d*", "static", "-")});
    EXPECT_TRUE(empty.event(0).body.sequential);
    expect_paths_agree(empty);
    CompiledSample backref = compile("@@v\n", {token_spec(0, "@@v", "random", "list[\"aa\",\"ab\"]"),
                                                token_spec(1, "(\\w)\\1", "static", "=")});
    EXPECT_EQ(expect_paths_agree(backref), (std::set<std::string>{"=a", "ab"}));
}

TEST_F(EventTemplateTest, NoMatchCanStartInAMonthName) {
    // SA-Eventgen's weblog placeholders after a timestamp: "Dec" starts with D, but
    // DDDD cannot go on with its "e"; "De" can, so that regex keeps the real text.
    const std::string text = "[04/Jan/2014] DDDD FFFF\n";
    const TokenSpec time = token_spec(0, "\\d{2}/\\w{3}/\\d{4}", "timestamp", "%d/%b/%Y");
    CompiledSample proven = compile(text, {time, token_spec(1, "(DDDD)", "file", "words.txt"),
                                           token_spec(2, "(FFFF)", "random", "integer[1:99]")});
    EXPECT_FALSE(proven.event(0).body.sequential) << proven.event(0).body.sequential_reason;
    expect_paths_agree(proven);
    CompiledSample reads = compile(text, {time, token_spec(1, "De", "static", "XX")});
    EXPECT_TRUE(reads.event(0).body.sequential);
    auto outputs = expect_paths_agree(reads, 4500);  // a year of event times
    EXPECT_TRUE(std::any_of(outputs.begin(), outputs.end(), [](const std::string& o) {
        return o.find("XXc") != std::string::npos;
    })) << "some event in December";
}

TEST_F(EventTemplateTest, NoMatchCanStartInAnyLineOfALargeFile) {
    // More lines than the proof tries in place: each line is looked at alone instead.
    std::string agents, bad;
    for (int i = 0; i < 100; ++i) agents += "Mozilla/" + std::to_string(i) + " (KHTML, like Gecko) F" + std::string(i % 7, 'F') + "\n";
    dir_.write("agents.txt", agents);
    dir_.write("agents_bad.txt", agents + "a FFFFFFFF b\n");
    const std::string text = "\"@@ua\" FFFFFFFF\n";
    CompiledSample proven = compile(text, {token_spec(0, "@@ua", "file", "agents.txt"),
                                           token_spec(1, "(FFFFFFFF)", "random", "integer[200:4000]")});
    EXPECT_FALSE(proven.event(0).body.sequential) << proven.event(0).body.sequential_reason;
    expect_paths_agree(proven);
    CompiledSample reads = compile(text, {token_spec(0, "@@ua", "file", "agents_bad.txt"),
                                          token_spec(1, "(FFFFFFFF)", "random", "integer[200:4000]")});
    EXPECT_TRUE(reads.event(0).body.sequential);
    auto outputs = expect_paths_agree(reads, 3000);
    EXPECT_TRUE(std::any_of(outputs.begin(), outputs.end(), [](const std::string& o) {
        return o.rfind("\"a ", 0) == 0 && o.find("FFFF") == std::string::npos;
    })) << "the bad line's FFFFFFFF replaced in some event";
    // A match that starts in a line and runs on into the next value: lines ending in F,
    // then "-" and a number of one or two digits (the first line, which the proof puts
    // in place, does not end in F).
    dir_.write("agents_a.txt", "A\n" + agents);
    CompiledSample across = compile("@@ua-@@n\n", {token_spec(0, "@@ua", "file", "agents_a.txt"),
                                                   token_spec(1, "@@n", "random", "integer[0:99]"),
                                                   token_spec(2, "F-\\d", "static", "#")});
    EXPECT_TRUE(across.event(0).body.sequential);
    outputs = expect_paths_agree(across);
    EXPECT_TRUE(std::any_of(outputs.begin(), outputs.end(), [](const std::string& o) {
        return o.find('#') != std::string::npos;
    }));
}

TEST_F(EventTemplateTest, AttemptsFromInsideAValueReadOnPastItsEnd) {
    // A GUID holds "c" but no "ci": city= cannot start in it, whatever follows.
    CompiledSample guid = compile("id=@@g city=x\n", {token_spec(0, "@@g", "random", "guid"),
                                                      token_spec(1, "city=(\\w+)", "static", "Y")});
    EXPECT_FALSE(guid.event(0).body.sequential) << guid.event(0).body.sequential_reason;
    expect_paths_agree(guid);
    // Matches that start in the value and end in the text after it; the value the
    // proof puts in place ("0000", "0") does not start one (hex(n) is upper case).
    CompiledSample hex = compile("@@h5x\n", {token_spec(0, "@@h", "random", "hex(4)"),
                                            token_spec(1, "[A-F]5x", "static", "#")});
    EXPECT_TRUE(hex.event(0).body.sequential);
    auto outputs = expect_paths_agree(hex);
    EXPECT_TRUE(std::any_of(outputs.begin(), outputs.end(), [](const std::string& o) { return o.size() == 4; }));
    CompiledSample number = compile("@@n5x\n", {token_spec(0, "@@n", "random", "integer[1:1000]"),
                                               token_spec(1, "\\d\\d5x", "static", "#")});
    EXPECT_TRUE(number.event(0).body.sequential);
    outputs = expect_paths_agree(number);
    EXPECT_TRUE(std::any_of(outputs.begin(), outputs.end(), [](const std::string& o) { return o.back() == '#'; }));
    // Variable width, but its alphabet cannot go on as the regex needs.
    CompiledSample digits = compile("@@n.5 x\n", {token_spec(0, "@@n", "random", "integer[1:1000]"),
                                                 token_spec(1, "5x", "static", "#")});
    EXPECT_FALSE(digits.event(0).body.sequential) << digits.event(0).body.sequential_reason;
    expect_paths_agree(digits);
}

TEST_F(EventTemplateTest, TokensBeforeAnUnprovableOneKeepTheTemplate) {
    // Token 2's lookbehind cannot be proven; tokens 0 and 1 stay in the template, and
    // tokens 2 and 3 read the text it renders (token 3 reads token 2's value).
    CompiledSample sample = compile("u=@@u n=@@n x@@v\n", {token_spec(0, "@@u", "file", "words.txt"),
                                                            token_spec(1, "@@n", "random", "integer[1:20]"),
                                                            token_spec(2, "(?<=x)@@v", "random", "list[\"7\",\"@@w\"]"),
                                                            token_spec(3, "@@w|\\d+", "static", "#")});
    const EventTemplate& tpl = sample.event(0).body;
    EXPECT_TRUE(tpl.sequential);
    EXPECT_EQ(tpl.sequential_from, 2u);
    EXPECT_EQ(sample.sequential_token_passes(), 2u);
    auto outputs = expect_paths_agree(sample);
    EXPECT_EQ(outputs, (std::set<std::string>{"u=alice n=# x#", "u=bob n=# x#"}));
}

TEST_F(EventTemplateTest, PartialTemplateFeedsLaterTokensItsValues) {
    // The unprovable token matches inside a value the template rendered, and the
    // tokens after it see what it replaced: both must read the real text.
    CompiledSample sample = compile("@@a @@b\n", {token_spec(0, "@@a", "file", "words.txt"),
                                                  token_spec(1, "@@b", "random", "list[\"ob\",\"x\"]"),
                                                  token_spec(2, "(?<=b)o", "static", "0"),
                                                  token_spec(3, "\\b\\w", "random", "list[\"Q\",\"R\"]")});
    EXPECT_EQ(sample.event(0).body.sequential_from, 2u) << sample.event(0).body.sequential_reason;
    auto outputs = expect_paths_agree(sample);
    EXPECT_GT(outputs.size(), 4u);
    for (const auto& o : outputs) EXPECT_TRUE(o[0] == 'Q' || o[0] == 'R') << o;
}

TEST_F(EventTemplateTest, LineAnchorsInMultiLineEvents) {
    testing::SampleSetup s;
    s.file_name = "multi";
    s.contents = "EV @@v\nsecond @@v\nthird\n";
    s.settings = {{"breaker", "^EV"}};  // the whole text is one event
    s.tokens = {token_spec(0, "@@v", "random", "list[\"a\\nb\",\"cd\"]"), token_spec(1, "(?m)^\\w", "static", "^"),
                token_spec(2, "\\w$", "static", "$")};
    CompiledSample sample = CompiledSample::compile(testing::make_config(dir_, s));
    EXPECT_EQ(expect_paths_agree(sample),
              (std::set<std::string>{"^V a\n^\n^econd a\n^\n^hir$", "^V cd\n^econd cd\n^hir$"}));
}

// Everything a template says, for comparing two compiles of the same text.
std::string describe(const EventTemplate& t) {
    std::string d = (t.sequential ? "sequential from " + std::to_string(t.sequential_from) + " (" + t.sequential_reason + ")"
                                  : std::string("template")) + " literals=" + t.literals + " active=";
    for (uint16_t a : t.active_tokens) d += std::to_string(a) + ",";
    for (const TemplatePiece& p : t.pieces)
        d += " [" + std::to_string(static_cast<int>(p.kind)) + " " + std::to_string(p.token) + " " +
             std::to_string(p.offset) + " " + std::to_string(p.length) + "]";
    return d;
}

// The region proof keeps the answers of its enumerations (per thread) for the events
// after the first: each event of a warm compile must get the template a compile of
// that event alone gets in a new thread, where nothing is kept yet.
TEST_F(EventTemplateTest, KeptProofAnswersChangeNoTemplate) {
    const TokenSpec number = token_spec(0, "@@n", "random", "integer[1:1000]");
    const TokenSpec hex = token_spec(0, "@@h", "random", "hex(4)");
    const std::vector<std::pair<std::vector<std::string>, std::vector<TokenSpec>>> cases = {
        {{"@@n5x", "@@n.5 x", "a @@n5x b", "@@n5x", "@@n.5 x"}, {number, token_spec(1, "\\d\\d5x", "static", "#")}},
        {{"@@n.5 x", "@@n.5 x", "@@n5x", "z@@n.5 x", "@@n.5 x"}, {number, token_spec(1, "5x", "static", "#")}},
        {{"@@h5x", "x@@h5xy", "@@h5x", "@@h 5x"}, {hex, token_spec(1, "[A-F]5x", "static", "#")}},
        {{"2014-01-04 20:54:01 evt id=@@id seq=@@n", "2014-01-04 20:54:02 evt id=@@id seq=@@n",
          "evt id=@@id seq=@@n 2014-01-04 20:54:03", "2014-01-04 20:54:01 evt id=@@id seq=@@n"},
         {token_spec(0, "@@id", "integerid", "0"), token_spec(1, "@@n", "random", "integer[0:999999]"),
          token_spec(2, "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}", "timestamp", "%Y-%m-%d %H:%M:%S")}},
    };
    for (const auto& [lines, tokens] : cases) {
        std::string contents;
        for (const auto& l : lines) contents += l + "\n";
        std::vector<std::string> warm;
        std::thread([&] {
            CompiledSample all = compile(contents, tokens);
            for (size_t i = 0; i < all.size(); ++i) warm.push_back(describe(all.event(i).body));
        }).join();
        ASSERT_EQ(warm.size(), lines.size());
        for (size_t i = 0; i < lines.size(); ++i) {
            std::string cold;
            std::thread([&] { cold = describe(compile(lines[i] + "\n", tokens).event(0).body); }).join();
            EXPECT_EQ(warm[i], cold) << lines[i];
        }
    }
}

}  // namespace
}  // namespace eventgen
