#pragma once
// A sample event compiled against its tokens. Tokens apply in order, each to the text
// the previous ones produced; compiling runs every token regex once, over a stand-in
// text in which earlier tokens' values are represented by bytes the regex cannot tell
// apart from any real value (see RegexProfile). When that proof succeeds the event
// is rendered by concatenating literal pieces and token values, with no regex work
// per event. When it fails at token k, the template still covers tokens 0..k-1 (they
// were proven on their own) and tokens k.. apply one by one to the text it renders.
#include <cstdint>
#include <string>
#include <vector>

#include "tokens/token.h"

namespace eventgen {

// Pieces and cells name a token in 16 bits; a sample with more tokens is sequential.
inline constexpr size_t kMaxTemplateTokens = 0xFFFF;

struct TemplatePiece {
    // Original: a slice of the event text; Literal: constant text (static tokens).
    enum class Kind : uint8_t { Original, Literal, Value, ValuePart };
    Kind kind = Kind::Literal;
    // Value / ValuePart, for rendering straight into the batch: kWrites on the piece
    // that first places its token (the others copy the value from there), plus
    // kCopiedLater when another piece does. Original / Literal, for the same: kCopy16
    // or kCopy32 when the piece fits a copy of that many bytes and its text has that
    // many from the piece's start (a fixed-size copy). Set by CompiledSample; fits
    // the padding.
    enum : uint8_t { kWrites = 1, kCopiedLater = 2, kCopy16 = 4, kCopy32 = 8 };
    uint8_t placement = 0;
    uint16_t token = 0;   // Value / ValuePart: index into TokenSet::tokens
    // Original: into EventTemplate::original; Literal: into EventTemplate::literals;
    // ValuePart: into the value.
    uint32_t offset = 0;
    uint32_t length = 0;
};

static_assert(sizeof(TemplatePiece) == 12, "a large sample holds ~10 pieces per event");

struct EventTemplate {
    std::string original;               // the event text before any token
    bool sequential = false;            // proof failed: apply tokens one by one per event
    // When sequential: the first token applied one by one. The pieces render the text
    // tokens before it produce (none when 0: the sequential path starts from `original`).
    uint16_t sequential_from = 0;
    std::string sequential_reason;
    std::vector<uint16_t> active_tokens;  // tokens that produce a value, in order
    std::vector<TemplatePiece> pieces;
    std::string literals;  // constant text only: the event's own text stays in `original`
};

// Compiles `text` against `tokens`.
EventTemplate compile_event_template(const std::string& text, const std::vector<Token>& tokens);
// Same, with the tokens' value shapes computed once by the caller (one per token).
EventTemplate compile_event_template(const std::string& text, const std::vector<Token>& tokens,
                                     const std::vector<ValueShape>& shapes);

}  // namespace eventgen
