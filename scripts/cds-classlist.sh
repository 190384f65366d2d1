#!/usr/bin/env bash
# Writes packaging/cds/classes.lst: the classes a launch loads, which the build turns into a class-data-sharing
# archive (target/sse-monitor.jsa) so the next launches map them instead of reading, verifying and linking each one.
# Training runs: the window under openbox on Xvfb until its first tab is built and the demo stream has run a few
# seconds, then `stub`, `--version` and `watch` (all records, and --events-only) on loopback. Re-run it after large changes to
# what start-up loads; a class the list misses is only loaded the slow way, a name it has that is gone is skipped.
# Usage: scripts/cds-classlist.sh      Needs: xvfb openbox libgtk-3-0, and target/sse-monitor.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/sse-monitor.jar ] || mvn -B -q -DskipTests package
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
Xvfb :93 -screen 0 1400x900x24 >/dev/null 2>&1 &
sleep 1
DISPLAY=:93 openbox >/dev/null 2>&1 &
sleep 1
run() { # list file, then the command's arguments
  local list=$1; shift
  java -XX:DumpLoadedClassList="$work/$list" -Dsse.monitor.home="$work/home" -jar target/sse-monitor.jar "$@"
}

# The window: until the first tab is built, then five seconds of the demo stream.
mkdir -p "$work/home"
DISPLAY=:93 java -XX:DumpLoadedClassList="$work/gui.lst" -Dsse.monitor.home="$work/home" \
  -Dsse.monitor.startupTrace="$work/trace.txt" -jar target/sse-monitor.jar >/dev/null 2>&1 &
gui=$!
for _ in $(seq 600); do grep -q "first tab built" "$work/trace.txt" 2>/dev/null && break; sleep 0.1; done
grep -q "first tab built" "$work/trace.txt" || { echo "cds-classlist: the window never built its first tab" >&2; exit 1; }
sleep 5
kill -TERM $gui; wait $gui || true

# The stub and `watch`.
run stub.lst stub --port 0 > "$work/stub.log" &
stub=$!
for _ in $(seq 100); do grep -q listening "$work/stub.log" && break; sleep 0.1; done
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/stub.log" | head -1)
[ -n "$base" ] || { echo "cds-classlist: the stub did not start" >&2; exit 1; }
run version.lst --version > /dev/null
run watch.lst watch "$base/sse" --max-events 2 > /dev/null
run watch-events.lst watch "$base/flood?count=1000" --events-only --max-events 1000 > /dev/null
kill -TERM $stub; wait $stub || true

out=packaging/cds/classes.lst
{
  echo "# Classes for the class-data-sharing archive (target/sse-monitor.jsa), written by scripts/cds-classlist.sh"
  echo "# from training runs of the window, \`watch\` and \`stub\`. Generated: do not edit by hand."
  # In the order they loaded, each once; no comments, no generated proxies (their names differ from run to run).
  cat "$work/gui.lst" "$work/stub.lst" "$work/version.lst" "$work/watch.lst" "$work/watch-events.lst" \
    | grep -v '^#' | grep -v '\$Proxy[0-9]' | awk '!seen[$0]++'
} > "$out"
echo "$out: $(grep -vc '^#' "$out") entries ($(grep -c '^dev/ssemonitor/' "$out") of the app's own classes)"
