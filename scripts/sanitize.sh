#!/usr/bin/env bash
# The sanitizer job: builds with AddressSanitizer (+UBSan) and with ThreadSanitizer
# in their own build folders and runs every test under each. Slower than the normal
# test run; run it before changing the engine, the rings or the outputs.
#   scripts/sanitize.sh            # both
#   scripts/sanitize.sh thread     # one
set -euo pipefail
cd "$(dirname "$0")/.."
kinds=("${@:-address thread}")
for kind in ${kinds[@]}; do
  flags="$kind"
  [ "$kind" = address ] && flags="address,undefined"
  dir="build-$kind"
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEVENTGEN_SANITIZE="$flags"
  cmake --build "$dir"
  # halt_on_error: a report fails the test instead of scrolling by.
  ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
    ctest --test-dir "$dir" --output-on-failure -j2
done
