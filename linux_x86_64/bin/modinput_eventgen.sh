#!/bin/sh
# Entry point of the modinput_eventgen modular input on Linux (this one script is
# linux_x86_64/bin/ and, through a symbolic link package.sh copies as a file,
# linux_aarch64/bin/modinput_eventgen.sh).
#
# The executable travels with every shared library it needs, down to glibc, in
# ../lib, and with glibc's dynamic loader here in bin/ (it is executed, and only bin
# folders may hold executables). It is started through that loader with only ../lib
# on the library path (and the host's /etc/ld.so.cache ignored), so the host needs
# nothing but a Linux kernel: no glibc version, no shared library, no OpenSSL.
# splunkd starts inputs with LD_LIBRARY_PATH (and sometimes LD_PRELOAD) pointing at
# its own libraries and may set OpenSSL variables for its own OpenSSL: all cleared,
# and OpenSSL reads the app's own openssl.cnf. exec keeps this process id, so
# splunkd's SIGTERM reaches eventgen itself.
#
# EVENTGEN_EMULATOR, when set, is put in front of the loader: the tests run the
# ARM64 build on x86-64 this way (qemu-aarch64-static; no binfmt_misc there).
unset LD_LIBRARY_PATH LD_PRELOAD LD_AUDIT OPENSSL_MODULES OPENSSL_ENGINES SSL_CERT_DIR
case "$0" in
  */*) bin=${0%/*} ;;
  *) bin=. ;;
esac
lib=$bin/../lib
for loader in "$bin"/ld-linux-*.so.*; do :; done
if [ ! -f "$loader" ]; then
  # A development tree (no bundled libraries): the binary uses the host's.
  exec $EVENTGEN_EMULATOR "$bin/eventgen" "$@"
fi
OPENSSL_CONF=$lib/openssl.cnf
# Under the loader /proc/self/exe names the loader; this names the executable, from
# which eventgen finds its app and $SPLUNK_HOME.
EVENTGEN_EXE=$bin/eventgen
export OPENSSL_CONF EVENTGEN_EXE
exec $EVENTGEN_EMULATOR "$loader" --inhibit-cache --library-path "$lib" "$bin/eventgen" "$@"
