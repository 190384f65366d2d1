#!/usr/bin/env bash
# Regenerates the icon set from the drawing below. Needs ImageMagick and python3; the results are committed, so a
# build never runs this. sse-monitor-1024.png is the master; .ico is for Windows, .icns for macOS.
set -euo pipefail
cd "$(dirname "$0")"
cx=290; cy=734
arcs=()
for r in 210 340 470; do arcs+=(-draw "stroke-linecap round arc $((cx-r)),$((cy-r)) $((cx+r)),$((cy+r)) 270,360"); done
convert -size 1024x1024 xc:none \
  -fill '#1d4ed8' -draw "roundrectangle 40,40 984,984 200,200" \
  \( -size 1024x1024 gradient:'#3b82f6-#1e3a8a' \) -compose src-in -composite \
  -fill none -stroke white -strokewidth 76 "${arcs[@]}" \
  -stroke none -fill white -draw "circle $cx,$cy $cx,$((cy+78))" \
  -fill '#22c55e' -stroke white -strokewidth 22 -draw "circle 812,212 812,300" \
  sse-monitor-1024.png
for s in 16 32 48 64 128 256 512; do convert sse-monitor-1024.png -resize "${s}x${s}" "sse-monitor-$s.png"; done
cp sse-monitor-256.png sse-monitor.png
convert sse-monitor-{16,32,48,64,128,256}.png sse-monitor.ico
# ICNS: 'icns', total length, then (type, length, PNG bytes) chunks; ic07..ic10 take PNG data.
python3 - <<'PY'
import struct
chunks = b""
for kind, size in (("ic07", 128), ("ic08", 256), ("ic09", 512), ("ic10", 1024)):
    data = open(f"sse-monitor-{size}.png", "rb").read()
    chunks += kind.encode() + struct.pack(">I", len(data) + 8) + data
open("sse-monitor.icns", "wb").write(b"icns" + struct.pack(">I", len(chunks) + 8) + chunks)
PY
