#!/usr/bin/env bash
# Builds SyncStore and its benchmarks, then runs them with short JMH settings: 1 fork, 2 warm-up and 3 measured
# iterations of 2 s and 3 s, unless JMH_SETTINGS says otherwise (e.g. JMH_SETTINGS="-f 1 -wi 1 -i 1").
#
#   run-benchmarks.sh                      every benchmark with the gc profiler, then the disk usage table
#   run-benchmarks.sh REGEX [JMH options]  the benchmarks matching REGEX, e.g.
#                                          run-benchmarks.sh 'MapperBenchmark.append' -p backend=memory
#                                          run-benchmarks.sh LargeMessageRead -prof gc
#   run-benchmarks.sh disk-usage [N]       bytes on disk per message after N appends (default 500)
#   run-benchmarks.sh fsync-count [N]      fsyncs taken by N appends (default 4000) from 1 and from 8 threads (strace)
#
# JMH's results are also written to integration-tests/target/jmh-result.txt.
set -euo pipefail

tests="$(cd "$(dirname "$0")/.." && pwd)"
root="$(dirname "$tests")"

# Other worktrees install the same SyncStore snapshot into the shared local repository: the benchmarks run this
# worktree's classes instead of whichever jar is installed there last.
mvn -B -q -f "$root/pom.xml" install -DskipTests
mvn -B -q -f "$tests/pom.xml" test-compile dependency:build-classpath \
    -DexcludeArtifactIds=syncstore -Dmdep.outputFile="$tests/target/bench.classpath"
classpath="$tests/target/test-classes:$root/target/classes:$(cat "$tests/target/bench.classpath")"
settings="${JMH_SETTINGS:--f 1 -wi 2 -w 2s -i 3 -r 3s}"
jvm_options="-Xmx3g -Dlogback.configurationFile=$tests/bench/logback.xml"

jmh() {
    # shellcheck disable=SC2086
    java $jvm_options -cp "$classpath" org.openjdk.jmh.Main $settings -rf text -rff "$tests/target/jmh-result.txt" "$@"
}

disk_usage() {
    # shellcheck disable=SC2086
    java $jvm_options -cp "$classpath" io.syncstore.it.benchmark.DiskUsage "$@"
}

fsync_count() {
    for threads in 1 8; do
        # shellcheck disable=SC2086
        strace -f -c -e trace=fsync,fdatasync -o "$tests/target/fsync-$threads.txt" \
            java $jvm_options -cp "$classpath" io.syncstore.it.benchmark.ConcurrentAppends "$threads" "${1:-4000}"
        grep -E "calls|total" "$tests/target/fsync-$threads.txt"
    done
}

case "${1:-}" in
    "") jmh -prof gc && disk_usage ;;
    disk-usage) shift; disk_usage "$@" ;;
    fsync-count) shift; fsync_count "$@" ;;
    *) jmh "$@" ;;
esac
