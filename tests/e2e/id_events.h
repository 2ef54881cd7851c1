#pragma once
// Events that carry a unique id, for tests that count what arrived: an app whose one
// sample [ids] writes "evt id=<integerid> seq=<random>" lines, and checks that every
// id 0..total-1 arrived exactly once. Shared by the e2e and fault tests.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace eventgen::test {

// A fresh temp app (folder prefix `prefix`) with the [ids] stanza: the two tokens
// followed by `settings` (output, count, metadata...).
std::string make_ids_app(const std::string& prefix, const std::string& settings);

// Adds the id in `text` ("... id=N ...") to `counts`; text without one counts under -1.
void count_id(std::string_view text, std::map<long, int>& counts);
std::map<long, int> id_counts_of(const std::vector<std::string>& lines);

struct LostDoubled {
    long lost = 0, doubled = 0, distinct = 0;
};
// Against ids 0..total-1; anything outside that range counts as doubled.
LostDoubled lost_and_doubled(const std::map<long, int>& counts, long total);
// gtest assertions: ids 0..total-1, each exactly once, nothing else.
void expect_exactly_once(const std::map<long, int>& counts, long total);

}  // namespace eventgen::test
