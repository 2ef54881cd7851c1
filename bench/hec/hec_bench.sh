#!/usr/bin/env bash
# HEC throughput: eventgen's httpevent output into a local nginx that answers like
# HEC (nginx.conf.in), keep-alive HTTP, workers writing directly, next to the limit of
# this machine measured in the same rounds: curl POSTing 1 MiB HEC payloads to the
# same nginx over kept-alive connections, as many connections as eventgen has workers.
# Prints, per worker count, the medians of events/s, payload MB/s, GB/day, curl's
# MB/s, eventgen's share of it, the 2-worker / 1-worker ratio, and what each run cost
# the machine: its busy share of all cores and core-seconds per GB of payload, for
# eventgen's runs and for curl's (both with nginx and the kernel's TCP).
#   bench/hec/hec_bench.sh [path/to/eventgen] [extra eventgen args...]
# Environment: HEC_BENCH_COUNT events per run (5000000), HEC_BENCH_ROUNDS (3),
# HEC_BENCH_WORKERS ("1 2"), HEC_BENCH_BASELINE another eventgen binary to run
# interleaved with the first (before/after comparisons under the same load),
# HEC_BENCH_CURL_MIB MiB each curl connection sends (512), HEC_BENCH_TLS=1 for HTTPS
# (a self-signed certificate made per run, verified by eventgen and curl alike).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
binary=${1:-$here/../../build-release/eventgen}
shift || true
rounds=${HEC_BENCH_ROUNDS:-3}
workers_list=${HEC_BENCH_WORKERS:-1 2}
curl_mib=${HEC_BENCH_CURL_MIB:-512}
command -v nginx >/dev/null || { echo "nginx is needed: apt-get install nginx-light" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed: apt-get install curl" >&2; exit 1; }
dir=$(mktemp -d)
trap 'kill $(cat "$dir/nginx.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$dir"' EXIT
port=$((20000 + RANDOM % 20000))
token=00000000-1111-2222-3333-444444444444
scheme=http tls_listen="" tls_files="" ca_setting="" curl_tls=()
if [ "${HEC_BENCH_TLS:-0}" = 1 ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
  scheme=https tls_listen=" ssl"
  tls_files="ssl_certificate $dir/cert.pem; ssl_certificate_key $dir/key.pem;"
  ca_setting="httpeventCAFile = $dir/cert.pem"
  curl_tls=(--cacert "$dir/cert.pem")
fi
sed -e "s|@DIR@|$dir|g" -e "s|@PORT@|$port|g" -e "s|@TOKEN@|$token|g" -e "s|@TLS_LISTEN@|$tls_listen|" \
  -e "s|@TLS_FILES@|$tls_files|" "$here/nginx.conf.in" > "$dir/nginx.conf"
nginx -c "$dir/nginx.conf" -p "$dir" &
for _ in $(seq 50); do [ -s "$dir/nginx.pid" ] && break; sleep 0.1; done
url="$scheme://127.0.0.1:$port/services/collector/event"
mkdir -p "$dir/app/samples" "$dir/app/default"
cp "$here/../samples/windbag-5-tokens" "$dir/app/samples/"
cat > "$dir/app/default/eventgen.conf" <<CONF
[windbag-5-tokens]
outputMode = httpevent
httpeventServers = {"servers": [{"protocol": "$scheme", "address": "127.0.0.1", "port": "$port", "key": "$token"}]}
$ca_setting
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

# curl's payload: 1 MiB (at most) of HEC events shaped like eventgen's.
event='{"time":1388868874.000,"event":"2014-01-04 20:54:34 WINDBAG Event 1 of 5 3 7 1 20:54:34","host":"bench","source":"eventgen.log","sourcetype":"eventgen","index":"main"}'
awk -v e="$event" 'BEGIN { n = int(1048576 / (length(e) + 1)); for (i = 0; i < n; i++) print e }' > "$dir/payload.json"
payload_bytes=$(stat -c %s "$dir/payload.json")
posts=$(( curl_mib * 1048576 / payload_bytes ))

now() { date +%s.%N; }
# Idle and total jiffies of all cores (/proc/stat): the machine's busy share over a
# run says whether the run was bound by the cores or waited on something else.
cpu_jiffies() { awk '/^cpu / { print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
# busy_share IDLE0 TOTAL0: share of all cores busy since that reading
busy_share() {
  local idle total
  read -r idle total < <(cpu_jiffies)
  awk -v i=$(( idle - $1 )) -v t=$(( total - $2 )) 'BEGIN { printf "%.3f\n", (t > 0 ? 1 - i / t : 0) }'
}
# curl_limit CONNECTIONS: "payload_MB/s busy_share" of CONNECTIONS curls in parallel, each posting
# the payload $posts times over one kept-alive connection (URL globbing: one handle).
curl_limit() {
  local start end i idle total
  read -r idle total < <(cpu_jiffies)
  start=$(now)
  for i in $(seq "$1"); do
    curl -s --fail "${curl_tls[@]}" -o /dev/null -H "Authorization: Splunk $token" --data-binary @"$dir/payload.json" \
      "$url?n=[1-$posts]" &
  done
  wait
  end=$(now)
  awk -v b=$(( $1 * posts * payload_bytes )) -v s="$start" -v t="$end" -v busy="$(busy_share "$idle" "$total")" \
    'BEGIN { printf "%.1f %s\n", b / (t - s) / 1e6, busy }'
}
# eventgen_run BINARY WORKERS: "events failed seconds payload_bytes busy_share"
eventgen_run() {
  local start end summary wire events failed idle total busy
  read -r idle total < <(cpu_jiffies)
  start=$(now)
  "$1" generate "$dir/app" --generators "$2" --seed 1 -v "${extra[@]}" 2> "$dir/run.log" >/dev/null
  end=$(now)
  busy=$(busy_share "$idle" "$total")
  # The run's summary: the scope=run line has the events and failures, the scope=output
  # lines the bytes each output wrote (for HEC: the JSON payloads).
  summary=$(grep " summary .*scope=run" "$dir/run.log")
  wire=$(grep " summary scope=output output=\"\?httpevent" "$dir/run.log" | sed 's/.* written_bytes=\([0-9]*\).*/\1/' | awk '{s+=$1} END {printf "%.0f\n", s}')
  events=$(echo "$summary" | sed 's/.* summary events=\([0-9]*\).*/\1/')
  failed=$(echo "$summary" | sed 's/.* failed=\([0-9]*\).*/\1/')
  awk -v e="$events" -v f="$failed" -v b="$wire" -v s="$start" -v t="$end" -v u="$busy" \
    'BEGIN { printf "%.0f %.0f %.3f %.0f %s\n", e, f, t - s, b, u }'
}
extra=("$@")
binaries=("$binary")
[ -n "${HEC_BENCH_BASELINE:-}" ] && binaries+=("$HEC_BENCH_BASELINE")
results="$dir/results"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
  for w in $workers_list; do
    echo "curl $w $(curl_limit "$w")" >> "$results"
    for b in "${!binaries[@]}"; do
      # Alternate the order of the binaries from round to round.
      (( round % 2 )) && k=$b || k=$(( ${#binaries[@]} - 1 - b ))
      label=test; [ "$k" -gt 0 ] && label=baseline
      echo "$label $w $(eventgen_run "${binaries[$k]}" "$w")" >> "$results"
    done
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "medians of $rounds rounds; curl: $(( payload_bytes )) B payloads, $posts per connection"
awk -v ncpu="$(nproc)" '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ");
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  # Core-seconds per GB: what a run cost the whole machine (eventgen or curl, nginx,
  # the kernel) per GB of payload; the machine gives ncpu core-seconds each second.
  function per_gb(busy, mbps) { return busy * ncpu / (mbps / 1e3) }
  $1 == "curl" { curl[$2] = curl[$2] " " $3; cbusy[$2] = cbusy[$2] " " $4; ccost[$2] = ccost[$2] " " per_gb($4, $3); next }
  { key = $1 " " $2; seen[key] = 1; m = $6 / $5 / 1e6; eps[key] = eps[key] " " $3 / $5; mbs[key] = mbs[key] " " m;
    ev[key] = $3; failed[key] += $4; busy[key] = busy[key] " " $7; cost[key] = cost[key] " " per_gb($7, m) }
  END {
    printf "%-9s %7s %10s %12s %9s %9s %11s %9s %7s %6s %10s %10s %11s\n", "binary", "workers", "events", "events/s", "MB/s",
           "GB/day", "curl MB/s", "of curl", "vs 1 w", "busy", "curl busy", "core-s/GB", "curl core-s";
    for (pass = 0; pass < 2; pass++) for (key in seen) {
      split(key, k, " "); if ((k[1] == "test") != (pass == 0)) continue;
      c = median(curl[k[2]]); e = median(eps[key]); m = median(mbs[key]);
      one = median(eps[k[1] " 1"]); ratio = (k[2] != 1 && one > 0) ? sprintf("%.2fx", e / one) : "";
      printf "%-9s %7d %10d %12.0f %9.1f %9.0f %11.1f %8.0f%% %7s %5.0f%% %9.0f%% %10.2f %11.2f%s\n", k[1], k[2], ev[key], e, m,
             m * 86400 / 1e3, c, 100 * m / c, ratio, 100 * median(busy[key]), 100 * median(cbusy[k[2]]),
             median(cost[key]), median(ccost[k[2]]), failed[key] ? "  FAILED EVENTS: " failed[key] : "";
    }
  }' "$results" | { read -r header; echo "$header"; sort -k1,1r -k2,2n; }
