#include "samples/region_proof.h"

#include <optional>
#include <string>
#include <unordered_map>

#include "regex/char_sets.h"

namespace eventgen {
namespace {

// Cells no stand-in byte represents, taken a whole value occurrence at a time.
struct Region {
    size_t first = 0, last = 0;  // cells [first, last)
    size_t a = 0, b = 0;         // bytes [a, b) of the instance text
    bool listed = false;         // every possible content is in `options` (none empty)
    std::vector<std::string> options;
    std::vector<std::string> every;  // not listed, one value: each content it may hold, when known
    ByteSet bytes;               // every byte the region may hold
    bool never_empty = false;
};

bool continues(const Cell& prev, const Cell& c) {
    return c.kind == Cell::Kind::Position && prev.kind == Cell::Kind::Position && prev.token == c.token &&
           c.pos == prev.pos + 1;
}

// The end of the value occurrence that starts at cell i.
size_t occurrence_end(const std::vector<Cell>& cells, size_t i) {
    size_t j = i + 1;
    while (j < cells.size() && continues(cells[j - 1], cells[j])) ++j;
    return j;
}

// Every content of the occurrence cells [first, last), when its token lists them (or,
// with `every`, knows them however many there are).
bool occurrence_choices(const std::vector<Cell>& cells, size_t first, size_t last,
                        const std::vector<ValueShape>& shapes, std::vector<std::string>& out, bool every = false) {
    const Cell& c = cells[first];
    const ValueShape& shape = shapes[c.token];
    const std::vector<std::string>& all = every ? shape.every : shape.choices;
    out.clear();
    if (every ? all.empty() : !shape.listed) return false;
    if (c.kind == Cell::Kind::Opaque) {
        out = all;
    } else {
        for (const auto& choice : all) out.push_back(choice.substr(c.pos, last - first));
        out = ValueShape::distinct(std::move(out));
    }
    return true;
}

std::vector<Region> find_regions(const std::vector<Cell>& cells, const std::vector<int>& stand_in,
                                 const std::vector<ValueShape>& shapes) {
    // A value is one region or none: a cut inside a multi-byte character would not be text.
    std::vector<bool> unsafe(cells.size(), false);
    for (size_t i = 0; i < cells.size();) {
        if (cells[i].kind == Cell::Kind::Literal) {
            ++i;
            continue;
        }
        const size_t end = occurrence_end(cells, i);
        bool any = false;
        for (size_t j = i; j < end; ++j) any = any || stand_in[j] < 0;
        for (size_t j = i; j < end; ++j) unsafe[j] = any;
        i = end;
    }
    std::vector<Region> regions;
    for (size_t i = 0; i < cells.size();) {
        if (!unsafe[i]) {
            ++i;
            continue;
        }
        Region r;
        r.first = i;
        r.listed = true;
        r.options = {""};
        size_t occurrences = 0;
        while (i < cells.size() && unsafe[i]) {
            ++occurrences;
            const size_t end = occurrence_end(cells, i);
            const Cell& c = cells[i];
            for (size_t j = i; j < end; ++j) r.bytes.add(cell_bytes(cells[j], shapes));
            r.never_empty = r.never_empty || c.kind == Cell::Kind::Position || shapes[c.token].min_length > 0;
            std::vector<std::string> choices;
            if (r.listed && occurrence_choices(cells, i, end, shapes, choices) &&
                r.options.size() * choices.size() <= ValueShape::kMaxChoices) {
                std::vector<std::string> joined;
                for (const auto& x : r.options)
                    for (const auto& y : choices) joined.push_back(x + y);
                r.options = ValueShape::distinct(std::move(joined));
            } else {
                r.listed = false;
                r.options.clear();
            }
            i = end;
        }
        r.last = i;
        for (const auto& o : r.options) r.listed = r.listed && !o.empty();
        if (!r.listed && occurrences == 1) occurrence_choices(cells, r.first, r.last, shapes, r.every, true);
        regions.push_back(std::move(r));
    }
    return regions;
}

// Any byte of `set`, ASCII when it has one.
char some_byte(const ByteSet& set) {
    const int ascii = (set & char_sets::ascii()).first();
    return static_cast<char>(ascii >= 0 ? ascii : set.empty() ? 'x' : set.first());
}

class RegionProof {
public:
    RegionProof(const std::vector<Cell>& cells, const std::vector<int>& stand_in, const Token& token,
                const std::vector<ValueShape>& shapes)
        : cells_(cells), token_(token), shapes_(shapes), regions_(find_regions(cells, stand_in, shapes)) {
        build_instance(stand_in, shapes);
    }

