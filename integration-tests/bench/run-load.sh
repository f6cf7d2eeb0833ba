#!/usr/bin/env bash
# End-to-end IMAP load benchmark (docs/benchmarks.md, "End-to-end IMAP"): builds SyncStore's distribution, fetches a
# stock James 3.8.1 memory server, configures Dovecot (Debian dovecot-imapd + dovecot-lmtpd), starts the three on
# loopback ports, runs the load driver (io.syncstore.it.load.LoadDriver) against each in turn, round after round,
# stops them, and prints the table of LoadReport.
#
# Settings (environment): CLIENTS=10 RUN_SECONDS=30 WARMUP_SECONDS=15 ROUNDS=2 SESSIONS=100 PUSH_ROUNDS=40 PUSH_WARMUP=30 (changes pushed before the measured ones, not counted: the JVM compiles its hot paths meanwhile)
#   BIGBOX_MESSAGES=100000 BIGBOX_MESSAGES_JAMES=8000 BIGBOX_MESSAGES_DOVECOT=30000 BIGBOX_ROUNDS=5
#   MIXED_POPULATE=300 DEDUP_MESSAGES=300 DEDUP_VIA="lmtp append"
#   WORKLOADS="APPEND LMTP MIXED BIGBOX QRESYNC IDLE NOTIFY DEDUP" SERVERS="syncstore james dovecot sdbox"
#   (also postgres1: SyncStore on a private PostgreSQL, one node; postgres2: two nodes on one PostgreSQL database and
#   a private RabbitMQ, user n on node 1 + n mod 2, IDLE/NOTIFY sessions on the first node and their writer on the
#   second; NODES=1 runs issue 15's comparison: see the end of this comment)
#   (also APPEND_EXPUNGE and DEFAULT_MIX, issue 14's imaptest shapes; dovecot = Dovecot Maildir, sdbox = Dovecot sdbox,
#   both in high-performance mode; QUICK=1 runs issue 14's comparison alone: see the end of this comment)
#   QRESYNC_ROUNDS=10 (QRESYNC runs on the BIGBOX user's mailbox: after BIGBOX, or with it filled before)
#   FETCH_MESSAGES=1000 (FETCH: the mailbox of UID FETCH 1:* (FLAGS) and FETCH 1:100 (ENVELOPE BODYSTRUCTURE))
#   SEARCH_MESSAGES=10000 (SEARCH: the mailbox of SEARCH TEXT/SUBJECT/FROM/UNSEEN/FLAGGED)
#   THREAD_MESSAGES=10000 (THREAD: the mailbox of THREAD REFERENCES/REFS/ORDEREDSUBJECT and SORT DATE/SUBJECT/FROM)
#   MAIL_MESSAGES=10000 (MAIL_SEARCH: a mailbox of varied mail, SEARCH BODY/TEXT/SUBJECT/FROM, SORT and THREAD)
#   SYNCSTORE_DISTRIBUTION=path/to/syncstore-*-distribution.tar.gz (another build of SyncStore, e.g. an older commit)
#   SYNCSTORE_DATA_FROM=folder (copied as the server's var/syncstore, the database and content: e.g. the THREAD user's
#   mailbox filled in-process by MailboxFill, docs/benchmarks.md section 8, tenth session; a filled mailbox is not filled again)
#   SKIP_BUILD=1 (reuse target/ and the driver's classes), MAVEN_REPO_LOCAL=/path (-Dmaven.repo.local),
#   JAMES_SAMPLE_CONF=integration-tests/target/test-classes/stock-james-conf (James 3.8.1 sample configuration, unpacked from its distribution zip by the integration-tests build), JAVA_HEAP=4g (both JVM servers),
#   SYNCSTORE_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/ss.jfr" (more JVM options for SyncStore's server),
#   DOVECOT_SCHEME=SHA512-CRYPT (password hash of Dovecot's users; PLAIN for none),
#   LOAD_WORK=integration-tests/target/load (servers' files and results)
# NODES=1: SERVERS="syncstore postgres1 postgres2" WORKLOADS="APPEND DEFAULT_MIX IDLE" ROUNDS=2 RUN_SECONDS=15
#   WARMUP_SECONDS=10 MIXED_POPULATE=100 SESSIONS=20 unless set otherwise
# QUICK=1: SERVERS="syncstore sdbox dovecot" WORKLOADS="APPEND_EXPUNGE DEFAULT_MIX" ROUNDS=3 RUN_SECONDS=15
#   WARMUP_SECONDS=10 MIXED_POPULATE=100 unless set otherwise (about 10 minutes; each value can still be overridden)
set -euo pipefail

