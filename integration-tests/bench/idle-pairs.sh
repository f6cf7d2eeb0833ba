#!/usr/bin/env bash
# Issue 11's push latency, two builds side by side: three alternating pairs of run-load.sh's IDLE workload (1,000
# idling connections, 100 measured changes after 1,000), pairs 1 and 2 with the servers' files on tmpfs, pair 3 on
# the disk, then PushFloor twice without and with a durable write (docs/benchmarks.md, section 6).
#
#   integration-tests/bench/idle-pairs.sh BASE-distribution.tar.gz NEW-distribution.tar.gz
#
# Needs the integration tests compiled (mvn -B -f integration-tests test-compile). Prints one line per run.
# PORT_OFFSET (default 960) moves the servers' ports as in run-load.sh; IDLE_PAIRS_TMPFS (default /dev/shm/idle-pairs)
# and IDLE_PAIRS_DISK are the work folders, for runs of several people on one machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE=$(realpath "$1"); NEW=$(realpath "$2")
CLASSES=integration-tests/target/test-classes
DISK=${IDLE_PAIRS_DISK:-integration-tests/target/idle-pairs}
TMPFS=${IDLE_PAIRS_TMPFS:-/dev/shm/idle-pairs}
for pair in 1 2 3; do
    for dist in "$BASE" "$NEW"; do
        if [ $pair = 3 ]; then work=$DISK; else work=$TMPFS; fi
        rm -rf "$work"; mkdir -p "$work"
        load=$(cut -d' ' -f1 /proc/loadavg)
        SKIP_BUILD=1 SERVERS=syncstore WORKLOADS=IDLE SESSIONS=1000 PUSH_ROUNDS=100 PUSH_WARMUP=1000 PORT_OFFSET=${PORT_OFFSET:-960} \
            SYNCSTORE_DISTRIBUTION="$dist" LOAD_WORK="$work" integration-tests/bench/run-load.sh > "$work.out" 2>&1
        echo "pair=$pair files=$work build=$(basename "$dist") load_before=$load" \
            "$(grep -E '^syncstore +IDLE.*(WRITER_APPEND|ALL=DELIVERED)' "$work.out" | tr -s ' ' | tr '\n' ' ')"
    done
done
mkdir -p "$DISK"
for _ in 1 2; do
    java -cp "$CLASSES" io.syncstore.it.load.PushFloor 1000 100 30
    java -cp "$CLASSES" io.syncstore.it.load.PushFloor 1000 100 30 "$DISK"
done
rm -rf "$TMPFS" "$TMPFS.out" "$DISK"
