#!/usr/bin/env bash
# The window on a real desktop: Xvfb with a real window manager (openbox), the real jar, and the window manager's
# own geometry. Headless tests (Monocle) and bare Xvfb cannot see what a Linux user sees: a window that shrinks to
# its minimum, a dialog that cannot be resized, text cut to "…". This check can.
#
#   scripts/desktop-check.sh            (after `mvn -B verify`, or it builds the jar itself)
#
# It installs what it needs from Debian's packages, saves screenshots under target/desktop-check/, and exits
# non-zero with a line per failed check. .ci/run runs it after the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/desktop-check
rm -rf "$out"; mkdir -p "$out"
jar=target/sse-monitor.jar
# The README's run command: the jar with the class-data-sharing archive `package` writes beside it.
cds=(-XX:SharedArchiveFile=target/sse-monitor.jsa)

need=()
for tool in Xvfb:xvfb openbox:openbox xdotool:xdotool xwininfo:x11-utils import:imagemagick wmctrl:wmctrl; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || need+=("${tool#*:}")
done
[ -e /usr/lib/x86_64-linux-gnu/libgtk-3.so.0 ] || [ -e /usr/lib/aarch64-linux-gnu/libgtk-3.so.0 ] || need+=(libgtk-3-0)
if [ ${#need[@]} -gt 0 ]; then
  echo "desktop-check: installing ${need[*]}"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
[ -f "$jar" ] || mvn -B -q -DskipTests -DskipAppImage package

# A free display number, so a developer's own Xvfb is never touched.
display=""
for n in $(seq 90 130); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || { echo "desktop-check: no free X display" >&2; exit 1; }
export DISPLAY=$display
home=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$home"
}
trap cleanup EXIT

Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >"$out/xvfb.log" 2>&1 & pids+=($!)
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
openbox >"$out/openbox.log" 2>&1 & pids+=($!)
sleep 1

failures=0
fail() { echo "desktop-check: FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "desktop-check: ok: $*"; }

app_pid=""
launch() { # launch NAME [extra java options…]
  local name=$1; shift
  rm -f "$out/$name.audit.json"
  java "${cds[@]}" "$@" -Dsse.monitor.home="$home" -Dsse.monitor.audit="$out/$name.audit.json" -jar "$jar" >"$out/$name.log" 2>&1 &
  app_pid=$!; pids+=("$app_pid")
  for _ in $(seq 300); do
    wid=$(xdotool search --onlyvisible --name '^SSE Monitor$' 2>/dev/null | head -1 || true)
    [ -n "$wid" ] && [ -f "$out/$name.audit.json" ] && break
    sleep 0.1
  done
  [ -n "${wid:-}" ] || { fail "$name: the window never appeared (see $out/$name.log)"; return 1; }
  sleep 2 # let the demo stream put rows on screen
}
# The client area's size, as the window manager placed it.
size_of() { xwininfo -id "$1" | awk '/^  Width:/{w=$2} /^  Height:/{h=$2} END{print w "x" h}'; }
audit() { # audit NAME PYTHON-EXPRESSION-OVER-a: prints its value
  python3 -c "import json,sys; a=json.load(open('$out/$1.audit.json')); print($2)"
}
gone() { # the process has exited (a zombie waiting for this shell counts as exited)
  local state; state=$(ps -o stat= -p "$1" 2>/dev/null || true)
  [ -z "$state" ] || [ "${state:0:1}" = Z ]
}
quit_app() { # closes the window the way a user does, through the window manager
  wmctrl -i -c "$wid"
  for _ in $(seq 100); do gone "$app_pid" && { wait "$app_pid" 2>/dev/null || true; return 0; }; sleep 0.1; done
  fail "the app did not exit within 10 s of its window being closed"
}
shot() { # shot NAME [WINDOW]: the whole screen, or one window with the window manager's frame
  if [ -n "${2:-}" ]; then import -frame -window "$2" "$out/$1.png"; else import -window root "$out/$1.png"; fi
}
# Waits until the main window's scene is W x H in the audit, then for two more snapshots, so the one read next was
# taken after the layout that followed the resize (not inside a timing window).
wait_audit() { # wait_audit NAME W H
  local seq0="" now
  for _ in $(seq 200); do
    now=$(audit "$1" "str(a['seq']) + ' ' + ('yes' if int(a['windows'][0]['width'])==$2 and int(a['windows'][0]['height'])==$3 else 'no')" 2>/dev/null || echo "0 no")
    if [ "${now#* }" = yes ]; then
      [ -z "$seq0" ] && seq0=${now% *}
      [ "${now% *}" -ge $((seq0 + 2)) ] && return 0
    fi
    sleep 0.1
  done
  fail "$1: the window never became $2x$3 (last audit: $now)"
  return 1
}

# 0. How long a new user looks at nothing: launch to the window mapped, and to its first painted frame (a blank
#    window is one flat colour). Printed, not asserted: a shared machine's timings are no test.
t0=$(date +%s%N)
java "${cds[@]}" -Dsse.monitor.home="$home" -jar "$jar" >"$out/paint.log" 2>&1 & paint_pid=$!; pids+=("$paint_pid")
mapped=""; painted=""; full=""
for _ in $(seq 1500); do
  w=$(xdotool search --onlyvisible --name '^SSE Monitor$' 2>/dev/null | head -1 || true)
  if [ -n "$w" ]; then
    [ -n "$mapped" ] || mapped=$(( ($(date +%s%N) - t0) / 1000000 ))
    sd=$(import -window "$w" -colorspace gray -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0)
    # Anything drawn (the menus and the "Starting…" line) is not one flat colour; the whole first tab is far from it.
    if [ -z "$painted" ] && awk "BEGIN{exit !($sd > 0.005)}"; then painted=$(( ($(date +%s%N) - t0) / 1000000 )); fi
    if awk "BEGIN{exit !($sd > 0.05)}"; then full=$(( ($(date +%s%N) - t0) / 1000000 )); break; fi
  fi
  sleep 0.02
done
echo "desktop-check: startup: window mapped after ${mapped:-?} ms, first painted frame after ${painted:-?} ms, first tab painted after ${full:-?} ms"
[ -n "${w:-}" ] && wmctrl -i -c "$w"
for _ in $(seq 100); do gone "$paint_pid" && break; sleep 0.1; done
rm -f "$home/settings.json"

# 1. First launch: the intended size, and it stays so (JavaFX before 22 shrank it to its minimum under a WM).
launch first
sleep 1
s=$(size_of "$wid")
[ "$s" = "1280x820" ] && pass "first launch opens at 1280x820" || fail "first launch: the window is $s, not 1280x820"
shot light "$wid"

# 2. At 1280x800 nothing is cut to "…".
xdotool windowsize "$wid" 1280 800
wait_audit first 1280 800
cut=$(audit first "len(a['windows'][0]['truncated'])")
[ "$cut" = 0 ] && pass "nothing is cut at 1280x800" \
  || fail "at 1280x800 these are cut: $(audit first "'; '.join(t['id']+'='+t['shown'] for t in a['windows'][0]['truncated'])")"

# 3. The scenarios dialog (Ctrl+Shift+O) shows at least 8 rows and can be resized.
xdotool windowactivate --sync "$wid" key --clearmodifiers ctrl+shift+o
for _ in $(seq 50); do dialog=$(xdotool search --onlyvisible --name '^Stub scenarios$' 2>/dev/null | head -1 || true); [ -n "$dialog" ] && break; sleep 0.1; done
if [ -z "${dialog:-}" ]; then
  fail "the scenarios dialog did not open"
else
  for _ in $(seq 100); do
    rows=$(audit first "max([t['rowsShown'] for w in a['windows'] for t in w['tables'] if t['id']=='scenarios'] or [0])")
    [ "$rows" -ge 8 ] && break; sleep 0.1
  done
  rows=$(audit first "max([t['rowsShown'] for w in a['windows'] for t in w['tables'] if t['id']=='scenarios'] or [0])")
  [ "$rows" -ge 8 ] && pass "the scenarios dialog shows $rows rows" || fail "the scenarios dialog shows $rows rows (at least 8 wanted)"
  shot scenarios
  before=$(size_of "$dialog"); xdotool windowsize "$dialog" 1100 700; sleep 1; after=$(size_of "$dialog")
  [ "$before" != "$after" ] && pass "the scenarios dialog resizes ($before to $after)" || fail "the scenarios dialog cannot be resized ($before)"
  wmctrl -i -c "$dialog"; sleep 0.5
fi

# 4. 900x600: still readable (screenshot), then closed at a size of the user's own.
xdotool windowsize "$wid" 900 600
wait_audit first 900 600
shot 900x600
cut=$(audit first "len(a['windows'][0]['truncated'])")
[ "$cut" = 0 ] && pass "nothing is cut at 900x600" \
  || fail "at 900x600 these are cut: $(audit first "'; '.join(t['id']+'='+t['shown'] for t in a['windows'][0]['truncated'])")"
xdotool windowsize "$wid" 1100 700; sleep 1
quit_app

# 5. Second launch: the size the user left it at.
launch second
s=$(size_of "$wid")
[ "$s" = "1100x700" ] && pass "the second launch opens at the remembered 1100x700" || fail "second launch: $s, not the remembered 1100x700"
xdotool windowsize "$wid" 1280 820; sleep 1

# 6. Reconnecting: a stream that says retry: 10 minutes, so the badge counts down (Ctrl+T, Ctrl+L, type, Enter).
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$home/settings.json" | head -1 || true)
if [ -n "$base" ]; then
  xdotool windowactivate --sync "$wid" key --clearmodifiers ctrl+t; sleep 0.5
  xdotool key --clearmodifiers ctrl+l; xdotool type --delay 5 "$base/retry?ms=600000"; xdotool key Return
  sleep 3; shot reconnecting "$wid"
  pass "reconnecting screenshot taken"
  # 6b. The Message view, one tab per LLM format from the stub: the answer assembled and finished, screenshot each.
  for f in openai openai-responses anthropic gemini; do
    xdotool windowactivate --sync "$wid" key --clearmodifiers ctrl+t; sleep 0.5
    xdotool key --clearmodifiers ctrl+l; xdotool type --delay 5 "$base/llm?format=$f&tool=1&delay=15&jitter=20&stall=400"
    xdotool key Return
    heading=""
    for _ in $(seq 200); do # until the audit shows this format's answer finished (at most 20 s)
      heading=$(audit second "[w['texts'].get('answerHeading', '') for w in a['windows'] if w['title'] == 'SSE Monitor'][0]" 2>/dev/null || true)
      case "$heading" in *finished*) break ;; esac
      sleep 0.1
    done
    sleep 1.2 # two more audit snapshots: the screen shows what the audit read
    case "$heading" in
      *finished*) pass "$f: the Message view shows a finished answer ($heading)"; shot "message-$f" "$wid" ;;
      *) fail "$f: the Message view never showed a finished answer (last heading: '$heading')" ;;
    esac
  done
else
  fail "no stub URL in the settings' recent list to build the reconnecting tab from"
fi
quit_app

# 7. Dark theme.
python3 - "$home/settings.json" <<'PY'
import json, sys
p = sys.argv[1]; s = json.load(open(p)); s["darkTheme"] = True; json.dump(s, open(p, "w"))
PY
launch dark
shot dark "$wid"
quit_app

echo "desktop-check: screenshots in $out/"
[ "$failures" = 0 ] || { echo "desktop-check: $failures check(s) failed"; exit 1; }
echo "desktop-check: all checks passed"
