#!/usr/bin/env bash
# APPEND latency while the store is written hard and backed up: the load of BackupRestoreTest, made longer. Four
# connections APPEND to INBOX one message after the other, one in three of 150,000 characters of random tokens (the
# worst case of the word index: every word new to its vocabulary); a fifth APPENDs to Trash, flags \Deleted and
# EXPUNGEs; meanwhile `bin/syncstore-backup create` runs again and again. Prints the APPEND latencies, the store's
# size and the load.
#
#   mvn -B package -DskipTests      # or SYNCSTORE_DISTRIBUTION=path/to/syncstore-*-distribution.tar.gz
#   integration-tests/bench/appends-under-backup.sh
#
# Environment: SYNCSTORE_DISTRIBUTION, SECONDS_RUN (90), PORT_BASE (32000: IMAP on +143, WebAdmin +800, ...).
# Needs python3, sqlite3 and curl.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BASE=${PORT_BASE:-32000}
DISTRIBUTION=${SYNCSTORE_DISTRIBUTION:-$(ls "$ROOT"/target/syncstore-*-distribution.tar.gz)}
WORK=$(mktemp -d /tmp/appends-under-backup.XXXXXX)
PID=

stop() {
    if [ -n "$PID" ]; then (cd "$WORK" && bin/syncstore-james stop >/dev/null 2>&1) || kill "$PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap stop EXIT

for port in $((BASE + 143)) $((BASE + 800)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is taken: set PORT_BASE" >&2; exit 1; fi
done
tar -xzf "$DISTRIBUTION" -C "$WORK" --strip-components=1
python3 "$HERE/load/configure.py" syncstore "$WORK/conf" "$BASE"
(cd "$WORK" && START_TIMEOUT=600 bin/syncstore-james start >/dev/null)
PID=$(cat "$WORK/var/syncstore-james.pid")
for _ in $(seq 1 600); do (exec 3<>"/dev/tcp/127.0.0.1/$((BASE + 800))") 2>/dev/null && break; sleep 0.5; done
curl -sf -XPUT "http://127.0.0.1:$((BASE + 800))/domains/bench.test" >/dev/null
curl -sf -XPUT "http://127.0.0.1:$((BASE + 800))/users/writer@bench.test" -H 'Content-Type: application/json' \
    -d '{"password":"secret"}' >/dev/null

python3 - "$((BASE + 143))" "${SECONDS_RUN:-90}" "$WORK" <<'EOF'
import imaplib, random, socket, subprocess, sys, threading, time
port, seconds, home = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
stop = threading.Event()
latencies = []

def message(subject):
    words = random.Random(subject)
    size = 150_000 if words.randrange(3) == 0 else 200
    body, length = [subject], len(subject)
    while length < size:
        word = format(words.getrandbits(60), "x")
        body.append(word)
        length += len(word) + 1
    return (f"From: bob@remote.example\r\nTo: writer@bench.test\r\nSubject: {subject}\r\n\r\n"
            + " ".join(body) + "\r\n").encode("ascii")

def connect():
    imap = imaplib.IMAP4("127.0.0.1", port)
    imap.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    imap.login("writer@bench.test", "secret")
    return imap

def appender(writer):
    imap, n = connect(), 0
    while not stop.is_set():
        data = message(f"w{writer}-{n}")
        started = time.monotonic()
        if imap.append("INBOX", None, None, data)[0] != "OK":
            sys.exit(f"APPEND w{writer}-{n} failed")
        latencies.append(time.monotonic() - started)
        n += 1
    imap.logout()

def expunger():
    imap, n = connect(), 0
    imap.create("Trash")
    imap.select("Trash")
    while not stop.is_set():
        imap.append("Trash", None, None, message(f"gone-{n}"))
        imap.store("1:*", "+FLAGS", "\\Deleted")
        imap.expunge()
        n += 1
    imap.logout()

threads = [threading.Thread(target=appender, args=(w,)) for w in range(4)] + [threading.Thread(target=expunger)]
for thread in threads:
    thread.start()
backups, deadline = 0, time.monotonic() + seconds
while time.monotonic() < deadline:
    subprocess.run([home + "/bin/syncstore-backup", "create", home + "/backup"], check=True, capture_output=True)
    backups += 1
stop.set()
for thread in threads:
    thread.join()
latencies.sort()
ms = lambda q: round(latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000)
print(f"APPENDs {len(latencies)} in {seconds} s: p50 {ms(0.5)} ms, p99 {ms(0.99)} ms, max {ms(1.0)} ms; backups {backups}")
EOF
db=$WORK/var/syncstore/mail.db
echo "messages $(sqlite3 -readonly "$db" 'SELECT count(*) FROM message'), words in the vocabulary" \
    "$(sqlite3 -readonly "$db" 'SELECT count(*) FROM search_term'), store $(du -cm "$db"* | tail -1 | cut -f1) MB;" \
    "$(uptime | sed 's/.*load/load/')"
