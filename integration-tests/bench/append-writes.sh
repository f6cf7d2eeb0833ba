#!/usr/bin/env bash
# What one APPEND costs SyncStore's packaged server, counted rather than timed so that a loaded machine does not
# change the answer: one client appends APPENDS messages one after the other (each waits for its OK) into its
# INBOX, twice: once for the server's CPU time (from /proc, no tracer attached), once under
# `strace -f -c -e trace=pwrite64,fsync,fdatasync` of the whole server process for its commits (a WAL commit is one
# fsync) and the page writes they cost. WARMUP messages are appended first (JIT, caches).
#
#   mvn -B package -DskipTests      # or SYNCSTORE_DISTRIBUTION=path/to/syncstore-*-distribution.tar.gz
#   integration-tests/bench/append-writes.sh
#
# Environment: SYNCSTORE_DISTRIBUTION, APPENDS (500), WARMUP (300), PORT_BASE (31000: IMAP on +143, WebAdmin +800,
# ...), SYNCSTORE_JAVA_OPTS (the server's JAVA_OPTS; default -Xmx1g, "" for the start script's own defaults),
# KEEP_WORK=1 to keep the server's folder, PAGES=1 to name the tables and indexes whose pages the timed APPENDs
# wrote (integration-tests/bench/wal-pages.py; needs the sqlite3 shell; a WAL page is two pwrites, its 24-byte header
# and the page, so pwrite counts are not pages), SQL_COUNT=1 to count the SQL statements of the timed APPENDs too (by who
# runs them, with the microseconds of CPU each took to run; the counting itself costs CPU, so compare CPU only between runs
# that both count or both do not),
# THREADS=1 to split the pwrites and fsyncs by the server thread that made them and the file they went to (the
# writer's own, `syncstore-writer`, are what each APPEND's answer waits for), SWITCHES=1 to split the thread switches
# and the CPU time of the timed APPENDs by the threads' names (the writer's, `syncstore-write`, is what the database is
# held for). STORE_EXPUNGE=1 counts and times the workload APPEND_EXPUNGE's other two
# commands instead: the client appends the messages untimed, then, on its selected INBOX, flags each one
# (UID STORE uid +FLAGS.SILENT (\Deleted)) and expunges it (EXPUNGE), one pair after the other; every count is then per
# pair (the warm-up runs pairs too).
# The APPENDs timed for CPU are timed one by one too (the client's wait for each OK: p50, p90, p99, max), and the
# server's thread switches over them are counted from /proc (voluntary+preempted, summed over its threads).
# Prints its results (and with SQL_COUNT the statements per APPEND); needs strace, python3 and curl.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
APPENDS=${APPENDS:-500}
WARMUP=${WARMUP:-300}
BASE=${PORT_BASE:-31000}
DISTRIBUTION=${SYNCSTORE_DISTRIBUTION:-$(ls "$ROOT"/target/syncstore-*-distribution.tar.gz)}
WORK=$(mktemp -d /tmp/append-writes.XXXXXX)
PID=