    bool run(std::vector<Match>& matches, std::string& why) {
        size_t covered = 0;  // every match attempt from an earlier start is accounted for
        for (size_t k = 0; k < regions_.size(); ++k) {
            const Region& r = regions_[k];
            const size_t next = k + 1 < regions_.size() ? regions_[k + 1].a : text_.size();
            if (unreachable(r, covered, next)) {
                covered = r.b;
            } else if (size_t stop = 0; same_for_every_content(r, covered, next, stop)) {
                covered = stop;
            } else {
                why = "may read an earlier token's value (bytes " + std::to_string(r.a) + " to " +
                      std::to_string(r.b) + " of the event as the token sees it)";
                return false;
            }
        }
        // Every event has the matches of this one instance.
        std::vector<Match> found;
        token_.regex.find_all(text_, found);
        matches.clear();
        for (const Match& m : found) {
            Match c;
            if (!map_match(m, [&](size_t o) { return cell_at_[o]; }, c)) {
                why = "matches inside an earlier token's value";
                return false;
            }
            for (const Region& r : regions_)
                if (replaces(c, r)) {
                    why = "replaces part of an earlier token's value";
                    return false;
                }
            matches.push_back(c);
        }
        return true;
    }

private:
    static constexpr long kInside = -1;
    static constexpr size_t kMaxProbes = 4096;  // per region: a few per month name or digit
    static constexpr size_t kMaxDepth = 64;     // bytes of a value an attempt may read
    static constexpr size_t kMaxKeptAnswers = 4096;  // no_match_starts_inside's, per thread

    void build_instance(const std::vector<int>& stand_in, const std::vector<ValueShape>& shapes) {
        size_t k = 0;
        for (size_t i = 0; i < cells_.size();) {
            if (k < regions_.size() && regions_[k].first == i) {
                Region& r = regions_[k++];
                r.a = text_.size();
                std::string content;
                if (r.listed) {
                    content = r.options.front();
                } else if (!r.every.empty() && !r.every.front().empty()) {
                    content = r.every.front();  // a real value: no_match_starts_inside covers it
                } else {
                    for (size_t j = r.first; j < r.last; ++j) content.push_back(some_byte(cell_bytes(cells_[j], shapes)));
                }
                text_ += content;
                cell_at_.push_back(static_cast<long>(r.first));
                cell_at_.insert(cell_at_.end(), content.size() - 1, kInside);
                r.b = text_.size();
                i = r.last;
                continue;
            }
            cell_at_.push_back(static_cast<long>(i));
            text_.push_back(static_cast<char>(stand_in[i]));
            ++i;
        }
        cell_at_.push_back(static_cast<long>(cells_.size()));
    }

    // No match attempt from `covered` on reaches r, and no match starts inside it; what
    // follows cannot tell its bytes apart when it looks back.
    bool unreachable(const Region& r, size_t covered, size_t next) const {
        ByteSet first;
        if (!r.never_empty) return false;
        if (!token_.regex.first_bytes(first)) first = ByteSet::all();  // any byte may start one (UCP \s)
        if (first.intersects(r.bytes) && !no_match_starts_inside(r, next, first)) return false;
        const RegexProfile& p = token_.profile;
        if (p.has_line_anchors && r.bytes.contains('\n')) return false;
        if (p.has_word_boundary) {
            const ByteSet word = char_sets::word();
            if (!r.bytes.subset_of(char_sets::ascii())) return false;
            if (!r.bytes.subset_of(word) && r.bytes.intersects(word)) return false;
        }
        const std::string_view before(text_.data(), r.a);
        Match m;
        // An attempt from r.a itself starts inside r: ruled out above.
        for (size_t s = covered; s < before.size();) {
            Regex::Probe got = token_.regex.probe(before, s, m);
            if (got == Regex::Probe::Partial) return false;
            if (got == Regex::Probe::None) break;
            s = std::max(m.end, s + 1);
        }
        return true;
    }

