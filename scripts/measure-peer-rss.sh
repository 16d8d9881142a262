#!/usr/bin/env bash
# Measures the resident memory (RSS) of one headless peer run with the JVM flags of
# Dockerfile.headless's ENTRYPOINT, after it has joined a 30-node network and served a console
# workload, as docs/p2p_setup.md reports. Outside a container: no memory limit applies, so the
# heap may grow up to MaxRAMPercentage of the machine; the figure is what the flags keep it at.
#   scripts/measure-peer-rss.sh [NODES] [--no-flags]
# EXTRA_FLAGS="-XX:..." adds flags after the Dockerfile's, to try others; SETTLE=N idles N
# seconds before reading the RSS (maintenance timers, pings from the others); NMT=1 prints the
# JVM's native memory summary (with EXTRA_FLAGS=-XX:NativeMemoryTracking=summary).
# Needs target/kadscope.jar (mvn -q package). Uses UDP ports 7200.. and 7300 on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

NODES=${1:-30}
JAR=target/kadscope.jar
BASE=7200
PEER_PORT=7300
[[ -f $JAR ]] || { echo "build the jar first: mvn -q package" >&2; exit 2; }

# The JVM flags: the ENTRYPOINT's elements between "java" and "-jar".
flags=()
if [[ ${2:-} != --no-flags ]]; then
  mapfile -t flags < <(
    sed -n '/^ENTRYPOINT \[/,/\]/p' Dockerfile.headless | grep -o '"[^"]*"' | tr -d '"' |
      sed -n '2,$p' | sed '/^-jar$/,$d')
fi
# The image's class-data archive is the one the build made beside the jar (target/kadscope.jsa).
flags=("${flags[@]/#-XX:SharedArchiveFile=\/opt\/kadscope\/kadscope.jsa/-XX:SharedArchiveFile=$PWD/target/kadscope.jsa}")
read -r -a extra <<<"${EXTRA_FLAGS:-}"
flags+=("${extra[@]}")
echo "flags: ${flags[*]:-(none)}"

work=$(mktemp -d)
cleanup() {
  exec 7>&- 8>&- 2>/dev/null || true
  if [[ -n ${peer_pid:-} ]]; then kill "$peer_pid" 2>/dev/null || true; fi
  if [[ -n ${net_pid:-} ]]; then kill "$net_pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# await FILE PATTERN SECONDS: waits until a line of FILE matches PATTERN.
await() {
  local deadline=$((SECONDS + $3))
  until grep -q -- "$2" "$1"; do
    if ((SECONDS > deadline)); then
      echo "timed out waiting for '$2' in $1:" >&2
      tail -20 "$1" >&2
      exit 1
    fi
    sleep 0.2
  done
}

mkfifo "$work/net.in" "$work/peer.in"
java -XX:+UseSerialGC -cp "$JAR" scripts/LoopbackPeers.java "$NODES" "$BASE" \
  <"$work/net.in" >"$work/net.out" 2>&1 &
net_pid=$!
exec 7>"$work/net.in"
await "$work/net.out" "^ready" 120

java "${flags[@]}" -jar "$JAR" --headless join 127.0.0.1 "$BASE" "$PEER_PORT" \
  <"$work/peer.in" >"$work/peer.out" 2>&1 &
peer_pid=$!
exec 8>"$work/peer.in"
await "$work/peer.out" "^Joined the network" 60

# A console workload: 50 values set and read back.
for i in $(seq 1 50); do echo "set key$i value number $i" >&8; done
await "$work/peer.out" "^Stored key50 " 120
for i in $(seq 1 50); do echo "get key$i" >&8; done
until (($(grep -c '^Received value' "$work/peer.out") >= 50)); do sleep 0.2; done
echo "info" >&8
await "$work/peer.out" "^contacts" 10

sleep "${SETTLE:-0}"
grep -E '^(id|address|contacts|stored) ' "$work/peer.out" | sed 's/^/peer: /'
grep -E '^Vm(RSS|HWM)' "/proc/$peer_pid/status"
if [[ -n ${NMT:-} ]]; then jcmd "$peer_pid" VM.native_memory summary | grep -E 'committed' | head -25; fi
rss_kb=$(awk '/^VmRSS/{print $2}' "/proc/$peer_pid/status")
echo "RSS: $((rss_kb / 1024)) MB with $NODES other nodes"