stop() {
    if [ -n "$PID" ]; then (cd "$WORK" && bin/syncstore-james stop >/dev/null 2>&1) || kill "$PID" 2>/dev/null || true; fi
    [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"
}
trap stop EXIT

for port in $((BASE + 143)) $((BASE + 800)) $((BASE + 24)) $((BASE + 25)) $((BASE + 80)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is taken: set PORT_BASE" >&2; exit 1; fi
done
tar -xzf "$DISTRIBUTION" -C "$WORK" --strip-components=1
python3 "$HERE/load/configure.py" syncstore "$WORK/conf" "$BASE"
started=$(date +%s%N)
JAVA_OPTS="${SYNCSTORE_JAVA_OPTS--Xmx1g}"
[ -z "${SQL_COUNT:-}" ] || JAVA_OPTS="$JAVA_OPTS -Dsyncstore.sql.count=$WORK/sql-count.tsv"
(cd "$WORK" && JAVA_OPTS="$JAVA_OPTS" START_TIMEOUT=600 bin/syncstore-james start >/dev/null)
start_ms=$(( ($(date +%s%N) - started) / 1000000 ))
PID=$(cat "$WORK/var/syncstore-james.pid")
for _ in $(seq 1 600); do (exec 3<>"/dev/tcp/127.0.0.1/$((BASE + 800))") 2>/dev/null && break; sleep 0.5; done
curl -sf -XPUT "http://127.0.0.1:$((BASE + 800))/domains/bench.test" >/dev/null
curl -sf -XPUT "http://127.0.0.1:$((BASE + 800))/users/writer@bench.test" -H 'Content-Type: application/json' \
    -d '{"password":"secret"}' >/dev/null

export UNIT=APPEND
[ -z "${STORE_EXPUNGE:-}" ] || UNIT=pair
client() {  # $1 "append" or "pairs" (STORE and EXPUNGE of each message in the INBOX), $2 messages, numbered from $3
    python3 - "$1" "$((BASE + 143))" "$2" "$3" <<'EOF'
import imaplib, socket, sys, time
mode = sys.argv[1]
port, count, first = (int(a) for a in sys.argv[2:])
imap = imaplib.IMAP4("127.0.0.1", port)
# imaplib sends a literal and its closing CRLF apart: without this, Nagle holds the CRLF for the server's delayed ACK
imap.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
imap.login("writer@bench.test", "secret")
took = []
def timed(command, *args):
    started = time.perf_counter()
    status, _ = command(*args)
    if status != "OK":
        sys.exit(f"{command.__name__} {args}: {status}")
    return (time.perf_counter() - started) * 1000
if mode == "append":
    body = "".join(f"Line {i} of a plain text message, long enough to look like mail.\r\n" for i in range(40))
    for n in range(first, first + count):
        message = (f"From: sender@bench.test\r\nTo: writer@bench.test\r\nSubject: message {n}\r\n"
                   f"Message-ID: <{n}@bench.test>\r\nDate: Sun, 6 Dec 2026 03:00:00 +0000\r\n"
                   f"Content-Type: text/plain; charset=us-ascii\r\n\r\n{body}")
        took.append(timed(imap.append, "INBOX", None, None, message.encode("ascii")))
else:
    imap.select("INBOX")
    uids = imap.uid("SEARCH", "ALL")[1][0].split()
    if len(uids) != count:
        sys.exit(f"the INBOX holds {len(uids)} messages, not {count}")
    for uid in uids:
        took.append(timed(imap.uid, "STORE", uid.decode(), "+FLAGS.SILENT", r"(\Deleted)") + timed(imap.expunge))
imap.logout()
took.sort()
print(" ".join(f"p{p}_ms={took[min(len(took) - 1, len(took) * p // 100)]:.1f}" for p in (50, 90, 99)) + f" max_ms={took[-1]:.1f}")
EOF
}
# the timed commands: APPENDs, or pairs of STORE and EXPUNGE (of as many messages, appended untimed by ready)
ready() {  # $1 messages, numbered from $2
    [ -z "${STORE_EXPUNGE:-}" ] || client append "$1" "$2" >/dev/null
}
timed() {  # $1 messages, numbered from $2
    if [ -n "${STORE_EXPUNGE:-}" ]; then client pairs "$1" "$2"; else client append "$1" "$2"; fi
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
# the thread switches of the server's live threads, voluntary (a thread that waits: for a task, a lock, the disk) and
# not (preempted, which a loaded machine adds), per thread: its id, its name, both counts; a thread that ends takes its
# counts with it (the timed APPENDs keep the server's threads busy, so few do)
switches_by_thread() {
    for task in /proc/"$PID"/task/*; do
        # its CPU ticks: utime and stime, the 12th and 13th fields after the name in parentheses (which may hold spaces)
        ticks=$(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{print $12 + $13}')
        awk -v tid="${task##*/}" -v ticks="$ticks" -F'\t' '/^Name:/ {name = $2} /^voluntary_ctxt_switches/ {v = $2}
            /^nonvoluntary_ctxt_switches/ {n = $2} END {print tid "\t" name "\t" v "\t" n "\t" ticks}' "$task/status" 2>/dev/null
    done
}

ready "$WARMUP" 0
timed "$WARMUP" 0 >/dev/null
ready "$APPENDS" "$WARMUP"
sleep 2
[ -z "${SQL_COUNT:-}" ] || cp "$WORK/sql-count.tsv" "$WORK/sql-count.before"
before=$(cpu_ticks)
switches_by_thread > "$WORK/switches.before"
latency=$(timed "$APPENDS" "$WARMUP")
sleep 2  # what the APPENDs left to listeners running after the answer
cpu_ms=$(( ($(cpu_ticks) - before) * 1000 / $(getconf CLK_TCK) ))
switches_by_thread > "$WORK/switches.after"
switched=$(python3 - "$WORK/switches.before" "$WORK/switches.after" "$APPENDS" "${SWITCHES:-}" "$(getconf CLK_TCK)" <<'EOF'
import collections, os, re, sys
def read(path):
    rows = (line.rstrip("\n").split("\t") for line in open(path))
    return {tid: (name, int(v), int(n), int(t or 0)) for tid, name, v, n, t in rows if v and n}  # a thread gone while read: none
before, after, n = read(sys.argv[1]), read(sys.argv[2]), int(sys.argv[3])
ms_per_tick = 1000 / int(sys.argv[5])
by_name = collections.defaultdict(lambda: [0, 0, 0])
for tid, (name, v, nv, t) in after.items():
    _, v0, nv0, t0 = before.get(tid, (name, 0, 0, 0))
    counts = by_name[re.sub(r"[-#]?\d+$", "", name)]
    counts[0] += v - v0
    counts[1] += nv - nv0
    counts[2] += t - t0
if sys.argv[4]:
    print(f"per {os.environ['UNIT']}: voluntary\tpreempted\tCPU ms\tthreads (names cut at 15 characters, their numbers left out)", file=sys.stderr)
    for name, (v, nv, t) in sorted(by_name.items(), key=lambda item: -sum(item[1][:2])):
        if v + nv:
            print(f"{v / n:.2f}\t{nv / n:.2f}\t{t * ms_per_tick / n:.3f}\t{name}", file=sys.stderr)
print(f"{sum(c[0] for c in by_name.values()) / n:.1f}+{sum(c[1] for c in by_name.values()) / n:.1f}")
EOF
)
if [ -n "${SQL_COUNT:-}" ]; then
    python3 - "$APPENDS" "$WORK/sql-count.before" "$WORK/sql-count.tsv" <<'EOF'
import os, sys
def read(path):  # count, microseconds (builds before the eighteenth session: none), who, text
    tallies = {}
    for line in open(path):
        count, rest = line.rstrip("\n").split("\t", 1)
        micros, key = rest.split("\t", 1) if rest.split("\t", 1)[0].isdigit() else ("0", rest)
        tallies[key] = (int(count), int(micros))
    return tallies
n, before, after = int(sys.argv[1]), read(sys.argv[2]), read(sys.argv[3])
rows = sorted(((count - before.get(key, (0, 0))[0]) / n, (micros - before.get(key, (0, 0))[1]) / n, key)
              for key, (count, micros) in after.items() if count > before.get(key, (0, 0))[0])
unit = os.environ['UNIT']
print(f"statements/{unit}\tus/{unit}\tread|write\tlistener or processor\tcaller\tSQL")
for per_append, micros, key in reversed(rows):
    print(f"{per_append:.2f}\t{micros:.1f}\t{key[:400]}")
for kind in ("read", "write"):
    print(f"total {kind}: {sum(p for p, _, key in rows if key.startswith(kind)):.2f} per {unit}, "
          f"{sum(us for _, us, key in rows if key.startswith(kind)):.0f} us per {unit}")
EOF
fi

if [ -n "${PAGES:-}" ]; then trace=(-y -xx -s 4); elif [ -n "${THREADS:-}" ]; then trace=(-y -s 0); else trace=(-c); fi
ready "$APPENDS" "$((WARMUP + APPENDS))"
strace -f "${trace[@]}" -e trace=pwrite64,fsync,fdatasync -o "$WORK/strace.txt" -p "$PID" 2>/dev/null &
tracer=$!
sleep 3  # attaching to every thread
timed "$APPENDS" "$((WARMUP + APPENDS))" >/dev/null
sleep 2
kill -INT "$tracer"; wait "$tracer" || true

calls() {
    if [ -n "${PAGES:-}${THREADS:-}" ]; then grep -c " $1(" "$WORK/strace.txt" || true
    else awk -v name="$1" '$NF == name {print ($4 ~ /^[0-9]+$/) ? $4 : $3}' "$WORK/strace.txt" | head -1; fi
}
pwrites=$(calls pwrite64); fsyncs=$(calls fsync); fdatasyncs=$(calls fdatasync)
if [ -n "${PAGES:-}" ]; then
    sqlite3 "$WORK/var/syncstore/mail.db" "SELECT name, pageno FROM dbstat" > "$WORK/page-map"
    python3 "$HERE/wal-pages.py" "$WORK/strace.txt" "$WORK/page-map" "$APPENDS"
fi
if [ -n "${THREADS:-}" ]; then
    for task in /proc/"$PID"/task/*; do echo "${task##*/} $(cat "$task/comm")"; done > "$WORK/threads"
    python3 - "$WORK/strace.txt" "$WORK/threads" "$APPENDS" <<'EOF'
import collections, os, re, sys
names = dict(line.rstrip("\n").split(" ", 1) for line in open(sys.argv[2]))
n = int(sys.argv[3])
counts = collections.Counter()
for line in open(sys.argv[1]):
    match = re.match(r"(\d+) +(pwrite64|fsync|fdatasync)\(\d+<([^>]*)>", line)
    if match:
        tid, call, path = match.groups()
        kind = "wal" if path.endswith("-wal") else "db" if path.endswith(".db") else "other"
        counts[(names.get(tid, "thread " + tid), "fsync" if call != "pwrite64" else "pwrite", kind)] += 1
print(f"per {os.environ['UNIT']}\tthread\tcall\tfile")
for (thread, call, kind), count in sorted(counts.items()):
    print(f"{count / n:.2f}\t{thread}\t{call}\t{kind}")
EOF
fi
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$PID/status")
python3 - "$APPENDS" "${pwrites:-0}" "${fsyncs:-0}" "${fdatasyncs:-0}" "$cpu_ms" "$(cut -d' ' -f1 /proc/loadavg)" \
    "$start_ms" "$rss_kb" "$latency" "$switched" <<'EOF'
import os, sys
n, pwrites, fsyncs, fdatasyncs, cpu_ms = (int(a) for a in sys.argv[1:6])
start_s, rss_mb = int(sys.argv[7]) / 1000, int(sys.argv[8]) // 1024
syncs = fsyncs + fdatasyncs
unit = os.environ["UNIT"]
print(f"{unit}s={n} fsync+fdatasync={syncs} ({syncs / n:.2f}/{unit}) pwrite={pwrites} ({pwrites / n:.1f}/{unit}, "
      f"{pwrites / max(syncs, 1):.1f}/fsync) cpu_ms/{unit}={cpu_ms / n:.2f} switches/{unit}={sys.argv[10]} start_s={start_s:.1f} rss_mb={rss_mb} load={sys.argv[6]}\n"
      f"{unit} latency, untraced: {sys.argv[9]}")
EOF