    // No match starts inside r whatever it holds (attempts read on into `tail`, the text
    // up to the next region, and must end there): each content it may hold, probed with
    // hard partial matching (the first attempt that matches or runs into the end starts
    // after it); or, for fixed-width ASCII values, every byte string its
    // cells allow, grown a cell at a time while PCRE2 (anchored) still sees a possible
    // match; or, for one ASCII value of varying width, every string over its alphabet so
    // grown, each also followed by the tail (the value may end anywhere). Without
    // boundaries and line anchors an attempt reads nothing before its start, so the text
    // before r cannot matter.
    bool no_match_starts_inside(const Region& r, size_t next, const ByteSet& first) const {
        const RegexProfile& p = token_.profile;
        if (p.has_word_boundary || p.has_line_anchors) return false;
        const std::vector<std::string>& known = r.listed ? r.options : r.every;
        Match m;
        if (!known.empty()) {
            const std::string_view tail(text_.data() + r.b, next - r.b);
            std::string subject;
            for (const auto& v : known) {
                subject.assign(v).append(tail);
                const Regex::Probe got = token_.regex.probe(subject, 0, m);
                if (got != Regex::Probe::None && m.start < v.size()) return false;  // one from inside v
            }
            return true;
        }
        const ByteSet ascii = char_sets::ascii();
        size_t budget = kMaxProbes;
        std::string prefix;
        const Cell& c = cells_[r.first];
        const std::string_view tail(text_.data() + r.b, next - r.b);
        const bool opaque = r.last == r.first + 1 && c.kind == Cell::Kind::Opaque;
        if (opaque && !shapes_[c.token].alphabet.subset_of(ascii)) return false;
        if (!opaque)
            for (size_t j = r.first; j < r.last; ++j)
                if (cells_[j].kind != Cell::Kind::Position || !cell_bytes(cells_[j], shapes_).subset_of(ascii))
                    return false;
        // The enumeration depends only on the regex, the region's byte sets and the tail,
        // which the events of a sample often share (a value in the same place of each
        // line): its answers are kept, a bounded number per thread.
        thread_local std::unordered_map<std::string, bool> answers;
        std::string key = token_.regex.pattern();
        key.push_back('\0');
        key.push_back(opaque ? 'o' : 'p');
        auto add_set = [&key](const ByteSet& set) {
            char bits[16] = {};  // ASCII only, checked above
            for (int b = 0; b < 0x80; ++b)
                if (set.contains(static_cast<unsigned char>(b))) bits[b / 8] = static_cast<char>(bits[b / 8] | (1 << (b % 8)));
            key.append(bits, sizeof bits);
        };
        if (opaque) {
            add_set(shapes_[c.token].alphabet);
        } else {
            for (size_t j = r.first; j < r.last; ++j) add_set(cell_bytes(cells_[j], shapes_));
        }
        key.append(tail);
        if (auto known_answer = answers.find(key); known_answer != answers.end()) return known_answer->second;
        bool answer = true;
        if (opaque) {
            answer = no_match_in_any_string(shapes_[c.token].alphabet, tail, first, prefix, budget);
        } else {
            for (size_t j = r.first; j < r.last && answer; ++j)
                answer = no_match_from(r, j, j, first, tail, prefix, budget);
        }
        if (answers.size() >= kMaxKeptAnswers) answers.clear();
        answers.emplace(std::move(key), answer);
        return answer;
    }

    // Every string `prefix` + one byte of cell j (a first byte when j == start) ends
    // any attempt from `start` inside r without a match, also when it reads on into
    // `tail` past r's end.
    bool no_match_from(const Region& r, size_t start, size_t j, const ByteSet& first, std::string_view tail,
                       std::string& prefix, size_t& budget) const {
        ByteSet set = cell_bytes(cells_[j], shapes_);
        for (int b = 0; b < 0x80; ++b) {
            const unsigned char c = static_cast<unsigned char>(b);
            if (!set.contains(c) || (j == start && !first.contains(c))) continue;
            if (budget-- == 0) return false;
            prefix.push_back(static_cast<char>(c));
            Match m;
            const Regex::Probe got = token_.regex.probe(prefix, 0, m, true);
            bool ok = got == Regex::Probe::None;
            if (got == Regex::Probe::Partial && j + 1 < r.last) {
                ok = no_match_from(r, start, j + 1, first, tail, prefix, budget);
            } else if (got == Regex::Probe::Partial) {
                std::string ended = prefix;
                ended.append(tail);
                ok = token_.regex.probe(ended, 0, m, true) == Regex::Probe::None;
            }
            prefix.pop_back();
            if (!ok) return false;
        }
        return true;
    }

