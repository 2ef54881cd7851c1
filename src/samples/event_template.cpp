#include "samples/event_template.h"

#include <algorithm>
#include <optional>

#include "regex/char_sets.h"
#include "samples/region_proof.h"
#include "samples/template_cells.h"

namespace eventgen {

namespace {

// Bytes that may belong to a word character for \b; non-ASCII letters count in UCP mode.
const ByteSet& word_bytes() {
    static const ByteSet w = char_sets::word() | ByteSet::non_ascii();
    return w;
}

// Whether `bytes` may safely be replaced by the regex's sentinel: no element can
// consume them, and anchors/boundaries cannot see the difference.
bool sentinel_ok(const RegexProfile& p, const ByteSet& bytes, int sentinel_byte) {
    if (sentinel_byte < 0 || bytes.intersects(p.alphabet())) return false;
    if (p.has_word_boundary && bytes.intersects(word_bytes())) return false;
    if (p.has_line_anchors && bytes.contains('\n')) return false;
    return true;
}

// Cells no match can cover for any token values: a match starts with one of the
// regex's first bytes and consumes every cell up to its end, so a cell is out of
// reach when no possible start lies before it without a cell the regex cannot consume
// in between. Empty when PCRE2 knows no first bytes.
std::vector<bool> reachable_cells(const std::vector<Cell>& cells, const Token& token,
                                  const std::vector<ValueShape>& shapes) {
    ByteSet first;
    if (!token.regex.first_bytes(first)) return std::vector<bool>(cells.size(), true);
    const ByteSet alpha = token.profile.alphabet();
    std::vector<bool> reach(cells.size());
    bool open = false;
    for (size_t i = 0; i < cells.size(); ++i) {
        ByteSet b = cell_bytes(cells[i], shapes);
        bool consumable = b.intersects(alpha);
        open = consumable && (open || b.intersects(first));
        reach[i] = open;
    }
    return reach;
}

// Whether an unreachable cell may take any of its bytes in the stand-in: boundaries
// and anchors next to it must not see a difference either.
int unreachable_stand_in(const RegexProfile& p, const ByteSet& bytes) {
    // A non-ASCII byte may belong to a word character (é) or not (no-break space), so
    // with boundaries no ASCII byte can stand in for it.
    if (p.has_word_boundary && bytes.intersects(ByteSet::non_ascii())) return -1;
    if (p.has_word_boundary && bytes.intersects(word_bytes()) && !bytes.subset_of(word_bytes())) return -1;
    if (p.has_line_anchors && bytes.contains('\n')) return -1;
    return (bytes & char_sets::ascii()).first();
}

// The stand-in byte for each cell of `token`'s subject, or -1 where no byte can stand
// in for every value the cell may hold (the region proof decides those).
std::vector<int> stand_in_bytes(const std::vector<Cell>& cells, const Token& token,
                                const std::vector<ValueShape>& shapes) {
    const RegexProfile& p = token.profile;
    const int sent = sentinel(p);
    std::vector<bool> reach;  // computed on first need
    auto unreachable = [&](size_t i) {
        if (reach.empty()) reach = reachable_cells(cells, token, shapes);
        return !reach[i];
    };
    std::vector<int> out(cells.size(), -1);
    for (size_t i = 0; i < cells.size(); ++i) {
        const Cell& c = cells[i];
        int rep = -1;
        switch (c.kind) {
            case Cell::Kind::Literal:
                rep = c.byte;
                break;
            case Cell::Kind::Position: {
                const ByteSet& set = shapes[c.token].positions[c.pos];
                rep = set.subset_of(char_sets::ascii()) ? representative(p, set) : -1;
                if (rep < 0 && sentinel_ok(p, set, sent)) rep = sent;
                if (rep < 0 && unreachable(i)) rep = unreachable_stand_in(p, set);
                break;
            }
            case Cell::Kind::Opaque: {
                // A value of varying length: no match may touch it.
                const ValueShape& shape = shapes[c.token];
                if (shape.min_length == 0) break;
                rep = sentinel_ok(p, shape.alphabet, sent) ? sent : -1;
                if (rep < 0 && unreachable(i)) rep = unreachable_stand_in(p, shape.alphabet);
                break;
            }
        }
        out[i] = rep;
    }
    return out;
}

bool all_literal(const std::vector<Cell>& cells) {
    for (const Cell& c : cells)
        if (c.kind != Cell::Kind::Literal) return false;
    return true;
}

void append_value_cells(std::vector<Cell>& out, uint16_t t, const Token& token, const ValueShape& shape) {
    if (const std::string* constant = token.value->constant()) {
        for (unsigned char b : *constant) out.push_back(Cell{Cell::Kind::Literal, b, 0, 0});
    } else if (shape.fixed) {
        for (uint32_t i = 0; i < shape.positions.size(); ++i)
            out.push_back(Cell{Cell::Kind::Position, 0, t, i});
    } else {
        out.push_back(Cell{Cell::Kind::Opaque, 0, t, 0});
    }
}

void emit_pieces(const std::vector<Cell>& cells, const std::vector<ValueShape>& shapes, EventTemplate& tpl) {
    size_t i = 0;
    while (i < cells.size()) {
        const Cell& c = cells[i];
        if (c.kind == Cell::Kind::Literal && c.pos > 0) {
            // A run of the event's own text: referenced, not copied (large samples).
            size_t j = i + 1;
            while (j < cells.size() && cells[j].kind == Cell::Kind::Literal && cells[j].pos == cells[j - 1].pos + 1) ++j;
            tpl.pieces.push_back(TemplatePiece{.kind = TemplatePiece::Kind::Original, .offset = c.pos - 1, .length = static_cast<uint32_t>(j - i)});
            i = j;
        } else if (c.kind == Cell::Kind::Literal) {
            size_t start = tpl.literals.size();
            while (i < cells.size() && cells[i].kind == Cell::Kind::Literal && cells[i].pos == 0)
                tpl.literals.push_back(static_cast<char>(cells[i++].byte));
            tpl.pieces.push_back(TemplatePiece{.kind = TemplatePiece::Kind::Literal,
                                               .offset = static_cast<uint32_t>(start),
                                               .length = static_cast<uint32_t>(tpl.literals.size() - start)});
        } else if (c.kind == Cell::Kind::Opaque) {
            tpl.pieces.push_back(TemplatePiece{.kind = TemplatePiece::Kind::Value, .token = c.token});
            ++i;
        } else {
            // A run of consecutive positions of one fixed-width value.
            size_t j = i + 1;
            while (j < cells.size() && cells[j].kind == Cell::Kind::Position && cells[j].token == c.token &&
                   cells[j].pos == cells[j - 1].pos + 1)
                ++j;
            uint32_t len = static_cast<uint32_t>(j - i);
            bool whole = c.pos == 0 && len == shapes[c.token].positions.size();
            tpl.pieces.push_back(TemplatePiece{.kind = whole ? TemplatePiece::Kind::Value : TemplatePiece::Kind::ValuePart,
                                               .token = c.token, .offset = c.pos, .length = len});
            i = j;
        }
    }
}

}  // namespace

EventTemplate compile_event_template(const std::string& text, const std::vector<Token>& tokens) {
    std::vector<ValueShape> shapes;
    shapes.reserve(tokens.size());
    for (const auto& t : tokens) shapes.push_back(t.value->shape());
    return compile_event_template(text, tokens, shapes);
}

EventTemplate compile_event_template(const std::string& text, const std::vector<Token>& tokens,
                                     const std::vector<ValueShape>& shapes) {
    EventTemplate tpl;
    tpl.original = text;
    // Cells and pieces name a token in 16 bits: a sample with more tokens is applied
    // one token after another (the loop index wrapped before, so it never ended).
    if (tokens.size() > kMaxTemplateTokens) {
        tpl.sequential = true;
        tpl.sequential_reason = std::to_string(tokens.size()) + " tokens, more than a template covers (" +
                                std::to_string(kMaxTemplateTokens) + ")";
        return tpl;
    }

    std::vector<Cell> cells;
    cells.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i)
        cells.push_back(Cell{Cell::Kind::Literal, static_cast<unsigned char>(text[i]), 0, static_cast<uint32_t>(i + 1)});

