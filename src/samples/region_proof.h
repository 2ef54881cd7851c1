#pragma once
// The second proof of the template compiler, for a token whose regex reads text next
// to (or across) earlier tokens' values that no single stand-in byte can represent.
//
// Those cells form regions. The proof holds when, for every region, either
//  - no match attempt can reach it: PCRE2 itself, run with hard partial matching on the
//    text cut where the region starts, reports no attempt that ran into the cut, and no
//    match can start inside it (none of its bytes starts a match); or
//  - the region has few possible contents (a small file, a short list): each of them is
//    put in place in turn and the matches, run up to the next region with hard partial
//    matching, are the same every time, never end or start inside the region and never
//    replace any of it.
// Then every event sees the matches found on one instance of the text, and the
// template keeps them. Sound for patterns the regex profile analyses (no lookaround or
// backreference) that cannot match empty text.
#include <string>
#include <vector>

#include "samples/template_cells.h"
#include "tokens/token.h"

namespace eventgen {

// `stand_in` holds the first proof's byte per cell, -1 where it found none. On success
// `matches` holds the token's matches in cell indices; otherwise `why` says what failed.
bool prove_by_regions(const std::vector<Cell>& cells, const std::vector<int>& stand_in, const Token& token,
                      const std::vector<ValueShape>& shapes, std::vector<Match>& matches, std::string& why);

}  // namespace eventgen