    // Every string `prefix` + one byte of `alphabet` (a first byte to begin with) ends an
    // attempt without a match, and so does it followed by `tail`.
    bool no_match_in_any_string(const ByteSet& alphabet, std::string_view tail, const ByteSet& first,
                                std::string& prefix, size_t& budget) const {
        if (prefix.size() >= kMaxDepth) return false;
        Match m;
        for (int b = 0; b < 0x80; ++b) {
            const unsigned char c = static_cast<unsigned char>(b);
            if (!alphabet.contains(c) || (prefix.empty() && !first.contains(c))) continue;
            if (budget < 2) return false;
            budget -= 2;
            prefix.push_back(static_cast<char>(c));
            bool ok = true;
            const Regex::Probe got = token_.regex.probe(prefix, 0, m, true);
            if (got != Regex::Probe::None) {
                // Still possible here: the value may end now, or go on.
                std::string ended = prefix;
                ended.append(tail);
                ok = got == Regex::Probe::Partial && token_.regex.probe(ended, 0, m, true) == Regex::Probe::None;
            }
            ok = ok && (got == Regex::Probe::None || no_match_in_any_string(alphabet, tail, first, prefix, budget));
            prefix.pop_back();
            if (!ok) return false;
        }
        return true;
    }

    // Each possible content of r in turn, matched from `covered` up to the next region:
    // the matches are the same every time, and an attempt that runs into that region
    // starts after r, where no content can change it: `stop` (the text's offset) says
    // where the attempts not yet accounted for begin. A value known line by line
    // (r.every) is tried the same way, each line in place.
    bool same_for_every_content(const Region& r, size_t covered, size_t next, size_t& stop) const {
        stop = next;
        const std::vector<std::string>& contents = r.listed ? r.options : r.every;
        if (contents.empty()) return false;
        for (const auto& v : contents)
            if (v.empty()) return false;  // the instance maps each content's first byte to r.first
        std::vector<Match> expected;
        for (size_t n = 0; n < contents.size(); ++n) {
            const std::string& v = contents[n];
            std::string subject = text_.substr(0, r.a) + v + text_.substr(r.b, next - r.b);
            auto cell_of = [&](size_t o) -> long {
                if (o < r.a) return cell_at_[o];
                if (o == r.a) return static_cast<long>(r.first);
                if (o < r.a + v.size()) return kInside;
                return cell_at_[o - v.size() + (r.b - r.a)];
            };
            std::vector<Match> got;
            Match m;
            for (size_t s = covered; s <= subject.size();) {
                Regex::Probe p = token_.regex.probe(subject, s, m);
                if (p == Regex::Probe::Partial) {
                    if (m.start < r.a + v.size()) return false;
                    const size_t at = m.start - v.size() + (r.b - r.a);
                    if (n > 0 && at != stop) return false;
                    stop = at;
                    break;
                }
                if (p == Regex::Probe::None) break;
                Match c;
                if (!map_match(m, cell_of, c) || replaces(c, r)) return false;
                got.push_back(c);
                s = std::max(m.end, s + 1);
            }
            if (n == 0) {
                expected = std::move(got);
            } else if (!same(expected, got)) {
                return false;
            }
        }
        return true;
    }

    template <typename CellOf>
    static bool map_match(const Match& m, CellOf cell_of, Match& out) {
        const long s = cell_of(m.start), e = cell_of(m.end);
        if (s < 0 || e < 0) return false;
        out = Match{static_cast<size_t>(s), static_cast<size_t>(e), m.has_group1, 0, 0};
        if (m.has_group1) {
            const long gs = cell_of(m.g1_start), ge = cell_of(m.g1_end);
            if (gs < 0 || ge < 0) return false;
            out.g1_start = static_cast<size_t>(gs);
            out.g1_end = static_cast<size_t>(ge);
        }
        return true;
    }

    static bool replaces(const Match& c, const Region& r) {
        return c.replace_start() < c.replace_end() && c.replace_start() < r.last && c.replace_end() > r.first;
    }

    static bool same(const std::vector<Match>& x, const std::vector<Match>& y) {
        if (x.size() != y.size()) return false;
        for (size_t i = 0; i < x.size(); ++i) {
            const Match &a = x[i], &b = y[i];
            if (a.start != b.start || a.end != b.end || a.has_group1 != b.has_group1 || a.g1_start != b.g1_start ||
                a.g1_end != b.g1_end)
                return false;
        }
        return true;
    }

    const std::vector<Cell>& cells_;
    const Token& token_;
    const std::vector<ValueShape>& shapes_;
    std::vector<Region> regions_;
    std::string text_;        // one instance of the event as the token sees it
    std::vector<long> cell_at_;  // per byte offset of text_ (and its end): the cell starting there, or kInside
};

}  // namespace

bool prove_by_regions(const std::vector<Cell>& cells, const std::vector<int>& stand_in, const Token& token,
                      const std::vector<ValueShape>& shapes, std::vector<Match>& matches, std::string& why) {
    try {
        return RegionProof(cells, stand_in, token, shapes).run(matches, why);
    } catch (const RegexMatchError&) {
        why = "reached PCRE2's match limit while being proven";
        return false;
    }
}

}  // namespace eventgen