if [ -n "${QUICK:-}" ]; then
    SERVERS=${SERVERS:-syncstore sdbox dovecot}
    WORKLOADS=${WORKLOADS:-APPEND_EXPUNGE DEFAULT_MIX}
    ROUNDS=${ROUNDS:-3}
    RUN_SECONDS=${RUN_SECONDS:-15}
    WARMUP_SECONDS=${WARMUP_SECONDS:-10}
    MIXED_POPULATE=${MIXED_POPULATE:-100}
fi

if [ -n "${NODES:-}" ]; then
    SERVERS=${SERVERS:-syncstore postgres1 postgres2}
    WORKLOADS=${WORKLOADS:-APPEND DEFAULT_MIX IDLE}
    ROUNDS=${ROUNDS:-2}
    RUN_SECONDS=${RUN_SECONDS:-15}
    WARMUP_SECONDS=${WARMUP_SECONDS:-10}
    MIXED_POPULATE=${MIXED_POPULATE:-100}
    SESSIONS=${SESSIONS:-20}
fi

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
IT=$ROOT/integration-tests
HERE=$IT/bench/load
WORK=${LOAD_WORK:-$IT/target/load}
MVN_REPO=${MAVEN_REPO_LOCAL:+-Dmaven.repo.local=$MAVEN_REPO_LOCAL}
CLIENTS=${CLIENTS:-10}
RUN_SECONDS=${RUN_SECONDS:-30}
WARMUP_SECONDS=${WARMUP_SECONDS:-15}
ROUNDS=${ROUNDS:-2}
SESSIONS=${SESSIONS:-100}
PUSH_ROUNDS=${PUSH_ROUNDS:-40}
PUSH_WARMUP=${PUSH_WARMUP:-30}
BIGBOX_MESSAGES=${BIGBOX_MESSAGES:-100000}
# James's memory server and Dovecot's Maildir slow down as one mailbox grows (8/s at 8,600 and 42/s at 30,000 messages
# in the 2026-11-27 run), so their big mailbox is smaller by default
BIGBOX_MESSAGES_JAMES=${BIGBOX_MESSAGES_JAMES:-8000}
BIGBOX_MESSAGES_DOVECOT=${BIGBOX_MESSAGES_DOVECOT:-30000}
BIGBOX_ROUNDS=${BIGBOX_ROUNDS:-5}
MIXED_POPULATE=${MIXED_POPULATE:-300}
DEDUP_MESSAGES=${DEDUP_MESSAGES:-300}
DEDUP_VIA=${DEDUP_VIA:-lmtp append}
WORKLOADS=${WORKLOADS:-APPEND LMTP MIXED BIGBOX QRESYNC IDLE NOTIFY DEDUP}
QRESYNC_ROUNDS=${QRESYNC_ROUNDS:-10}
FETCH_MESSAGES=${FETCH_MESSAGES:-1000}
SEARCH_MESSAGES=${SEARCH_MESSAGES:-10000}
THREAD_MESSAGES=${THREAD_MESSAGES:-10000}
MAIL_MESSAGES=${MAIL_MESSAGES:-10000}
SERVERS=${SERVERS:-syncstore james dovecot sdbox}
JAVA_HEAP=${JAVA_HEAP:-4g}
DOVECOT_SCHEME=${DOVECOT_SCHEME:-SHA512-CRYPT}
# James 3.8.1's sample configuration of the memory server (in its source tree)
JAMES_SAMPLE_CONF=${JAMES_SAMPLE_CONF:-$ROOT/integration-tests/target/test-classes/stock-james-conf}
DOMAIN=bench.test
PASSWORD=secret
RESULTS=$WORK/results.tsv
# port bases: IMAP = base+143, LMTP = base+24, WebAdmin = base+800
# PORT_OFFSET moves them all (another run on the machine holding the default ports)
declare -A BASE=([syncstore]=$((21000 + ${PORT_OFFSET:-0})) [james]=$((22000 + ${PORT_OFFSET:-0})) [dovecot]=$((23000 + ${PORT_OFFSET:-0})) [sdbox]=$((24000 + ${PORT_OFFSET:-0}))
    [postgres1]=$((25000 + ${PORT_OFFSET:-0})) [postgres2]=$((26000 + ${PORT_OFFSET:-0})) [postgres2b]=$((27000 + ${PORT_OFFSET:-0})))
