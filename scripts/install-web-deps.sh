#!/usr/bin/env bash
# Installs what the Eventgen page (ui/) and its browser tests need: Node.js and npm,
# Debian's chromium (the tests drive the system browser; nothing downloads one), and
# the page's npm packages from ui/package-lock.json. Safe to run again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
missing=()
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
"$root/scripts/build-page.sh" --deps-only
