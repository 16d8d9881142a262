#!/usr/bin/env bash
# Re-takes the pictures of docs/images/ from real windows, as a student would meet them: starts
# the jar under Xvfb, clicks with xdotool, and takes each picture of the whole screen with
# ImageMagick's import. Needs: apt-get install -y --no-install-recommends xvfb xdotool imagemagick
# libgtk-3-0. Without a jar, builds one (mvn -o -q package -DskipTests).
#
# The window opens at 0,0 on a 1280x800 screen with no window manager, so the places clicked are
# fixed: the tabs along y = 49, the Store panel's Get button below the Simulation panel.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-docs/images}
SCREEN=${SCREENSHOT_DISPLAY:-:102}
mkdir -p "$OUT"
[ -f target/kadscope.jar ] || mvn -o -q package -DskipTests

XVFB=
APP=
cleanup() {
  [ -n "$APP" ] && kill "$APP" 2>/dev/null || true
  [ -n "$XVFB" ] && kill "$XVFB" 2>/dev/null || true
}
trap cleanup EXIT
if ! xdpyinfo -display "$SCREEN" >/dev/null 2>&1; then
  Xvfb "$SCREEN" -screen 0 1280x800x24 -nolisten tcp &
  XVFB=$!
  sleep 1
fi
export DISPLAY=$SCREEN

click() { xdotool mousemove "$1" "$2" click 1; sleep "${3:-1}"; }
shot() { import -window root "$OUT/$1.png"; echo "wrote $OUT/$1.png"; }
tab() {
  local x
  case "$1" in
    ring) x=330 ;; tree) x=405 ;; buckets) x=480 ;; lookup) x=566 ;;
    traffic) x=641 ;; map) x=713 ;; experiments) x=803 ;;
  esac
  click "$x" 49 "${2:-2}"
}
# Waits until the log says the window's start is over (the values are seeded), at most $2 s.
await_start() {
  for _ in $(seq "$2"); do
    grep -q "window started" "$1" && { sleep 3; return; }
    sleep 1
  done
  echo "the window did not start within $2 s; see $1" >&2
  exit 1
}
open_window() {
  LOG=$(mktemp)
  java -Dprism.order=sw -jar target/kadscope.jar "$@" >"$LOG" 2>&1 &
  APP=$!
}
close_window() {
  kill "$APP"
  wait "$APP" 2>/dev/null || true
  APP=
}

# The default start: 10,000 simulated peers, the window's node the last to join.
open_window
await_start "$LOG" 120
tab tree
shot tree
tab buckets
shot buckets
tab ring
shot ring
click 355 77
shot ring-distance
click 355 77
# The first Get of the key offered, in slow motion: a round trip takes about a second.
click 133 372 12
shot lookup
tab map 5
shot network-map
tab traffic
shot traffic
tab experiments
click 970 77
# The view-model logs "sweep done" when the last size is measured (about a minute and a half).
for _ in $(seq 300); do
  grep -q "sweep done" "$LOG" && break
  sleep 1
done
shot experiments
close_window

# The simulated network of 100,000 peers, on its network map (its build takes the longest).
open_window --sim-peers 100000
await_start "$LOG" 3600
tab map 6
shot sim-100k
close_window
