#pragma once
// `eventgen describe [--json]`: every output, generator, replacement type and setting
// with type, default, allowed values and doc, from the schemas (the Splunk Web page
// builds its forms from the JSON; shape in /work/coord/describe-format.md).
#include <string>

namespace eventgen {

std::string describe_json();
// Human-readable: one line per component and setting.
std::string describe_text();

}  // namespace eventgen
