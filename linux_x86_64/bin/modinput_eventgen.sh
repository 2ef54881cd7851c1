#!/bin/sh
# Entry point of the modinput_eventgen modular input on Linux x86-64.
# splunkd starts inputs with LD_LIBRARY_PATH (and sometimes LD_PRELOAD) pointing at
# its own libraries, which would load Splunk's OpenSSL/libcurl into our binary and
# can stop it from starting. Clear them and exec the binary: exec keeps this
# process id, so splunkd's SIGTERM reaches eventgen itself.
unset LD_LIBRARY_PATH LD_PRELOAD
exec "$(dirname "$0")/eventgen" "$@"
