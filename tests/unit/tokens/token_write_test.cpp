// write() against produce(): for every token that writes in place, the same bytes
// within max_size() (and its slack), and the same random draws.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "../temp_dir.h"
#include "token_test_util.h"

namespace eventgen {
namespace {

// Produces and writes the token's value for many events; both from the same state.
void expect_write_matches_produce(TokenSet& set, const TimeZone& zone) {
    Token& token = set.tokens.at(0);
    const size_t room = token.value->max_size();
    ASSERT_GT(room, 0u) << token.spec.type << " " << token.spec.replacement;
    for (uint64_t seed = 0; seed < 3000; ++seed) {
        EventContext a, b;
        for (EventContext* ctx : {&a, &b}) {
            ctx->rng.reseed(seed * 2654435761ULL + 1);
            ctx->zone = &zone;
            // Times over several years, some before 1970, with microseconds.
            ctx->time = ctx->latest = static_cast<TimeUs>(seed * 37'123'456'789ULL) - 20'000'000'000'000LL;
            ctx->sequence = seed * 977;
            ctx->rated_factor = 0.5 + static_cast<double>(seed % 7) / 3;
            ctx->file_rows.assign(set.file_count, -1);
        }
        std::string produced;
        token.value->produce(a, produced);
        std::string buffer(room + TokenValue::kWriteSlack + 8, '#');
        char* end = token.value->write(b, buffer.data());
        const size_t written = static_cast<size_t>(end - buffer.data());
        ASSERT_LE(written, room) << token.spec.replacement;
        EXPECT_EQ(buffer.substr(0, written), produced) << token.spec.type << " " << token.spec.replacement;
        EXPECT_EQ(buffer.substr(room + TokenValue::kWriteSlack), std::string(8, '#')) << "wrote past the slack";
        EXPECT_EQ(a.rng.next(), b.rng.next()) << "different draws: " << token.spec.replacement;
    }
}

TEST(TokenWrite, RandomIntegerIpv4ListAndIntegerIdWriteWhatTheyProduce) {
    for (const auto& [type, replacement] : std::vector<std::pair<std::string, std::string>>{
             {"random", "integer[0:9]"},
             {"random", "integer[-5:5]"},
             {"random", "integer[200:4000]"},
             {"random", "integer[-9223372036854775808:9223372036854775807]"},
             // A span of 3 * 2^62: below() rejects and draws again about once in four.
             {"random", "integer[-4611686018427387904:9223372036854775807]"},
             {"random", "integer[-9223372036854775808:-1]"},
             {"random", "integer[7:7]"},  // one value: no draw
             {"rated", "integer[1:100000]"},
             {"random", "ipv4"},
             {"random", "list[\"GET\", \"POST\", \"\", \"DELETE\"]"},
             {"static", "a static value"},
             {"integerid", "-12"},
         }) {
        TokenSet set = testing::one_token(type, replacement);
        expect_write_matches_produce(set, TimeZone::utc());
    }
}

TEST(TokenWrite, TimestampsWriteWhatTheyAppendInEveryZone) {
    for (const char* format : {"%Y-%m-%d %H:%M:%S", "%H:%M:%S", "%d/%b/%Y:%H:%M:%S.%f %z", "%s.%f", "%A %B %e %-d %p",
                               "%c %j %U %W %V %G %g %k %l %I %u %w %y %C %%", "%-S %S", "%_S", "literal only"}) {
        TokenSet set = testing::one_token("timestamp", format);
        for (const TimeZone& zone : {TimeZone::utc(), TimeZone::fixed(-3 * 3600 - 1800), TimeZone::fixed(5 * 3600 + 7)})
            expect_write_matches_produce(set, zone);
    }
}

TEST(TokenWrite, ZoneNamesAreNotBounded) {
    TokenSet set = testing::one_token("timestamp", "%H:%M %Z");
    EXPECT_EQ(set.tokens[0].value->max_size(), 0u);
}

TEST(TokenWrite, FileLinesAndColumnsWriteWhatTheyProduce) {
    testing::TempDir dir;
    dir.write("lines.txt", "short\na much longer line of text\n\nmid length\n");
    dir.write("table.csv", "1,alpha\n22,beta gamma\n333,\n");
    for (const auto& [type, replacement] : std::vector<std::pair<std::string, std::string>>{
             {"file", "lines.txt"}, {"seqfile", "lines.txt"}, {"mvfile", "table.csv:2"}, {"mvfile", "table.csv:1"}}) {
        TokenSet set = testing::one_token(type, replacement, dir.path().string());
        expect_write_matches_produce(set, TimeZone::utc());
    }
}

}  // namespace
}  // namespace eventgen
