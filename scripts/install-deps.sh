#!/usr/bin/env bash
# Installs the Debian packages Eventgen builds and tests with. Safe to run again.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  libcurl4-openssl-dev   # HEC and Splunk REST
  rapidjson-dev          # all JSON
  libpugixml-dev         # all XML
  libboost-dev           # Boost.Lockfree (header-only)
  libgtest-dev libgmock-dev
  libpcre2-dev           # PCRE2 with JIT for token and breaker regexes
  zlib1g-dev             # gzip for HEC payloads
  libssl-dev             # TLS (self-signed certificates) in the tests' HEC server
  python3-jinja2         # test only: the reference the jinja engine is compared with
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# The Eventgen page and its browser tests (Node.js, chromium, ui/'s npm packages).
"$(dirname "$0")/install-web-deps.sh"
