#!/usr/bin/env bash
# Builds the Eventgen page from ui/ (React, Splunk's UI toolkit) into one bundle,
# eventgen-page.js, in OUT (default: appserver/static/, where Splunk Web serves it).
# Installs ui/'s npm packages first when they are missing or older than the lockfile.
#
#   scripts/build-page.sh [OUT]
#   scripts/build-page.sh --deps-only     only install ui/node_modules
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ui="$root/ui"
command -v npm >/dev/null || { echo "build-page.sh: npm is missing; run scripts/install-web-deps.sh" >&2; exit 1; }
# Parallel builds (ctest, package.sh) share ui/node_modules: one installs at a time.
exec 8>"$ui/.npm-install.lock"
flock 8
if [ ! -f "$ui/node_modules/.package-lock.json" ] || [ "$ui/package-lock.json" -nt "$ui/node_modules/.package-lock.json" ]; then
  (cd "$ui" && npm ci --no-audit --no-fund --loglevel=error)
fi
[ "${1:-}" = "--deps-only" ] && exit 0
out=${1:-$root/appserver/static}
mkdir -p "$out"
# The same sources give the same bundle: build once per content hash, then copy
# (package.sh runs many times in the tests).
hash=$(cd "$ui" && cat package-lock.json vite.config.mjs $(find src -type f | LC_ALL=C sort) | sha256sum | cut -c1-16)
cache="$ui/node_modules/.cache/eventgen-page/$hash"
if [ ! -s "$cache/eventgen-page.js" ]; then
  rm -rf "$cache.tmp" && mkdir -p "$cache.tmp"
  (cd "$ui" && EVENTGEN_PAGE_OUT="$cache.tmp" npx --no-install vite build)
  [ -s "$cache.tmp/eventgen-page.js" ] || { echo "build-page.sh: vite wrote no eventgen-page.js" >&2; exit 1; }
  rm -rf "$cache" && mv "$cache.tmp" "$cache"
fi
flock -u 8
cp "$cache/eventgen-page.js" "$out/eventgen-page.js"