# the private PostgreSQL and RabbitMQ of postgres1 and postgres2
PG_PORT=$((28432 + ${PORT_OFFSET:-0}))
MQ_PORT=$((28672 + ${PORT_OFFSET:-0}))
for server in $SERVERS; do
    highest=$((BASE[$server] + 800))
    case $server in postgres*) highest=$((MQ_PORT > highest ? MQ_PORT : highest)) ;; esac
    if [ "$highest" -gt 65535 ]; then
        echo "PORT_OFFSET=${PORT_OFFSET:-0} puts $server's ports up to $highest, above 65535: choose a smaller PORT_OFFSET" >&2
        exit 2
    fi
done
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort | tail -n 1)
declare -A MAIL_LOCATION=([dovecot]='maildir:~/Maildir' [sdbox]='sdbox:~/sdbox')
# users: app (APPEND, LMTP), mix (MIXED), big (BIGBOX), watch (IDLE, IDLE_FLAGS, NOTIFY), fetch (FETCH), search (SEARCH), thread (THREAD), mail (MAIL_SEARCH), dd (DEDUP)
USERS="$(for i in $(seq 1 "$CLIENTS"); do echo app$i mix$i; done) big1 watch1 fetch1 search1 thread1 mail1 $(for i in $(seq 1 10); do echo dd$i; done)"

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

