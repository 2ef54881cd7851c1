#include "id_events.h"

#include <gtest/gtest.h>

#include <charconv>

#include "process.h"

namespace eventgen::test {

std::string make_ids_app(const std::string& prefix, const std::string& settings) {
    std::string dir = make_temp_dir(prefix);
    copy_tree(data_dir() + "/e2e/ids", dir);
    write_file(dir + "/default/eventgen.conf", R"([ids]
token.0.token = @@id
token.0.replacementType = integerid
token.0.replacement = 0
token.1.token = @@seq
token.1.replacementType = random
token.1.replacement = integer[0:999999]
)" + settings);
    return dir;
}

void count_id(std::string_view text, std::map<long, int>& counts) {
    long id = -1;
    size_t p = text.find("id=");
    if (p != std::string_view::npos) {
        const char* begin = text.data() + p + 3;
        long parsed = 0;
        auto [end, ec] = std::from_chars(begin, text.data() + text.size(), parsed);
        if (ec == std::errc() && end != begin) id = parsed;
    }
    counts[id]++;
}

std::map<long, int> id_counts_of(const std::vector<std::string>& lines) {
    std::map<long, int> counts;
    for (const auto& line : lines) count_id(line, counts);
    return counts;
}

LostDoubled lost_and_doubled(const std::map<long, int>& counts, long total) {
    LostDoubled r;
    for (const auto& [id, n] : counts) {
        if (id < 0 || id >= total) {
            r.doubled += n;
            continue;
        }
        ++r.distinct;
        r.doubled += n - 1;
    }
    r.lost = total - r.distinct;
    return r;
}

void expect_exactly_once(const std::map<long, int>& counts, long total) {
    EXPECT_EQ(static_cast<long>(counts.size()), total);
    for (const auto& [id, n] : counts) {
        ASSERT_EQ(n, 1) << "id " << id;
        ASSERT_GE(id, 0) << "an event without an id arrived";
        ASSERT_LT(id, total);
    }
}

}  // namespace eventgen::test
