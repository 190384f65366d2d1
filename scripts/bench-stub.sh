#!/usr/bin/env bash
# The stub's flood read by `curl -N`: wall time and the stub process's own CPU time, for 100-byte and 1000-byte data.
# Usage: scripts/bench-stub.sh [EVENTS] [RUNS]   (defaults: 5,000,000 events, 3 runs of each size)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000000}
RUNS=${2:-3}
[ -f target/sse-monitor.jar ] || mvn -B -q -DskipTests package
log=$(mktemp)
java -XX:SharedArchiveFile=target/sse-monitor.jsa -jar target/sse-monitor.jar stub --port 0 --quiet > "$log" &
stub=$!
trap 'kill $stub 2>/dev/null' EXIT
for _ in $(seq 100); do grep -q listening "$log" && break; sleep 0.1; done
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)
[ -n "$base" ] || { echo "the stub did not start: $(cat "$log")" >&2; exit 1; }
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$stub/stat"; } # user + system, in clock ticks
curl -sN "$base/flood?count=200000&size=100" -o /dev/null # the JIT's first pass over the flood, not measured
for size in 100 1000; do
  for run in $(seq "$RUNS"); do
    c0=$(cpu); t0=$(date +%s.%N)
    bytes=$(curl -sN "$base/flood?count=$N&size=$size" | wc -c)
    t1=$(date +%s.%N); c1=$(cpu)
    awk -v n="$N" -v s="$size" -v b="$bytes" -v t="$(echo "$t1 - $t0" | bc -l)" -v c="$(( c1 - c0 ))" -v hz="$ticks" \
      'BEGIN { printf "%4d-byte data: %d events, %.0f MB, %.2f s, %.2f M events/s, %.0f MB/s; the stub'"'"'s CPU %.2f s\n",
               s, n, b / 1e6, t, n / t / 1e6, b / t / 1e6, c / hz }'
  done
done
