#!/bin/sh
# Entry point of the modinput_eventgen modular input for platforms without an
# architecture folder match: hands over to the Linux x86-64 binary. See
# linux_x86_64/bin/modinput_eventgen.sh for why the environment is cleaned.
app_dir=$(cd "$(dirname "$0")/.." && pwd)
exec "$app_dir/linux_x86_64/bin/modinput_eventgen.sh" "$@"
