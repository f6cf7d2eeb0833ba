#!/usr/bin/env bash
# How long SyncStore's packaged server takes to start (bin/syncstore-james start until it answers on WebAdmin) and
# the CPU it spends doing so, for each JVM option set given, RUNS times each, alternating the sets so that they share
# the machine's load. One line per start.
#
#   integration-tests/bench/start-time.sh "" "-XX:+UseParallelGC" "-XX:SharedArchiveFile=/tmp/ss.jsa"
#
# Environment: SYNCSTORE_DISTRIBUTION, RUNS (3), PORT_BASE (39000). Each start uses a new data folder (an empty
# store, as on a first start after installation); the options are passed as JAVA_OPTS.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RUNS=${RUNS:-3}
BASE=${PORT_BASE:-39000}
DISTRIBUTION=${SYNCSTORE_DISTRIBUTION:-$(ls "$ROOT"/target/syncstore-*-distribution.tar.gz)}
WORK=$(mktemp -d /tmp/start-time.XXXXXX)
trap '(cd "$WORK" && bin/syncstore-james stop >/dev/null 2>&1) || true; rm -rf "$WORK"' EXIT

tar -xzf "$DISTRIBUTION" -C "$WORK" --strip-components=1
python3 "$HERE/load/configure.py" syncstore "$WORK/conf" "$BASE"
for run in $(seq 1 "$RUNS"); do
    for options in "$@"; do
        rm -rf "$WORK/var"
        started=$(date +%s%N)
        (cd "$WORK" && JAVA_OPTS="$options" START_TIMEOUT=600 bin/syncstore-james start >/dev/null)
        until curl -sf "http://127.0.0.1:$((BASE + 800))/domains" >/dev/null; do sleep 0.1; done
        elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
        pid=$(cat "$WORK/var/syncstore-james.pid")
        cpu_ms=$(( $(awk '{print $14 + $15}' "/proc/$pid/stat") * 1000 / $(getconf CLK_TCK) ))
        rss_mb=$(( $(awk '/^VmRSS/ {print $2}' "/proc/$pid/status") / 1024 ))
        (cd "$WORK" && bin/syncstore-james stop >/dev/null)
        echo "run=$run options=[$options] start_ms=$elapsed_ms cpu_ms=$cpu_ms rss_mb=$rss_mb load=$(cut -d' ' -f1 /proc/loadavg)"
    done
done
