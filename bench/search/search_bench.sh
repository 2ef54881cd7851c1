#!/usr/bin/env bash
# How long `| eventgen stanza=... count=N` takes, end to end, the way splunkd runs it:
# search_standin starts the packaged command (wrapper, binary, getinfo/execute over
# the chunked protocol) in a fake $SPLUNK_HOME and reads every row back.
#
#   bench/search/search_bench.sh BUILD_DIR [RUNS]
#
# BUILD_DIR must hold eventgen and search_standin (a build with tests, e.g. build/).
# Prints the median and the slowest wall time of RUNS runs (default 11) per case.
set -euo pipefail
build=$(cd "${1:?usage: search_bench.sh BUILD_DIR [RUNS]}" && pwd)
runs=${2:-11}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tarball=$("$root/package.sh" --binary "$build/eventgen" --out "$work/pkg" | tail -1)
home="$work/splunk"
mkdir -p "$home/etc/apps/bench_search/default" "$home/etc/apps/bench_search/samples"
tar -xzf "$tarball" -C "$home/etc/apps"
cp "$root/bench/samples/sample.tutorial1" "$home/etc/apps/bench_search/samples/"
# SA-Eventgen's tutorial1 (2,019 CSV events, five timestamp tokens); a large count per
# interval, so the preview must stop the first job early.
sed -e '/^sampleDir/d' -e '/^outputMode/d' -e '/^fileName/d' -e '/^fileMaxBytes/d' \
    "$root/bench/configs/tutorial1.conf" > "$home/etc/apps/bench_search/default/eventgen.conf"

time_search() {
  local spl=$1 rows=$2 times=()
  for _ in $(seq "$runs"); do
    local t0 t1 out
    t0=$(date +%s%N)
    out=$("$build/search_standin" --splunk-home "$home" "$spl")
    t1=$(date +%s%N)
    local got
    got=$(grep -o '"_raw":' <<<"$out" | wc -l)
    [ "$got" -eq "$rows" ] || { echo "search_bench: '$spl' gave $got rows, not $rows: $out" >&2; exit 1; }
    times+=($(( (t1 - t0) / 1000 )))
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  local median slowest
  median=$(sed -n "$(( (runs + 1) / 2 ))p" <<<"$sorted")
  slowest=$(tail -1 <<<"$sorted")
  printf '%-60s median %6.1f ms  slowest %6.1f ms  (%d runs)\n' "$spl" "$(bc -l <<<"$median/1000")" \
         "$(bc -l <<<"$slowest/1000")" "$runs"
}

time_search '| eventgen stanza=sample.tutorial1' 10
time_search '| eventgen stanza=sample.tutorial1 count=1000' 1000
time_search '| eventgen stanza=sample.tutorial1 count=10000' 10000