build() {
    if [ -z "${SKIP_BUILD:-}" ]; then
        log "building SyncStore's distribution"
        (cd "$ROOT" && mvn -B -q package -DskipTests $MVN_REPO)
    fi
    if [[ " $SERVERS " == *" james "* ]] && [ ! -d "$IT/bench/james-memory/target/lib" ]; then
        log "fetching james-server-memory-app 3.8.1 and its dependencies"
        mvn -B -q -f "$IT/bench/james-memory" package $MVN_REPO
    fi
    log "compiling the load driver"
    rm -rf "$WORK/classes" && mkdir -p "$WORK/classes"
    javac -d "$WORK/classes" --release 11 "$IT"/src/test/java/io/syncstore/it/load/*.java
}

prepare() {
    rm -rf "$WORK/syncstore" "$WORK/james" "$WORK/dovecot" "$WORK/sdbox"
    mkdir -p "$WORK/syncstore" "$WORK/james"
    tar -xzf "${SYNCSTORE_DISTRIBUTION:-$(ls "$ROOT"/target/syncstore-*-distribution.tar.gz)}" -C "$WORK/syncstore" \
        --strip-components=1
    python3 "$HERE/configure.py" syncstore "$WORK/syncstore/conf" "${BASE[syncstore]}"
    if [ -n "${SYNCSTORE_DATA_FROM:-}" ]; then
        mkdir -p "$WORK/syncstore/var" && cp -r "$SYNCSTORE_DATA_FROM" "$WORK/syncstore/var/syncstore"
    fi
    if [[ " $SERVERS " == *" james "* ]]; then
        cp -r "$JAMES_SAMPLE_CONF" "$WORK/james/conf"
        python3 "$HERE/configure.py" james "$WORK/james/conf" "${BASE[james]}" "$WORK/syncstore/conf/lmtpserver.xml"
    fi
    for server in dovecot sdbox; do prepare_dovecot "$server"; done
    if [[ " $SERVERS " == *" postgres"* ]]; then
        start_services
        prepare_node postgres1 postgres1
        prepare_node postgres2 postgres2 broker
        prepare_node postgres2b postgres2 broker
    fi
}

# SyncStore's distribution on a database of the private PostgreSQL (and the private broker when several nodes share it)
prepare_node() {
    local d=$WORK/$1
    rm -rf "$d" && mkdir -p "$d"
    tar -xzf "${SYNCSTORE_DISTRIBUTION:-$(ls "$ROOT"/target/syncstore-*-distribution.tar.gz)}" -C "$d" --strip-components=1
    python3 "$HERE/configure.py" syncstore "$d/conf" "${BASE[$1]}"
    printf '<syncstore>\n  <backend>postgresql</backend>\n  <postgresql>\n    <url>jdbc:postgresql://127.0.0.1:%s/%s</url>\n    <user>bench</user>\n    <password>%s</password>\n    <tls>disable</tls>\n  </postgresql>\n</syncstore>\n' \
        "$PG_PORT" "$2" "$PASSWORD" > "$d/conf/syncstore.xml"
    if [ -n "${3:-}" ]; then
        printf 'uri=amqp://127.0.0.1:%s\nmanagement.uri=http://127.0.0.1:1\nmanagement.user=bench\nmanagement.password=%s\n' \
            "$MQ_PORT" "$PASSWORD" > "$d/conf/rabbitmq.properties"
    fi
}

# PostgreSQL (fsync and synchronous commit at their defaults, like SyncStore's sync=full) and RabbitMQ from Debian's
# packages, private: data under $WORK, loopback ports, run as their package's user when this runs as root
start_services() {
    local as_pg=() as_mq=()
    if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); as_mq=(runuser -u rabbitmq --); fi
    rm -rf "$WORK/pg" "$WORK/mq" && mkdir -p "$WORK/pg" "$WORK/mq/home" "$WORK/mq/mnesia" "$WORK/mq/log"
    echo "$PASSWORD" > "$WORK/pg/password"
    if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$WORK/pg"; fi
    "${as_pg[@]}" "$PG_BIN/initdb" -D "$WORK/pg/data" -U bench --pwfile="$WORK/pg/password" --auth-local=trust \
        --auth-host=scram-sha-256 >/dev/null
    "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/server.log" -w \
        -o "-p $PG_PORT -h 127.0.0.1 -k $WORK/pg -c max_connections=300" start >/dev/null
    for db in postgres1 postgres2; do
        PGPASSWORD=$PASSWORD psql -q -h 127.0.0.1 -p "$PG_PORT" -U bench -d postgres -c "CREATE DATABASE $db"
    done
    head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$WORK/mq/home/.erlang.cookie"
    chmod 400 "$WORK/mq/home/.erlang.cookie"
    printf 'listeners.tcp.1 = 127.0.0.1:%s\ndefault_user = bench\ndefault_pass = %s\ndisk_free_limit.absolute = 1MB\n' \
        "$MQ_PORT" "$PASSWORD" > "$WORK/mq/rabbitmq.conf"
    echo '[].' > "$WORK/mq/enabled_plugins"
    if [ "$(id -u)" = 0 ]; then chown -R rabbitmq:rabbitmq "$WORK/mq"; fi
    env HOME="$WORK/mq/home" RABBITMQ_MNESIA_BASE="$WORK/mq/mnesia" RABBITMQ_LOG_BASE="$WORK/mq/log" \
        RABBITMQ_NODENAME="bench-$$@localhost" RABBITMQ_CONFIG_FILE="$WORK/mq/rabbitmq.conf" \
        RABBITMQ_ENABLED_PLUGINS_FILE="$WORK/mq/enabled_plugins" RABBITMQ_PID_FILE="$WORK/mq/pid" \
        RABBITMQ_DIST_PORT=$((MQ_PORT + 1)) ERL_EPMD_PORT=$((MQ_PORT + 2)) \
        "${as_mq[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server > "$WORK/mq/server.out" 2>&1 &
    wait_port "$MQ_PORT"
    log "PostgreSQL (port $PG_PORT) and RabbitMQ (port $MQ_PORT) started"
}

stop_services() {
    [ -d "$WORK/pg/data" ] || return 0
    local as_pg=() as_mq=()
    if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); as_mq=(runuser -u rabbitmq --); fi
    "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || true
    if [ -f "$WORK/mq/pid" ]; then kill -9 "$(cat "$WORK/mq/pid")" 2>/dev/null || true; fi
    "${as_mq[@]}" env ERL_EPMD_PORT=$((MQ_PORT + 2)) epmd -kill >/dev/null 2>&1 || true
}

prepare_dovecot() {
    local d=$WORK/$1
    mkdir -p "$d/mail" "$d/run" "$d/state"
    sed -e "s|@WORK@|$d|g" -e "s|@IMAP_PORT@|$((BASE[$1] + 143))|" -e "s|@LMTP_PORT@|$((BASE[$1] + 24))|" \
        -e "s|@MAIL_LOCATION@|${MAIL_LOCATION[$1]}|" -e "s|@INSTANCE@|bench-$1|" \
        "$HERE/dovecot.conf.template" > "$d/dovecot.conf"
    # hashed passwords, as James's PBKDF2-SHA512 ones are: a LOGIN costs a hash computation on every server
    local hash; hash=$(doveadm pw -s "$DOVECOT_SCHEME" -p "$PASSWORD")
    : > "$d/passwd"
    for u in $USERS; do
        echo "$u@$DOMAIN:$hash:65534:65534::$d/mail/$u::" >> "$d/passwd"
    done
    chown nobody:nogroup "$d/mail"
}

wait_port() {
    for _ in $(seq 1 240); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.5
    done
    log "port $1 did not open"; return 1
}

declare -A PID
start() {
    case $1 in
        syncstore)
            # a start on a machine shared with builds can take minutes
            local started=0
            (cd "$WORK/syncstore" && JAVA_OPTS="-Xmx$JAVA_HEAP ${SYNCSTORE_JAVA_OPTS:-}" START_TIMEOUT=${START_TIMEOUT:-600} \
                bin/syncstore-james start >/dev/null) || started=$?
            # known even when the start failed, so that the exit trap stops a server still starting
            PID[syncstore]=$(cat "$WORK/syncstore/var/syncstore-james.pid" 2>/dev/null || true)
            [ "$started" = 0 ] || return "$started" ;;
        postgres1) start_node postgres1 ;;
        postgres2)
            start_node postgres2
            start_node postgres2b
            PID[postgres2]="${PID[postgres2]},${PID[postgres2b]}" ;;
        james)
            (cd "$WORK/james" && exec java -Xmx"$JAVA_HEAP" -Dworking.directory="$WORK/james" \
                -Dlogback.configurationFile="$WORK/james/conf/logback.xml" \
                -cp "$IT/bench/james-memory/target/lib/*" org.apache.james.MemoryJamesServerMain \
                > "$WORK/james/james.log" 2>&1) &
            PID[james]=$! ;;
        dovecot|sdbox)
            dovecot -F -c "$WORK/$1/dovecot.conf" > "$WORK/$1/master.log" 2>&1 &
            PID[$1]=$! ;;
    esac
    wait_port $((BASE[$1] + 143))
    if [ "$1" != dovecot ] && [ "$1" != sdbox ]; then
        wait_port $((BASE[$1] + 800))
        local web=http://127.0.0.1:$((BASE[$1] + 800))
        curl -sf -XPUT "$web/domains/$DOMAIN" >/dev/null
        for u in $USERS; do
            # 409: the user exists (a restart on the same data)
            local code; code=$(curl -s -o /dev/null -w '%{http_code}' -XPUT "$web/users/$u@$DOMAIN" \
                -H 'Content-Type: application/json' -d "{\"password\":\"$PASSWORD\"}")
            case $code in 2??|409) ;; *) log "creating $u on $1: HTTP $code"; return 1 ;; esac
        done
    fi
    log "$1 started (pid ${PID[$1]})"
}

# a node of SyncStore on PostgreSQL, named for NOTIFY (several run on this host)
start_node() {
    (cd "$WORK/$1" && JAVA_OPTS="-Xmx$JAVA_HEAP -Dsyncstore.notify.node=$1" START_TIMEOUT=${START_TIMEOUT:-600} \
        bin/syncstore-james start >/dev/null) || return 1
    PID[$1]=$(cat "$WORK/$1/var/syncstore-james.pid")
}

stop() {
    case $1 in
        postgres1|postgres2)
            for node in $1 ${1}b; do
                if [ -x "$WORK/$node/bin/syncstore-james" ]; then (cd "$WORK/$node" && bin/syncstore-james stop >/dev/null) || true; fi
            done
            return 0 ;;
    esac
    [ -n "${PID[$1]:-}" ] && kill -0 "${PID[$1]}" 2>/dev/null || return 0
    case $1 in
        syncstore) (cd "$WORK/syncstore" && bin/syncstore-james stop >/dev/null) || true ;;
        *) kill "${PID[$1]}" 2>/dev/null || true; wait "${PID[$1]}" 2>/dev/null || true ;;
    esac
    log "$1 stopped"
}

# data of a server on disk: bytes of the files (apparent) and allocated bytes (du), logs and pid files excluded
disk() {
    case $1 in
        syncstore) local dir=$WORK/syncstore/var/syncstore ;;
        dovecot|sdbox) local dir=$WORK/$1/mail ;;
        *) echo "- -"; return ;;
    esac
    echo "$(du -sb "$dir" | cut -f1) $(du -sB1 "$dir" | cut -f1)"
}

driver() {
    local server=$1; shift
    local lmtp=$((BASE[$server] + 24))
    local ports=$((BASE[$server] + 143))
    [ "$server" = postgres2 ] && ports="$ports,$((BASE[postgres2b] + 143))"
    java -Xmx2g -cp "$WORK/classes" io.syncstore.it.load.LoadDriver --server "$server" --host 127.0.0.1 \
        --port "$ports" --lmtp-port "$lmtp" --domain "$DOMAIN" --password "$PASSWORD" \
        --pid "${PID[$server]}" --out "$RESULTS" "$@"
}

run_workload() {
    local w=$1 server=$2 round=$3
    log "$w on $server, round $round"
    case $w in
        APPEND|LMTP|APPEND_EXPUNGE) driver "$server" --workload "$w" --round "$round" --user-prefix app --users "$CLIENTS" \
            --clients "$CLIENTS" --seconds "$RUN_SECONDS" --warmup "$WARMUP_SECONDS" ;;
        MIXED|DEFAULT_MIX) driver "$server" --workload "$w" --round "$round" --user-prefix mix --users "$CLIENTS" \
            --clients "$CLIENTS" --seconds "$RUN_SECONDS" --warmup "$WARMUP_SECONDS" --populate "$MIXED_POPULATE" ;;
        BIGBOX)
            local n=$BIGBOX_MESSAGES
            [ "$server" = james ] && n=$BIGBOX_MESSAGES_JAMES
            case $server in dovecot|sdbox) n=$BIGBOX_MESSAGES_DOVECOT ;; esac
            driver "$server" --workload BIGBOX --round "$round" --user-prefix big --users 1 --clients "$CLIENTS" \
                --messages "$n" --rounds "$BIGBOX_ROUNDS" ;;
        IDLE|IDLE_FLAGS|NOTIFY) driver "$server" --workload "$w" --round "$round" --user-prefix watch --users 1 \
            --sessions "$SESSIONS" --rounds "$PUSH_ROUNDS" --warmup-rounds "$PUSH_WARMUP" ;;
        QRESYNC) driver "$server" --workload QRESYNC --round "$round" --user-prefix big --users 1 \
            --rounds "$QRESYNC_ROUNDS" ;;
        FETCH) driver "$server" --workload FETCH --round "$round" --user-prefix fetch --users 1 --clients "$CLIENTS" \
            --messages "$FETCH_MESSAGES" --seconds "$RUN_SECONDS" --warmup "$WARMUP_SECONDS" ;;
        SEARCH) driver "$server" --workload SEARCH --round "$round" --user-prefix search --users 1 --clients "$CLIENTS" \
            --messages "$SEARCH_MESSAGES" --seconds "$RUN_SECONDS" --warmup "$WARMUP_SECONDS" ;;
        THREAD) driver "$server" --workload THREAD --round "$round" --user-prefix thread --users 1 --clients "$CLIENTS" \
            --messages "$THREAD_MESSAGES" --seconds "$RUN_SECONDS" --warmup "$WARMUP_SECONDS" ;;
        MAIL_SEARCH) driver "$server" --workload MAIL_SEARCH --round "$round" --user-prefix mail --users 1 \
            --clients "$CLIENTS" --messages "$MAIL_MESSAGES" --seconds "$RUN_SECONDS" --warmup "$WARMUP_SECONDS" ;;
    esac || log "$w on $server failed"
}

# DEDUP on fresh data: measure an empty store with its users (stopped), then deliver and stop again
# VIA lmtp: one LMTP transaction with 10 RCPT a message; append: one APPEND to each of the 10 users
run_dedup() {
    local server=$1 via=$2 lmtp=$((BASE[$1] + 24))
    [ "$via" = append ] && lmtp=0
    if [ "$server" = james ]; then  # nothing on disk: delivery rate and CPU only
        driver james --workload DEDUP --round 1 --user-prefix dd --users 10 --clients "$CLIENTS" \
            --messages "$DEDUP_MESSAGES" --lmtp-port "$lmtp" || log "DEDUP on james failed"
        return
    fi
    stop "$server"
    case $server in
        syncstore) rm -rf "$WORK/syncstore/var/syncstore" ;;
        dovecot|sdbox) rm -rf "${WORK:?}/$1/mail"/* ;;
    esac
    start "$server"
    stop "$server"
    local before; before=$(disk "$server")
    start "$server"
    log "DEDUP by $via on $server"
    driver "$server" --workload DEDUP --round 1 --user-prefix dd --users 10 --clients "$CLIENTS" \
        --messages "$DEDUP_MESSAGES" --lmtp-port "$lmtp" || log "DEDUP on $server failed"
    stop "$server"
    local after; after=$(disk "$server")
    local phase=DEDUP_LMTP; [ "$via" = append ] && phase=DEDUP_APPEND
    printf 'DISK\t%s\t%s\t%s\t%s\n' "$server" "$phase" "$before" "$after" | tr ' ' '\t' >> "$RESULTS"
    start "$server"
}

main() {
    mkdir -p "$WORK"
    build
    for s in $SERVERS; do stop_if_left "$s"; done
    prepare
    : > "$RESULTS"
    echo -e "MACHINE\t$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)" >> "$RESULTS"
    for s in $SERVERS; do start "$s"; done
    for w in $WORKLOADS; do
        if [ "$w" = DEDUP ]; then
            for via in $DEDUP_VIA; do
                for s in $SERVERS; do run_dedup "$s" "$via"; done
            done
            continue
        fi
        local rounds=$ROUNDS
        case $w in BIGBOX|QRESYNC|IDLE|IDLE_FLAGS|NOTIFY) rounds=1 ;; esac
        for r in $(seq 1 "$rounds"); do
            for s in $SERVERS; do run_workload "$w" "$s" "$r"; done
        done
    done
    for s in $SERVERS; do stop "$s"; done
    stop_services
    java -cp "$WORK/classes" io.syncstore.it.load.LoadReport "$RESULTS" | tee "$WORK/report.md"
}

stop_if_left() {
    if [ "$1" = syncstore ] && [ -x "$WORK/syncstore/bin/syncstore-james" ]; then
        (cd "$WORK/syncstore" && bin/syncstore-james stop >/dev/null 2>&1) || true
    fi
}

trap 'for s in $SERVERS; do stop "$s"; done; stop_services' EXIT
main "$@"
