#!/bin/sh
# bundle-libs.sh BINARY LIBDIR LOADERDIR
# Copies into LIBDIR every shared library BINARY needs, recursively, plus libgcc_s
# (which glibc opens itself for thread cancellation), and glibc's dynamic loader
# into LOADERDIR (it is executed, so it goes to a bin folder), so the app can start
# BINARY through that loader on any Linux host. Libraries
# are looked up by DT_NEEDED in the Debian multiarch folders of BINARY's own
# architecture (x86-64 or ARM64), which is also how a cross build finds its :arm64
# libraries. Prints the libraries it copied.
set -eu
binary=$1
dest=$2
loader_dest=$3
machine=$(readelf -h "$binary" | sed -n 's/^ *Machine: *//p')
case "$machine" in
  *X86-64*) triplet=x86_64-linux-gnu; loader=ld-linux-x86-64.so.2 ;;
  *AArch64*) triplet=aarch64-linux-gnu; loader=ld-linux-aarch64.so.1 ;;
  *) echo "bundle-libs.sh: $binary is for '$machine', not x86-64 or ARM64" >&2; exit 1 ;;
esac
dirs="/lib/$triplet /usr/lib/$triplet"
mkdir -p "$dest" "$loader_dest"

find_lib() {
  for d in $dirs; do
    if [ -e "$d/$1" ]; then echo "$d/$1"; return 0; fi
  done
  return 1
}

needed() {
  readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
}

todo="$(needed "$binary") $loader libgcc_s.so.1"
done_list=" "
while [ -n "$(echo $todo)" ]; do
  next=""
  for lib in $todo; do
    case "$done_list" in *" $lib "*) continue ;; esac
    done_list="$done_list$lib "
    path=$(find_lib "$lib") || { echo "bundle-libs.sh: $lib (needed by $binary) not found in $dirs" >&2; exit 1; }
    if [ "$lib" = "$loader" ]; then
      cp -L "$path" "$loader_dest/$lib" && chmod 755 "$loader_dest/$lib"
    else
      cp -L "$path" "$dest/$lib" && chmod 644 "$dest/$lib"
      next="$next $(needed "$dest/$lib")"
    fi
    echo "$lib"
  done
  todo=$next
done
