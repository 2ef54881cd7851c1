#!/bin/sh
# Entry point of the modinput_eventgen modular input where splunkd does not use an
# architecture folder itself: hands over to the build for this machine (uname -m).
# See linux_x86_64/bin/modinput_eventgen.sh for how the binary is started.
case "$0" in
  */*) app=${0%/*}/.. ;;
  *) app=.. ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=linux_x86_64 ;;
  aarch64 | arm64 | armv8*) arch=linux_aarch64 ;;
  *)
    echo "ERROR modinput_eventgen: no build for $(uname -s) $(uname -m) in this app (there are linux_x86_64 and linux_aarch64); build one from src/ (see README.md)" >&2
    exit 1 ;;
esac
if [ ! -x "$app/$arch/bin/eventgen" ]; then
  echo "ERROR modinput_eventgen: $arch/bin/eventgen is missing from this app; build it from src/ (see README.md)" >&2
  exit 1
fi
exec "$app/$arch/bin/modinput_eventgen.sh" "$@"
