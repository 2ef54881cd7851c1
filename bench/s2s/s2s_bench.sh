#!/usr/bin/env bash
# S2S throughput: eventgen's s2s output into the test receiver (tests/s2s, a strict
# decoder standing in for an indexer's splunktcp input), 1 and 2 workers each with its
# own connection. Prints events/s and MB/s of the cooked stream for each, and checks
# that the receiver accounted every event.
#   bench/s2s/s2s_bench.sh [build dir] [extra s2s settings, e.g. "s2sUseACK = true"]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
extra=${2:-}
binary=$build/eventgen
receiver=$build/tests/s2s/s2s_test_receiver
[ -x "$receiver" ] || { echo "build the receiver first: cmake --build $build --target s2s_test_receiver eventgen" >&2; exit 1; }
dir=$(mktemp -d)
rpid=
trap '[ -n "$rpid" ] && kill "$rpid" 2>/dev/null; rm -rf "$dir"' EXIT
for workers in 1 2; do
  out=$dir/receiver-$workers.out
  "$receiver" --count-only > "$out" &
  rpid=$!
  for _ in $(seq 50); do grep -q listening "$out" 2>/dev/null && break; sleep 0.1; done
  port=$(awk '/listening/ {print $2}' "$out")
  rm -rf "$dir/app" && mkdir -p "$dir/app/samples" "$dir/app/default"
  cp "$here/../samples/windbag-5-tokens" "$dir/app/samples/"
  cat > "$dir/app/default/eventgen.conf" <<CONF
[windbag-5-tokens]
outputMode = s2s
splunkHost = 127.0.0.1:$port
index = main
sourcetype = eventgen
source = eventgen.log
host = bench
count = ${S2S_BENCH_COUNT:-2000000}
end = 1
earliest = -1h
latest = now
$extra
CONF
  # The same five tokens as the file benchmark, so the figures compare.
  grep '^token\.' "$here/../configs/windbag-5-tokens.conf" >> "$dir/app/default/eventgen.conf"
  start=$(date +%s.%N)
  "$binary" generate "$dir/app" --generators "$workers" --seed 1 2> "$dir/run.log" >/dev/null
  end=$(date +%s.%N)
  kill -TERM "$rpid"
  wait "$rpid" || true
  rpid=
  got=$(grep -o '"events":[0-9]*' "$out" | cut -d: -f2)
  wire=$(grep -o '"wire_bytes":[0-9]*' "$out" | cut -d: -f2)
  summary=$(grep "summary events=.*scope=run" "$dir/run.log")
  events=$(echo "$summary" | sed 's/.*summary events=\([0-9]*\).*/\1/')
  awk -v w="$workers" -v e="$events" -v g="$got" -v b="$wire" -v s="$start" -v t="$end" 'BEGIN {
    d = t - s;
    printf "workers=%d events=%d received=%d seconds=%.3f events_per_second=%.0f stream_MB_per_second=%.1f\n",
           w, e, g, d, e / d, b / d / 1e6 }'
  [ "$events" = "$got" ] || { echo "the receiver accounted $got of $events events" >&2; exit 1; }
done
