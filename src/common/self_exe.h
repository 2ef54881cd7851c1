#pragma once
// Where the running executable is, and what follows from being started through the
// dynamic loader the app bundles (see linux_x86_64/bin/modinput_eventgen.sh).
#include <string>

namespace eventgen {

// True for a path whose file name is a glibc dynamic loader (ld-linux-x86-64.so.2,
// ld-linux-aarch64.so.1, ld-linux.so.2 ...).
bool is_dynamic_loader_path(const std::string& path);

// The running executable. Started as "ld.so eventgen", /proc/self/exe names the
// loader, so the app's wrapper names the executable in EVENTGEN_EXE; that variable is
// believed only in that case or when /proc is not mounted (a stale value in a shell
// changes nothing otherwise).
std::string self_executable();

// True when this process was started through an explicitly invoked dynamic loader.
bool started_through_loader();

// With the app's own glibc, host names resolve through /etc/hosts and DNS, which that
// glibc has built in (2.34+), and never through the host's NSS modules (libnss_*),
// which are built for the host's glibc. Does nothing when not started through the
// bundled loader (a build linked against the host's libraries uses its nsswitch.conf).
void use_built_in_name_resolution();

}  // namespace eventgen
