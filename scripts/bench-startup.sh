#!/usr/bin/env bash
# Time from launch to the first visible window, under Xvfb: the app-image launcher and `java -jar`.
# Needs: xvfb xdotool (apt-get install -y xvfb xdotool libgtk-3-0); builds with `mvn -B -Ppackage -DskipTests package`.
set -euo pipefail
cd "$(dirname "$0")/.."
Xvfb :97 -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
sleep 1
export DISPLAY=:97
measure() { # label, command...
  local label=$1; shift
  local times=()
  for run in 1 2 3 4 5; do
    sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
    local home; home=$(mktemp -d)
    local t0; t0=$(date +%s%N)
    HOME=$home "$@" >/dev/null 2>&1 &
    local pid=$!
    # Poll every 20 ms (xdotool's own --sync waits in 0.5 s steps); give up after 60 s.
    for _ in $(seq 3000); do
      xdotool search --onlyvisible --name "^SSE Monitor$" >/dev/null 2>&1 && break
      sleep 0.02
    done
    local t1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
    kill $pid; wait $pid 2>/dev/null || true
  done
  printf '%-28s first window in ms (5 runs): %s\n' "$label" "${times[*]}"
}
measure "app-image bin/sse-monitor" target/dist/sse-monitor/bin/sse-monitor
measure "java -jar sse-monitor.jar" java -jar target/sse-monitor.jar
