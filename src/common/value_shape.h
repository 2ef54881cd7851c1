#pragma once
// What a generated value can look like, without knowing the value: either a fixed
// width with a set of possible bytes at each position, or a variable width with an
// overall alphabet. Sample compilation uses it to prove that a later token's regex
// sees the same match positions whatever values earlier tokens produce.
#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/byte_set.h"

namespace eventgen {

struct ValueShape {
    bool fixed = false;              // every output has exactly positions.size() bytes
    std::vector<ByteSet> positions;  // when fixed: possible bytes at each position
    ByteSet alphabet;                // every byte any output may contain
    size_t min_length = 0;           // shortest possible output
    // Every possible output, when there are few (at most kMaxChoices distinct ones) and
    // `listed` says so: the sample compiler may then try each of them in turn.
    static constexpr size_t kMaxChoices = 64;
    bool listed = false;
    std::vector<std::string> choices;
    // Every possible output of a value picked from a list (a file's lines), also when
    // there are too many to try each in place: the compiler looks at each one alone.
    // Empty when unknown or more than kMaxEvery.
    static constexpr size_t kMaxEvery = 4096;
    std::vector<std::string> every;

    static ValueShape exact(std::string_view text) {
        ValueShape s;
        s.fixed = true;
        for (unsigned char c : text) {
            ByteSet b;
            b.add(c);
            s.positions.push_back(b);
            s.alphabet.add(c);
        }
        s.min_length = text.size();
        s.listed = true;
        s.choices = {std::string(text)};
        return s;
    }
    static ValueShape of_positions(std::vector<ByteSet> positions) {
        ValueShape s;
        s.fixed = true;
        for (const auto& p : positions) s.alphabet.add(p);
        s.min_length = positions.size();
        s.positions = std::move(positions);
        return s;
    }
    static ValueShape variable(const ByteSet& alphabet, size_t min_length) {
        ValueShape s;
        s.alphabet = alphabet;
        s.min_length = min_length;
        return s;
    }
    static ValueShape unknown() { return variable(ByteSet::all(), 0); }

    // Appends another shape (concatenation of outputs).
    void append(const ValueShape& o) {
        if (fixed && o.fixed) {
            positions.insert(positions.end(), o.positions.begin(), o.positions.end());
        } else {
            fixed = false;
            positions.clear();
        }
        alphabet.add(o.alphabet);
        min_length += o.min_length;
        every.clear();
        if (listed && o.listed && choices.size() * o.choices.size() <= kMaxChoices) {
            std::vector<std::string> joined;
            for (const auto& a : choices)
                for (const auto& b : o.choices) joined.push_back(a + b);
            choices = distinct(std::move(joined));
        } else {
            listed = false;
            choices.clear();
        }
    }

    // Lists `outputs` as the choices when there are few distinct ones.
    void list_choices(const std::vector<std::string_view>& outputs) {
        std::set<std::string_view> seen;
        for (auto o : outputs) {
            seen.insert(o);
            if (seen.size() > kMaxChoices) return;
        }
        listed = true;
        choices.assign(seen.begin(), seen.end());
    }

    static std::vector<std::string> distinct(std::vector<std::string> v) {
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
        return v;
    }

    // The shape of "any one of these outputs" (e.g. lines of a file).
    static ValueShape any_of(const std::vector<std::string_view>& outputs) {
        if (outputs.empty()) return exact("");
        ValueShape s = any_of_unlisted(outputs);
        s.list_choices(outputs);
        if (s.listed) {
            s.every = s.choices;
        } else {
            std::set<std::string_view> seen;
            for (auto o : outputs)
                if (seen.insert(o).second && seen.size() > kMaxEvery) return s;
            s.every.assign(seen.begin(), seen.end());
        }
        return s;
    }

private:
    static ValueShape any_of_unlisted(const std::vector<std::string_view>& outputs) {
        size_t min_len = outputs.front().size();
        bool same_len = true;
        ByteSet alpha;
        for (auto o : outputs) {
            same_len = same_len && o.size() == outputs.front().size();
            min_len = std::min(min_len, o.size());
            alpha.add(ByteSet::of(o));
        }
        if (!same_len) return variable(alpha, min_len);
        std::vector<ByteSet> pos(outputs.front().size());
        for (auto o : outputs)
            for (size_t i = 0; i < o.size(); ++i) pos[i].add(static_cast<unsigned char>(o[i]));
        return of_positions(std::move(pos));
    }
};

}  // namespace eventgen
