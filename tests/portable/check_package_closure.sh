#!/bin/sh
# check_package_closure.sh APP_DIR
# Fails unless every ELF file of each linux_<arch> folder of the unpacked app needs
# only libraries and symbol versions that the same folder provides (lib/, and the
# loader in bin/), carries no RPATH/RUNPATH, and runs on the oldest kernel glibc
# supports there (3.2 on x86-64, 3.7 on ARM64: the ABI note of each file).
set -eu
app=$1
fail=0
checked=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
say() { echo "check_package_closure: $*" >&2; fail=1; }

# Version names a file defines (.gnu.version_d).
defined_versions() { readelf -V -W "$1" 2>/dev/null | awk '/^Version definition section/{d=1;next} /^Version (needs|symbols)/{d=0} d && /Name:/ {for(i=1;i<=NF;i++) if($i=="Name:") print $(i+1)}'; }
# "file version" pairs a file needs (.gnu.version_r).
needed_versions() { readelf -V -W "$1" 2>/dev/null | awk '/^Version needs section/{n=1;next} /^Version (definition|symbols)/{n=0} n && /File:/ {for(i=1;i<=NF;i++) if($i=="File:") f=$(i+1)} n && /Name:/ {for(i=1;i<=NF;i++) if($i=="Name:") print f, $(i+1)}'; }
version_ge() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1)" = "$2" ]; }

for archdir in "$app"/linux_*; do
  [ -d "$archdir/lib" ] || { say "$archdir has no lib/ folder"; continue; }
  case "$archdir" in *aarch64) max_kernel=3.7.0 ;; *) max_kernel=3.2.0 ;; esac
  provided=" $(cd "$archdir/lib" && echo *) $(cd "$archdir/bin" && echo ld-linux-*) "
  for f in "$archdir"/bin/* "$archdir"/lib/*; do
    readelf -h "$f" >/dev/null 2>&1 || continue   # scripts, openssl.cnf
    checked=$((checked + 1))
    name=${f#"$app"/}
    for lib in $(readelf -d -W "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
      case "$provided" in *" $lib "*) ;; *) say "$name needs $lib, which the package does not carry" ;; esac
    done
    if readelf -d -W "$f" | grep -Eq '\((RPATH|RUNPATH)\)'; then say "$name has an RPATH/RUNPATH"; fi
    needed_versions "$f" | while read -r lib ver; do
      if [ -e "$archdir/lib/$lib" ]; then provider=$archdir/lib/$lib; else provider=$archdir/bin/$lib; fi
      [ -e "$provider" ] || continue  # reported above
      defs=$tmp/$(basename "$archdir").$lib
      [ -e "$defs" ] || defined_versions "$provider" > "$defs"
      grep -qx "$ver" "$defs" || { echo "check_package_closure: $name needs $ver from $lib, which the bundled $lib does not define" >&2; echo bad > "$tmp/failed"; }
    done
    abi=$(readelf -n -W "$f" 2>/dev/null | sed -n 's/.*OS: Linux, ABI: \([0-9.]*\).*/\1/p' | head -1)
    if [ -n "$abi" ] && ! version_ge "$max_kernel" "$abi"; then say "$name needs Linux $abi (more than $max_kernel)"; fi
  done
done
if [ -e "$tmp/failed" ]; then fail=1; fi
[ "$checked" -gt 0 ] || say "no ELF file found under $app/linux_*"
[ "$fail" -eq 0 ] && echo "check_package_closure: $checked ELF files, every library and symbol version they need is in the package"
exit "$fail"
