#pragma once
// The token replacement types (token.<n>.replacementType) with a one-line doc each,
// for `eventgen describe` and the Splunk Web page.
#include <string>
#include <vector>

namespace eventgen {

struct ReplacementType {
    std::string name, doc, replacement;  // replacement: what token.<n>.replacement holds
};

const std::vector<ReplacementType>& replacement_types();

}  // namespace eventgen
