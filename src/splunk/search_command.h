#pragma once
// `| eventgen` as splunkd runs it: commands.conf [eventgen] has chunked = true and
// starts the app's wrapper with `search-command` (plus the limits) as its arguments;
// the search itself arrives over stdin in the chunked protocol (search_protocol.h).
#include <string>
#include <vector>

namespace eventgen {

// `args` are the ones after `search-command` (command.arg.2 ...). Returns the exit
// status: 0 when the exchange with splunkd ended properly (search errors included:
// they travel as inspector messages), 1 when splunkd broke the protocol.
int run_search_command(const std::vector<std::string>& args, int in_fd = 0, int out_fd = 1);

}  // namespace eventgen
