#!/usr/bin/env bash
# HEC throughput: eventgen's httpevent output into a local nginx that answers like
# HEC (nginx.conf.in), keep-alive HTTP, 2 workers writing directly. Prints events/s,
# MB/s (JSON payload bytes on the wire) and the GB/day it amounts to.
#   bench/hec/hec_bench.sh [path/to/eventgen] [extra eventgen args...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
binary=${1:-$here/../../build-release/eventgen}
shift || true
command -v nginx >/dev/null || { echo "nginx is needed: apt-get install nginx-light" >&2; exit 1; }
dir=$(mktemp -d)
trap 'kill $(cat "$dir/nginx.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$dir"' EXIT
port=$((20000 + RANDOM % 20000))
token=00000000-1111-2222-3333-444444444444
sed -e "s|@DIR@|$dir|g" -e "s|@PORT@|$port|g" -e "s|@TOKEN@|$token|g" "$here/nginx.conf.in" > "$dir/nginx.conf"
nginx -c "$dir/nginx.conf" -p "$dir" &
for _ in $(seq 50); do [ -s "$dir/nginx.pid" ] && break; sleep 0.1; done
mkdir -p "$dir/app/samples" "$dir/app/default"
cp "$here/../samples/windbag-5-tokens" "$dir/app/samples/"
cat > "$dir/app/default/eventgen.conf" <<CONF
[windbag-5-tokens]
outputMode = httpevent
httpeventServers = {"servers": [{"protocol": "http", "address": "127.0.0.1", "port": "$port", "key": "$token"}]}
httpeventMaxPayloadSize = 1048576
index = main
sourcetype = eventgen
source = eventgen.log
host = bench
count = ${HEC_BENCH_COUNT:-5000000}
end = 1
earliest = -1h
latest = now
CONF
# The same five tokens as the file benchmark, so the two figures compare.
grep '^token\.' "$here/../configs/windbag-5-tokens.conf" >> "$dir/app/default/eventgen.conf"
start=$(date +%s.%N)
"$binary" generate "$dir/app" --generators 2 --seed 1 -v "$@" 2> "$dir/run.log" >/dev/null
end=$(date +%s.%N)
# The run's summary: the scope=run line has the events and failures, the scope=output
# lines the bytes each output wrote (for HEC: the JSON payloads).
summary=$(grep " summary .*scope=run" "$dir/run.log")
wire=$(grep " summary scope=output output=\"\?httpevent" "$dir/run.log" | sed 's/.* written_bytes=\([0-9]*\).*/\1/' | awk '{s+=$1} END {print s+0}')
events=$(echo "$summary" | sed 's/.* summary events=\([0-9]*\).*/\1/')
failed=$(echo "$summary" | sed 's/.* failed=\([0-9]*\).*/\1/')
awk -v e="$events" -v f="$failed" -v b="$wire" -v s="$start" -v t="$end" 'BEGIN {
  d = t - s;
  printf "events=%d failed=%d seconds=%.3f events_per_second=%.0f payload_MB_per_second=%.1f GB_per_day=%.0f\n",
         e, f, d, e / d, b / d / 1e6, b / d * 86400 / 1e9 }'
