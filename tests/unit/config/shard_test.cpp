// Shard values (I/N, shard_hosts) and the arithmetic of which sequence numbers fall
// to a shard.
#include "config/shard.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace eventgen {
namespace {

SettingsMap settings(std::initializer_list<std::pair<std::string, std::string>> kv) {
    SettingsMap s;
    s.stanza = "global";
    int line = 1;
    for (const auto& [k, v] : kv)
        s.set(k, Setting{v, ConfLocation{"/apps/x/default/eventgen.conf", ++line, "global", k}});
    return s;
}

TEST(Shard, ParsesIOfNCountedFromZero) {
    std::string why;
    auto s = parse_shard(" 2 / 5 ", why);
    ASSERT_TRUE(s) << why;
    EXPECT_EQ(s->index, 2u);
    EXPECT_EQ(s->count, 5u);
    EXPECT_EQ(s->text(), "2/5");
    EXPECT_TRUE(parse_shard("0/1", why));
    EXPECT_FALSE(parse_shard("0/1", why)->sharded());
}

TEST(Shard, RefusesBadValuesSayingWhy) {
    for (const char* bad : {"0/0", "3/3", "a/b", "-1/2", "1/0", "", "1", "1/2/3", "0x1/2", "1.0/2", "0/1000001"}) {
        std::string why;
        EXPECT_FALSE(parse_shard(bad, why)) << bad;
        EXPECT_NE(why.find("shard"), std::string::npos) << bad;
    }
    std::string why;
    parse_shard("3/3", why);
    EXPECT_NE(why.find("from 0 to 2"), std::string::npos) << why;
}

TEST(Shard, SequenceNumbersFallToExactlyOneShard) {
    for (uint32_t n : {1u, 2u, 3u, 7u}) {
        for (uint64_t base : {0ull, 1ull, 5ull, 1000003ull}) {
            for (uint64_t count : {0ull, 1ull, 2ull, 10ull, 31ull}) {
                uint64_t total = 0;
                for (uint32_t i = 0; i < n; ++i) {
                    Shard s{i, n};
                    uint64_t mine = 0;
                    for (uint64_t q = base; q < base + count; ++q) mine += s.takes(q);
                    EXPECT_EQ(s.share(base, count), mine) << i << "/" << n << " base " << base << " count " << count;
                    if (mine) {
                        EXPECT_TRUE(s.takes(base + s.first_offset(base)));
                        for (uint64_t k = 0; k < s.first_offset(base); ++k) EXPECT_FALSE(s.takes(base + k));
                    }
                    total += mine;
                }
                EXPECT_EQ(total, count);
            }
        }
    }
}

TEST(Shard, HostsTakeTheirPositionIgnoringCaseAndBlanks) {
    std::string why;
    auto s = shard_of_host(" uf-01 , UF-02,uf-03 ", "Uf-02", why);
    ASSERT_TRUE(s) << why;
    EXPECT_EQ(s->text(), "1/3");
    EXPECT_FALSE(shard_of_host("uf-01,uf-02", "uf-09", why));
    EXPECT_NE(why.find("this host (uf-09) is not in shard_hosts (2 hosts)"), std::string::npos) << why;
    EXPECT_FALSE(shard_of_host("uf-01,uf-02,UF-01", "uf-01", why));
    EXPECT_NE(why.find("twice"), std::string::npos) << why;
    EXPECT_FALSE(shard_of_host(" , ", "uf-01", why));
    EXPECT_NE(why.find("empty"), std::string::npos) << why;
}

TEST(Shard, FromSettingsNamesFileLineStanzaAndKey) {
    EXPECT_FALSE(shard_from_settings(settings({}), "h"));
    EXPECT_FALSE(shard_from_settings(settings({{"shard", " "}}), "h"));  // blank: not set
    EXPECT_EQ(shard_from_settings(settings({{"shard", "1/4"}}), "h")->text(), "1/4");
    EXPECT_EQ(shard_from_settings(settings({{"shard_hosts", "a,h,c"}}), "h")->text(), "1/3");
    try {
        shard_from_settings(settings({{"shard", "4/4"}}), "h");
        FAIL() << "4/4 accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("/apps/x/default/eventgen.conf:2: [global] shard"), std::string::npos)
            << e.what();
    }
    try {
        shard_from_settings(settings({{"shard", "0/2"}, {"shard_hosts", "a,b"}}), "a");
        FAIL() << "shard and shard_hosts together accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("both set"), std::string::npos) << e.what();
    }
    try {
        shard_from_settings(settings({{"shard_hosts", "a,b"}}), "z");
        FAIL() << "unlisted host accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find(":2: [global] shard_hosts"), std::string::npos) << e.what();
    }
}

TEST(Shard, CheckAcceptsAFleetThisHostIsNotPartOf) {
    EXPECT_NO_THROW(check_shard_settings(settings({{"shard_hosts", "a,b"}})));
    EXPECT_THROW(check_shard_settings(settings({{"shard_hosts", "a,a"}})), ConfigError);
    EXPECT_THROW(check_shard_settings(settings({{"shard", "1/1"}})), ConfigError);
}

TEST(Shard, LocalHostNameHonoursEventgenHost) {
    ::setenv("EVENTGEN_HOST", "uf-42", 1);
    EXPECT_EQ(local_host_name(), "uf-42");
    ::unsetenv("EVENTGEN_HOST");
    EXPECT_FALSE(local_host_name().empty());
}

}  // namespace
}  // namespace eventgen
