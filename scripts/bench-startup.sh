#!/usr/bin/env bash
# Launch to the window mapped, to its first painted frame (a blank window is one flat colour) and to the first tab
# painted (the whole window far from flat), under openbox on
# Xvfb: `java -jar` with the build's class-data-sharing archive (target/sse-monitor.jsa) and without it, run for
# run in turn, and, when built, the app-image launcher. Fresh settings each run (a new settings folder, given
# through JAVA_TOOL_OPTIONS, which both launchers read).
# The app's own marks (StartupTrace: toolkit up, window shown, frames laid out, first tab built) are printed per run.
# Usage: scripts/bench-startup.sh [RUNS] [--cold]   (--cold drops the page cache before each run; needs root)
# Needs: xvfb openbox xdotool imagemagick libgtk-3-0. The app-image comes from `mvn -B -Ppackage -DskipTests package`.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cold=${2:-}
# Always built: a jar left from older code would be measured as if it were this one.
mvn -B -q -DskipTests package
Xvfb :97 -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=:97
openbox >/dev/null 2>&1 &
wm=$!
trap 'kill $wm $xvfb 2>/dev/null' EXIT
sleep 1
one_run() { # label, command...: one launch; appends to the label's lists
  local label=$1; shift
  if [ "$cold" = "--cold" ]; then sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true; fi
  local home; home=$(mktemp -d)
  local t0; t0=$(date +%s%N)
  local trace="$home/startup-trace.txt"
  JAVA_TOOL_OPTIONS="-Dsse.monitor.home=$home -Dsse.monitor.startupTrace=$trace -Dsse.monitor.launchedAt=$(( t0 / 1000000 )) ${BENCH_JAVA_OPTS:-}" \
    "$@" >/dev/null 2>&1 &
  local pid=$!
  local mapped="" painted="" full="" w=""
  # Poll every 20 ms; give up after 60 s.
  for _ in $(seq 3000); do
    w=$(xdotool search --onlyvisible --name '^SSE Monitor$' 2>/dev/null | head -1 || true)
    if [ -n "$w" ]; then
      [ -n "$mapped" ] || mapped=$(( ($(date +%s%N) - t0) / 1000000 ))
      local sd
      sd=$(import -window "$w" -colorspace gray -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0)
      # Anything drawn (the menus and the "Starting…" line): not one flat colour. The whole tab: far from flat.
      if [ -z "$painted" ] && awk "BEGIN{exit !($sd > 0.005)}"; then painted=$(( ($(date +%s%N) - t0) / 1000000 )); fi
      if awk "BEGIN{exit !($sd > 0.05)}"; then full=$(( ($(date +%s%N) - t0) / 1000000 )); break; fi
    fi
    sleep 0.02
  done
  MAPPED[$label]+="${mapped:-?} "; PAINTED[$label]+="${painted:-?} "; FULL[$label]+="${full:-?} "
  sleep 2 # the first tab and its frame, for the trace
  kill $pid 2>/dev/null; wait $pid 2>/dev/null || true
  echo "  $label, in the app (ms after launch): $(tr '\n' ';' < "$trace" 2>/dev/null)"
  rm -rf "$home"
}
declare -A MAPPED PAINTED FULL
labels=("java -jar, CDS archive" "java -jar, no archive")
# -Xshare:on: a stale or unusable archive stops the run with the JVM's reason instead of measuring without it.
java -Xshare:on -XX:SharedArchiveFile=target/sse-monitor.jsa -jar target/sse-monitor.jar --version >/dev/null
app_image=target/dist/sse-monitor/bin/sse-monitor
if [ -x "$app_image" ]; then labels+=("app-image bin/sse-monitor"); fi
for _ in $(seq "$runs"); do
  one_run "${labels[0]}" java -XX:SharedArchiveFile=target/sse-monitor.jsa -jar target/sse-monitor.jar
  one_run "${labels[1]}" java -jar target/sse-monitor.jar
  if [ -x "$app_image" ]; then one_run "${labels[2]}" "$app_image"; fi
done
for label in "${labels[@]}"; do
  printf '%-28s mapped (ms): %s\n%-28s first painted frame (ms): %s\n%-28s first tab painted (ms): %s\n' \
    "$label" "${MAPPED[$label]}" "" "${PAINTED[$label]}" "" "${FULL[$label]}"
done