    std::vector<Match> matches;
    for (size_t ti = 0; ti < tokens.size(); ++ti) {
        const uint16_t t = static_cast<uint16_t>(ti);
        const Token& token = tokens[t];
        std::string subject;
        if (all_literal(cells)) {
            subject.reserve(cells.size());
            for (const Cell& c : cells) subject.push_back(static_cast<char>(c.byte));
            token.regex.find_all(subject, matches);
        } else {
            bool proven = false;
            const std::string name = "token " + std::to_string(token.spec.index);
            if (!token.profile.analyzable) {
                tpl.sequential_reason = name + " regex: " + token.profile.reason;
            } else if (token.regex.min_match_length() == 0) {
                tpl.sequential_reason = name + " regex can match empty text";
            } else {
                std::vector<int> stand_in = stand_in_bytes(cells, token, shapes);
                if (std::find(stand_in.begin(), stand_in.end(), -1) == stand_in.end()) {
                    // One text stands for every event: cells and bytes correspond one to one.
                    subject.reserve(cells.size());
                    for (int b : stand_in) subject.push_back(static_cast<char>(b));
                    token.regex.find_all(subject, matches);
                    proven = true;
                } else {
                    std::string why;
                    proven = prove_by_regions(cells, stand_in, token, shapes, matches, why);
                    if (!proven) tpl.sequential_reason = name + " regex " + why;
                }
            }
            if (!proven) {
                // Tokens before this one keep the template (cells hold what they made:
                // a proof is only needed once a value is in the text, so t > 0); this
                // one and every later one read the real text, one by one.
                tpl.sequential = true;
                tpl.sequential_from = t;
                break;
            }
        }
        if (matches.empty()) continue;
        if (!token.value->constant()) tpl.active_tokens.push_back(t);
        std::vector<Cell> next;
        next.reserve(cells.size());
        size_t copied = 0;
        for (const Match& m : matches) {
            next.insert(next.end(), cells.begin() + copied, cells.begin() + m.replace_start());
            append_value_cells(next, t, token, shapes[t]);
            copied = m.replace_end();
        }
        next.insert(next.end(), cells.begin() + copied, cells.end());
        cells.swap(next);
    }
    emit_pieces(cells, shapes, tpl);
    tpl.pieces.shrink_to_fit();
    tpl.active_tokens.shrink_to_fit();
    return tpl;
}

}  // namespace eventgen
