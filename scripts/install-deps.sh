#!/usr/bin/env bash
# Installs the Debian packages Eventgen builds and tests with. Safe to run again.
#
#   scripts/install-deps.sh           the native build and its tests (with the page's
#                                     browser tests: Node.js, chromium, npm packages)
#   scripts/install-deps.sh --cross   also the ARM64 cross toolchain, the :arm64
#                                     libraries and qemu-user-static (scripts/test-all.sh)
#   scripts/install-deps.sh --no-tests  only what building the eventgen executable needs
#                                     (README's first command, which configures with
#                                     -DEVENTGEN_BUILD_TESTS=OFF)
#
# To add a dependency, add a line to the list it belongs to.
set -euo pipefail
cross=false
tests=true
for arg in "$@"; do
  case "$arg" in
    --cross) cross=true ;;
    --no-tests) tests=false ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "install-deps.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

# Libraries the executable links, for the host's architecture (and, with --cross,
# as :arm64 too).
libraries=(
  libcurl4-openssl-dev   # HEC and Splunk REST
  libpugixml-dev         # all XML
  libpcre2-dev           # PCRE2 with JIT for token and breaker regexes
  zlib1g-dev             # gzip for HEC payloads
  libssl-dev             # TLS (self-signed certificates) in the tests' HEC server
)
# Only the tests link these.
test_libraries=(
  libgtest-dev libgmock-dev
)
# Build tools and header-only libraries (any architecture).
tools=(
  build-essential cmake ninja-build pkg-config
  rapidjson-dev          # all JSON
  libboost-dev           # Boost.Lockfree (header-only)
)
# Test-only tools.
test_tools=(
  busybox-static         # the static shell of the empty-root (chroot) tests
  python3-jinja2         # the reference the jinja engine is compared with
)
# The ARM64 build: Debian's cross compiler, and qemu to run its tests.
cross_tools=(
  crossbuild-essential-arm64
  qemu-user-static       # qemu-aarch64-static, named explicitly (no binfmt_misc needed)
)

if $cross; then tests=true; fi
if $tests; then
  libraries+=("${test_libraries[@]}")
  tools+=("${test_tools[@]}")
fi
packages=("${libraries[@]}" "${tools[@]}")
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
updated=false
if $cross; then
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    $SUDO dpkg --add-architecture arm64
    $SUDO apt-get update -qq
    updated=true
  fi
  packages+=("${cross_tools[@]}")
  for lib in "${libraries[@]}"; do packages+=("$lib:arm64"); done
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $updated || $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# The Eventgen page and its browser tests (Node.js, chromium, ui/'s npm packages).
if $tests; then "$(dirname "$0")/install-web-deps.sh"; fi
