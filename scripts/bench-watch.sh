#!/usr/bin/env bash
# End to end on loopback: the stub's flood read by `curl -N` and by `watch`, side by side, same stream.
# `watch` runs as the README has it, with the build's class-data-sharing archive (target/sse-monitor.jsa), and without.
# Usage: scripts/bench-watch.sh [EVENTS] [SIZE]   (defaults: 500000 events of 100 bytes of data)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-500000}
SIZE=${2:-100}
# Always built: a jar left from older code would be measured as if it were this one.
mvn -B -q -DskipTests package
log=$(mktemp)
java -jar target/sse-monitor.jar stub --port 0 --quiet > "$log" &
stub=$!
trap 'kill $stub 2>/dev/null' EXIT
for _ in $(seq 50); do grep -q listening "$log" && break; sleep 0.1; done
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)
url="$base/flood?count=$N&size=$SIZE"
bytes=$(curl -sN "$url" | wc -c)
echo "stream: $N events, $SIZE-byte data, $bytes bytes on the wire"
measure() { # name, command...
  local name=$1; shift
  local best=999999
  for run in 1 2 3; do
    local t0 t1
    t0=$(date +%s.%N); "$@" > /dev/null; t1=$(date +%s.%N)
    best=$(echo "$t1 - $t0" | bc -l | awk -v b="$best" '{print ($1 < b) ? $1 : b}')
  done
  awk -v n="$N" -v b="$bytes" -v t="$best" -v name="$name" \
    'BEGIN { printf "%-34s best of 3: %6.2f s  %10.0f events/s  %7.1f MB/s\n", name, t, n/t, b/t/1e6 }'
}
measure "curl -N" curl -sN "$url"
# -Xshare:on: a stale or unusable archive stops the benchmark with the JVM's reason instead of measuring without it.
java -Xshare:on -XX:SharedArchiveFile=target/sse-monitor.jsa -jar target/sse-monitor.jar --version > /dev/null
cds=(-XX:SharedArchiveFile=target/sse-monitor.jsa)
measure "watch --events-only, CDS archive" java "${cds[@]}" -jar target/sse-monitor.jar watch "$url" --events-only --max-events "$N"
measure "watch --events-only, no archive" java -jar target/sse-monitor.jar watch "$url" --events-only --max-events "$N"
measure "watch (all records), CDS archive" java "${cds[@]}" -jar target/sse-monitor.jar watch "$url" --max-events "$N"
measure "watch (all records), no archive" java -jar target/sse-monitor.jar watch "$url" --max-events "$N"
