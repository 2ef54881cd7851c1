#pragma once
// What a generated value can look like, without knowing the value: either a fixed
// width with a set of possible bytes at each position, or a variable width with an
// overall alphabet. Sample compilation uses it to prove that a later token's regex
// sees the same match positions whatever values earlier tokens produce.
#include <algorithm>
#include <string_view>
#include <vector>

#include "common/byte_set.h"

namespace eventgen {

struct ValueShape {
    bool fixed = false;              // every output has exactly positions.size() bytes
    std::vector<ByteSet> positions;  // when fixed: possible bytes at each position
    ByteSet alphabet;                // every byte any output may contain
    size_t min_length = 0;           // shortest possible output

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
    }

    // The shape of "any one of these outputs" (e.g. lines of a file).
    static ValueShape any_of(const std::vector<std::string_view>& outputs) {
        if (outputs.empty()) return exact("");
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
