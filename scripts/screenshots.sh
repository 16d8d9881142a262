#!/usr/bin/env bash
# Writes a picture of each view of the visualiser to docs/images/, from a real window.
# Needs a display: with none, starts Xvfb (apt-get install -y --no-install-recommends xvfb libgtk-3-0).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
if [ -z "${DISPLAY:-}" ]; then
  Xvfb :97 -screen 0 1280x800x24 -nolisten tcp &
  XVFB=$!
  trap 'kill $XVFB' EXIT
  export DISPLAY=:97
  sleep 1
fi
java -Dprism.order=sw -cp "target/classes:target/test-classes:$(cat target/cp.txt)" \
  io.kadscope.gui.dev.ScreenshotTour "${1:-docs/images}"
