#pragma once
// One UDP datagram per event (udpout, syslogout). UDP has no receipt: only local send
// errors count as failures.
#include <memory>
#include <string>

#include "outputs/sink.h"
#include "outputs/support/socket_target.h"

namespace eventgen {

// `what` names the output in messages ("udpout", "syslogout").
std::unique_ptr<Sink> make_udp_sink(const SocketTarget& target, const std::string& what);

}  // namespace eventgen
