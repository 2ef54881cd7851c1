#!/usr/bin/env bash
# Builds Eventgen and runs every test: README.md's second set-up command, which CI runs
# through .ci/run.
#
#   1. the ARM64 executable, cross-compiled (build-aarch64/);
#   2. the native build and its whole ctest suite (build/): unit, end-to-end, HEC
#      server, and the empty-root (chroot) tests of the package, which then holds
#      both architectures (the ARM64 one runs under qemu-aarch64-static);
#   3. the ARM64 test programs, run by ctest under qemu-user (CMake's
#      CMAKE_CROSSCOMPILING_EMULATOR): the whole unit suite and the end-to-end tests;
#   4. any scripts/test-all.d/*.sh, in name order, for tests that are not ctest
#      tests (prefer adding a ctest test to tests/: step 2 runs it).
#
# EVENTGEN_JOBS (default 2) sets build and test parallelism. Build folders are reused,
# so a second run only rebuilds what changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=${EVENTGEN_JOBS:-2}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
step() { echo "== test-all: $* ($(date -u +%T))"; }

"$root/scripts/install-deps.sh" --cross

step "ARM64 executable (cross build)"
cmake -S "$root" -B "$root/build-aarch64" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" \
  -DEVENTGEN_BUILD_TESTS=ON -DCMAKE_TOOLCHAIN_FILE="$root/cmake/aarch64-linux-gnu.cmake"
cmake --build "$root/build-aarch64" -j"$jobs" --target eventgen

step "native build and tests (with the empty-root tests of both architectures)"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEVENTGEN_BUILD_TESTS=ON "${launcher[@]}" \
  -DEVENTGEN_AARCH64_BINARY="$root/build-aarch64/eventgen"
cmake --build "$root/build" -j"$jobs"
ctest --test-dir "$root/build" -j"$jobs" --output-on-failure

step "ARM64 tests under qemu-aarch64-static"
# The unit suite and the end-to-end tests (generate, modinput, HEC, workers); the
# HEC test server's own tests and the fault tests exercise host-side test tooling
# and architecture-independent logic, and run natively in step 2.
cmake --build "$root/build-aarch64" -j"$jobs" --target eventgen_unit_tests eventgen_e2e_tests
# One test is left to the native run of step 2: a worker killed while it holds the
# process-shared robust mutex of a directly written file (useOutputQueue = false).
# qemu-user does not implement robust futex lists (set_robust_list), so under
# emulation the kernel never hands that mutex back and the run hangs; on real ARM64
# hardware the kernel recovers it as on x86-64.
ctest --test-dir "$root/build-aarch64" -j"$jobs" --output-on-failure -L '^(unit|e2e)$' \
  -E 'KilledWorker\.IsReplacedAndEveryEventStillWrittenOnce/false'

for hook in "$root"/scripts/test-all.d/*.sh; do
  [ -e "$hook" ] || continue
  step "$(basename "$hook")"
  bash "$hook"
done
step "all tests passed"
