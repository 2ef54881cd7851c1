#!/usr/bin/env bash
# Memory of a large CSV sample: generates a CSV of about SIZE_MB (default 40) with
# Apache-style _raw rows of varied metadata, then runs eventgen on it and on a tiny
# sample, in one worker and in two worker processes, and prints the peak resident
# memory of every process (VmHWM). The bound (bench/README.md): a sample costs at
# most about twice its file size plus a small constant in every process.
#   bench/memory/csv_memory.sh build/eventgen [SIZE_MB]
set -euo pipefail
bin=$(realpath "${1:?usage: csv_memory.sh path/to/eventgen [SIZE_MB]}")
size_mb=${2:-40}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/big/default" "$dir/big/samples" "$dir/tiny/default" "$dir/tiny/samples"
# Rows: _time,index,host,source,sourcetype,_raw (about 300 bytes each).
awk -v target=$((size_mb * 1024 * 1024)) 'BEGIN {
    srand(7); print "_time,index,host,source,sourcetype,_raw"; bytes = 0; n = 0
    split("GET POST PUT DELETE", m, " "); split("200 200 200 301 404 500", st, " ")
    while (bytes < target) {
        t = 1388868874 + n; n++
        ip = int(rand()*223+1) "." int(rand()*255) "." int(rand()*255) "." int(rand()*255)
        h = "web" sprintf("%02d", n % 40)
        raw = ip " - - [04/Jan/2014:20:54:" sprintf("%02d", n % 60) " +0000] \"\"" m[n % 4 + 1] " /product/" int(rand()*100000) "?cat=" int(rand()*50) "&session=" int(rand()*1e9) " HTTP/1.1\"\" " st[n % 6 + 1] " " int(rand()*9000+100) " \"\"http://shop.example.com/cart/" n "\"\" \"\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/" int(rand()*90+10) ".0\"\""
        line = t ",main," h ",/var/log/httpd/access_" (n % 3) ".log,access_combined,\"" raw "\""
        print line; bytes += length(line) + 1
    }
}' > "$dir/big/samples/access.csv"
echo '_time,_raw' > "$dir/tiny/samples/access.csv"
echo '1388868874,"1.2.3.4 - - [04/Jan/2014:20:54:34 +0000] ""GET / HTTP/1.1"" 200 1"' >> "$dir/tiny/samples/access.csv"
for app in big tiny; do
    cat > "$dir/$app/default/eventgen.conf" <<CONF
[access.csv]
sampletype = csv
outputMode = devnull
count = 20000
interval = 1
end = 3
token.0.token = \d{2}/\w{3}/\d{4}:\d{2}:\d{2}:\d{2}
token.0.replacementType = timestamp
token.0.replacement = %d/%b/%Y:%H:%M:%S
token.1.token = session=(\d+)
token.1.replacementType = random
token.1.replacement = integer[1:999999999]
CONF
done
file_bytes=$(stat -c %s "$dir/big/samples/access.csv")
echo "sample: $(wc -l < "$dir/big/samples/access.csv") rows, $((file_bytes / 1024 / 1024)) MB"
# Resident memory (MB) of the main process and of the largest worker, watched until
# the run ends: "peak" is VmHWM (loading included), "rss" the last VmRSS seen while
# generating (the sample loaded, the file text freed).
watch() {
    "$bin" generate "$dir/$1" "${@:2}" 2>/dev/null &
    local main=$! hwm=0 rss=0 khwm=0 krss=0 v
    while kill -0 "$main" 2>/dev/null; do
        v=$(awk '/VmHWM/ {print $2}' /proc/$main/status 2>/dev/null) && [ -n "$v" ] && hwm=$v
        v=$(awk '/VmRSS/ {print $2}' /proc/$main/status 2>/dev/null) && [ -n "$v" ] && rss=$v
        for c in $(cat /proc/$main/task/*/children 2>/dev/null); do
            v=$(awk '/VmHWM/ {print $2}' /proc/$c/status 2>/dev/null) && [ -n "$v" ] && [ "$v" -gt "$khwm" ] && khwm=$v
            v=$(awk '/VmRSS/ {print $2}' /proc/$c/status 2>/dev/null) && [ -n "$v" ] && [ "$v" -gt "$krss" ] && krss=$v
        done
        sleep 0.05
    done
    wait "$main" || true
    echo "$((hwm / 1024)) $((rss / 1024)) $((khwm / 1024)) $((krss / 1024))"
}
mb=$((file_bytes / 1024 / 1024))
read th tr _ _ < <(watch tiny)
read bh br _ _ < <(watch big)
echo "1 worker (thread): tiny sample peak ${th} MB rss ${tr} MB; ${mb} MB sample peak ${bh} MB (+$((bh - th))) rss ${br} MB (+$((br - tr)))"
read th tr twh twr < <(watch tiny --multiprocess --generators 2)
read bh br bwh bwr < <(watch big --multiprocess --generators 2)
echo "2 worker processes: main peak ${th} -> ${bh} MB (+$((bh - th))), rss ${tr} -> ${br} MB (+$((br - tr)));" \
     "each worker peak ${twh} -> ${bwh} MB (+$((bwh - twh))), rss ${twr} -> ${bwr} MB (+$((bwr - twr)))"
echo "bound: +$((2 * mb + 16)) MB (2 x file + 16 MB) resident while generating, in every process"
