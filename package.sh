#!/usr/bin/env bash
# Builds eventgen in release mode and packages the Splunk app SA-Eventgen as
# out/SA-Eventgen-<version>.tgz: one top folder, no hidden files, no local/,
# executables (755) only in bin folders, nothing group- or world-writable.
#
#   ./package.sh                      build and package
#   ./package.sh --binary PATH        package an already built eventgen binary
#   ./package.sh --out DIR            where the .tgz goes (default: out/)
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
binary=""
out="$root/out"
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "package.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

version=$(sed -n 's/^project(eventgen VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
app_version=$(sed -n 's/^version *= *//p' "$root/default/app.conf")
if [ "$version" != "$app_version" ]; then
  echo "package.sh: CMakeLists.txt says $version but default/app.conf says $app_version" >&2
  exit 1
fi

if [ -z "$binary" ]; then
  "$root/scripts/install-deps.sh"
  cmake -S "$root" -B "$root/build-release" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEVENTGEN_BUILD_TESTS=OFF
  cmake --build "$root/build-release" --target eventgen
  binary="$root/build-release/eventgen"
fi
[ -x "$binary" ] || { echo "package.sh: no executable at $binary" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
app="$work/SA-Eventgen"
mkdir -p "$app/README" "$app/linux_x86_64/bin" "$app/bin"
cp -R "$root/default" "$root/metadata" "$root/static" "$root/samples" "$root/appserver" "$app/"
# The Eventgen page: the bundle built from ui/, and the settings schema its forms use.
"$root/scripts/build-page.sh" "$app/appserver/static"
if "$binary" describe --json > "$app/appserver/static/settings-schema.json" 2>/dev/null; then :; else
  rm -f "$app/appserver/static/settings-schema.json"
  echo "package.sh: warning: $binary has no 'describe --json'; the page edits without its settings schema" >&2
fi
cp "$root"/README/*.spec "$app/README/"
cp "$root/README/SA-Eventgen.md" "$app/README.md"
cp "$root/bin/modinput_eventgen.sh" "$app/bin/"
cp "$root/linux_x86_64/bin/modinput_eventgen.sh" "$app/linux_x86_64/bin/"
cp "$binary" "$app/linux_x86_64/bin/eventgen"
strip --strip-unneeded "$app/linux_x86_64/bin/eventgen" 2>/dev/null || true
# The sources the binary is built from, as Splunk's app vetting asks for compiled
# code, laid out so the app folder itself builds (see README.md).
cp -R "$root/src" "$app/src"
cp "$root/CMakeLists.txt" "$app/"
mkdir -p "$app/scripts" && cp "$root/scripts/install-deps.sh" "$root/scripts/install-web-deps.sh" \
                              "$root/scripts/build-page.sh" "$app/scripts/"
# The page's sources and lockfile, so the shipped app rebuilds its bundle too.
mkdir -p "$app/ui" && cp -R "$root/ui/src" "$root/ui/package.json" "$root/ui/package-lock.json" "$root/ui/vite.config.mjs" "$app/ui/"

# Splunk's packaging rules: no local settings, no dot-files, strict permissions.
rm -rf "$app/local" "$app/metadata/local.meta"
find "$app" -name '.*' -exec rm -rf {} +
find "$app" -type d -exec chmod 755 {} +
find "$app" -type f -exec chmod 644 {} +
chmod 755 "$app/bin/modinput_eventgen.sh" "$app/linux_x86_64/bin/modinput_eventgen.sh" \
          "$app/linux_x86_64/bin/eventgen"

mkdir -p "$out"
tarball="$out/SA-Eventgen-$version.tgz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-01-01 00:00:00' \
    -C "$work" -czf "$tarball" SA-Eventgen
echo "$tarball"
