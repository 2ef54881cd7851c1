#pragma once
// Loopback sockets for the e2e stand-ins (syslog/tcp/udp listeners, splunkd ports).

namespace eventgen::test {

// A socket of `type` (SOCK_STREAM or SOCK_DGRAM) bound to 127.0.0.1 on a free port,
// listening with `backlog` when it is a stream socket. Sets `port`; returns the fd.
int open_loopback_socket(int type, int backlog, int& port);

}  // namespace eventgen::test
