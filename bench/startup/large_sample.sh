#!/usr/bin/env bash
# Start-up with a large sample: the time from launch to exit of
# `eventgen generate APP -c 1 --seed 1` for samples of LINES lines (default 1,000,000),
# which is almost all sample compilation (reading, template proofs). Two shapes:
#   windbag  the five tokens of bench/configs/windbag-5-tokens.conf (timestamps first);
#   ids      an integerid and a random integer before a timestamp, so the timestamp's
#            proof must look past values of unknown content (the region proof).
# Prints the median of ROUNDS (default 3) runs per binary, and lines compiled per second.
#   bench/startup/large_sample.sh path/to/eventgen [baseline/eventgen]
# Environment: STARTUP_LINES, STARTUP_ROUNDS.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bins=("$(realpath "${1:?usage: large_sample.sh path/to/eventgen [baseline/eventgen]}")")
[ $# -ge 2 ] && bins+=("$(realpath "$2")")
lines=${STARTUP_LINES:-1000000}
rounds=${STARTUP_ROUNDS:-3}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/windbag/default" "$dir/windbag/samples" "$dir/ids/default" "$dir/ids/samples"
awk -v n="$lines" 'BEGIN { for (i = 0; i < n; i++) printf "2014-01-04 20:54:%02d WINDBAG Event %d of 5 @@int1 @@int2 @@int3 20:54:34\n", i % 60, i }' \
  > "$dir/windbag/samples/windbag"
{ echo "[windbag]"; echo "outputMode = stdout"; echo "end = 1"; grep '^token\.' "$here/../configs/windbag-5-tokens.conf"; } \
  > "$dir/windbag/default/eventgen.conf"
awk -v n="$lines" 'BEGIN { for (i = 0; i < n; i++) printf "evt %d id=@@id seq=@@seq 2014-01-04 20:54:%02d\n", i, i % 60 }' \
  > "$dir/ids/samples/ids"
cat > "$dir/ids/default/eventgen.conf" <<'CONF'
[ids]
outputMode = stdout
end = 1
token.0.token = @@id
token.0.replacementType = integerid
token.0.replacement = 0
token.1.token = @@seq
token.1.replacementType = random
token.1.replacement = integer[0:999999]
token.2.token = \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}
token.2.replacementType = timestamp
token.2.replacement = %Y-%m-%d %H:%M:%S
CONF
now() { date +%s.%N; }
printf '%-8s %-10s %10s %10s %16s\n' sample binary lines seconds "lines/s"
for app in windbag ids; do
  for k in "${!bins[@]}"; do
    times=()
    for _ in $(seq "$rounds"); do
      start=$(now)
      "${bins[$k]}" generate "$dir/$app" -c 1 --seed 1 > /dev/null 2>&1
      times+=("$(awk -v s="$start" -v t="$(now)" 'BEGIN { printf "%.3f", t - s }')")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    awk -v app="$app" -v bin="$([ "$k" = 0 ] && echo test || echo baseline)" -v n="$lines" -v t="$median" \
      'BEGIN { printf "%-8s %-10s %10d %10.2f %16.0f\n", app, bin, n, t, n / t }'
  done
done
