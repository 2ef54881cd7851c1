#pragma once
// CSV as the splunkd stand-in reads a search command's result bodies: strictly.
#include <string>
#include <vector>

namespace eventgen::test {

// One CSV body, parsed strictly (RFC 4180: quoted fields double their quotes, records
// end with CRLF or LF, every record has as many fields as the header).
bool parse_csv(const std::string& body, std::vector<std::vector<std::string>>& records, std::string& error);

}  // namespace eventgen::test
