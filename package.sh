#!/usr/bin/env bash
# Builds eventgen in release mode and packages the Splunk app SA-Eventgen as
# out/SA-Eventgen-<version>.tgz: one top folder, no hidden files, no local/,
# executables (755) only in bin folders, nothing group- or world-writable.
#
# Each architecture folder (linux_x86_64, linux_aarch64) holds the executable, the
# dynamic loader of its glibc and, in lib/, every shared library it needs (see
# scripts/bundle-libs.sh): the app needs nothing from the host but a Linux kernel.
#
#   ./package.sh                      build (x86-64, and ARM64 when the cross
#                                     toolchain is installed) and package
#   ./package.sh --binary PATH        package an already built eventgen binary; give
#                                     it once per architecture (detected from the ELF)
#   ./package.sh --out DIR            where the .tgz goes (default: out/)
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
binaries=()
out="$root/out"
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binaries+=("$2"); shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "package.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

version=$(sed -n 's/^project(eventgen VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
app_version=$(sed -n 's/^version *= *//p' "$root/default/app.conf")
if [ "$version" != "$app_version" ]; then
  echo "package.sh: CMakeLists.txt says $version but default/app.conf says $app_version" >&2
  exit 1
fi

if [ ${#binaries[@]} -eq 0 ]; then
  "$root/scripts/install-deps.sh"
  cmake -S "$root" -B "$root/build-release" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEVENTGEN_BUILD_TESTS=OFF
  cmake --build "$root/build-release" --target eventgen
  binaries+=("$root/build-release/eventgen")
  if command -v aarch64-linux-gnu-g++ >/dev/null; then
    cmake -S "$root" -B "$root/build-release-aarch64" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEVENTGEN_BUILD_TESTS=OFF \
      -DCMAKE_TOOLCHAIN_FILE="$root/cmake/aarch64-linux-gnu.cmake"
    cmake --build "$root/build-release-aarch64" --target eventgen
    binaries+=("$root/build-release-aarch64/eventgen")
  else
    echo "package.sh: no ARM64 cross compiler (scripts/install-deps.sh --cross); packaging x86-64 only" >&2
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
app="$work/SA-Eventgen"
mkdir -p "$app/README" "$app/bin"
cp -R "$root/default" "$root/metadata" "$root/static" "$root/samples" "$root/appserver" "$app/"
# The Eventgen page: the bundle built from ui/, and the settings schema its forms use
# (from the first binary that runs on this machine).
"$root/scripts/build-page.sh" "$app/appserver/static"
schema=false
for binary in "${binaries[@]}"; do
  if "$binary" describe --json > "$app/appserver/static/settings-schema.json" 2>/dev/null; then schema=true; break; fi
done
if ! $schema; then
  rm -f "$app/appserver/static/settings-schema.json"
  echo "package.sh: warning: no binary answered 'describe --json'; the page edits without its settings schema" >&2
fi
cp "$root"/README/*.spec "$app/README/"
cp "$root/README/SA-Eventgen.md" "$app/README.md"
cp "$root/LICENSE" "$app/LICENSE"
cp "$root/bin/modinput_eventgen.sh" "$app/bin/"

for binary in "${binaries[@]}"; do
  [ -x "$binary" ] || { echo "package.sh: no executable at $binary" >&2; exit 1; }
  case "$(readelf -h "$binary" | sed -n 's/^ *Machine: *//p')" in
    *X86-64*) arch=linux_x86_64; strip=strip ;;
    *AArch64*) arch=linux_aarch64; strip=aarch64-linux-gnu-strip ;;
    *) echo "package.sh: $binary is neither x86-64 nor ARM64" >&2; exit 1 ;;
  esac
  [ -e "$app/$arch/bin/eventgen" ] && { echo "package.sh: two binaries for $arch" >&2; exit 1; }
  mkdir -p "$app/$arch/bin" "$app/$arch/lib"
  cp "$binary" "$app/$arch/bin/eventgen"
  if command -v "$strip" >/dev/null; then "$strip" --strip-unneeded "$app/$arch/bin/eventgen"; fi
  cp -L "$root/$arch/bin/modinput_eventgen.sh" "$app/$arch/bin/"  # one script; aarch64 links to it
  "$root/scripts/bundle-libs.sh" "$binary" "$app/$arch/lib" "$app/$arch/bin" >/dev/null
  cp "$root/scripts/openssl.cnf" "$app/$arch/lib/openssl.cnf"
done

# The sources the binaries are built from, as Splunk's app vetting asks for compiled
# code, laid out so the app folder itself builds (see README.md in the app). Scripts
# that install packages (sudo apt-get) are not part of an app a Splunk host runs.
cp -R "$root/src" "$root/cmake" "$app/"
cp "$root/CMakeLists.txt" "$app/"
# The page's sources, lockfile and build script (npm only), so the shipped app
# rebuilds its bundle too; not the scripts that apt-get packages.
mkdir -p "$app/scripts" && cp "$root/scripts/build-page.sh" "$app/scripts/"
mkdir -p "$app/ui" && cp -R "$root/ui/src" "$root/ui/package.json" "$root/ui/package-lock.json" "$root/ui/vite.config.mjs" "$app/ui/"

# Splunk's packaging rules: no local settings, no dot-files, strict permissions.
rm -rf "$app/local" "$app/metadata/local.meta"
find "$app" -name '.*' -exec rm -rf {} +
find "$app" -type d -exec chmod 755 {} +
find "$app" -type f -exec chmod 644 {} +
chmod 755 "$app/bin/modinput_eventgen.sh"
for bin in "$app"/linux_*/bin; do chmod 755 "$bin"/*; done

mkdir -p "$out"
tarball="$out/SA-Eventgen-$version.tgz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-01-01 00:00:00' \
    -C "$work" -czf "$tarball" SA-Eventgen
echo "$tarball"
