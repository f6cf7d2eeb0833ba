package io.syncstore.backend.jmap.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.james.jmap.api.change.EmailChange;
import org.apache.james.jmap.api.change.EmailChanges;
import org.apache.james.jmap.api.change.Limit;
import org.apache.james.jmap.api.change.State;
import org.apache.james.jmap.api.model.AccountId;
import org.apache.james.mailbox.model.MessageId;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.jmap.ChangeRetention;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.jmap.SyncStoreEmailChangeRepository;
import io.syncstore.backend.model.SyncStoreMessageId;
import io.syncstore.config.SyncPolicy;

/**
 * Time of {@code Email/changes} for a client 10 changes behind, against the size of the account's change log (one
 * change per delivered message at least). For each size: a fresh database whose change log is filled directly, 10
 * changes saved through the repository, then the query repeated. Run:
 * {@code mvn -B test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.syncstore.backend.jmap.benchmark.ChangesBenchmark -Dexec.args="1000 100000 1000 100000"} (each size twice, the
 * smaller first and again after the larger, so that neither gets all of the JIT's warm-up)
 */
public final class ChangesBenchmark {
    private static final AccountId ACCOUNT = AccountId.fromString("alice@example.com");
    private static final int BEHIND = 10;
    private static final int WARM_UP = 200;
    private static final int ROUNDS = 1000;
    private static final int FILL_BATCH = 10_000;

    public static void main(String[] args) throws Exception {
        System.out.println("changes in the log | Email/changes 10 behind: median µs | p99 µs | save of one change: median µs | load average (1, 5, 15 min)");
        for (String size : args) {
            run(Integer.parseInt(size));
        }
    }

    private static void run(int size) throws Exception {
        Path folder = Files.createTempDirectory("changes-benchmark");
        SyncStoreMessageId.Factory messageIds = new SyncStoreMessageId.Factory();
        try (Database database = Database.open(TestDatabases.configurationIn(folder, SyncPolicy.NORMAL))) {
            SyncStoreEmailChangeRepository repository = new SyncStoreEmailChangeRepository(database, messageIds, Limit.of(256), ChangeRetention.of(Duration.ofDays(3650), Integer.MAX_VALUE));
            ZonedDateTime start = ZonedDateTime.now().minusDays(365);
            fill(database, size, start, messageIds);

            State behind = repository.getLatestState(ACCOUNT).block();
            long[] saves = new long[BEHIND];
            for (int i = 0; i < BEHIND; i++) {
                EmailChange change = EmailChange.builder().accountId(ACCOUNT).state(State.Factory.DEFAULT.generate())
                    .date(ZonedDateTime.now()).isDelegated(false).updated(messageIds.generate()).build();
                long begin = System.nanoTime();
                repository.save(change).block();
                saves[i] = System.nanoTime() - begin;
            }

            long[] times = new long[ROUNDS];
            for (int round = -WARM_UP; round < ROUNDS; round++) {
                long begin = System.nanoTime();
                EmailChanges changes = repository.getSinceState(ACCOUNT, behind, Optional.empty()).block();
                long elapsed = System.nanoTime() - begin;
                if (changes.getUpdated().size() != BEHIND) {
                    throw new IllegalStateException("Expected " + BEHIND + " changes, got " + changes.getAllChanges().size());
                }
                if (round >= 0) {
                    times[round] = elapsed;
                }
            }
            Arrays.sort(times);
            Arrays.sort(saves);
            System.out.printf("%,d | %d | %d | %d | %s%n", size, times[ROUNDS / 2] / 1000, times[ROUNDS * 99 / 100] / 1000,
                saves[BEHIND / 2] / 1000, loadAverage());
        } finally {
            try (var paths = Files.walk(folder)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** The machine's load average over 1, 5 and 15 minutes, as uptime shows it (Linux). */
    static String loadAverage() throws java.io.IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + ", " + fields[1] + ", " + fields[2];
    }

    /** The account's history: one change per message, a minute apart, written in large transactions. */
    private static void fill(Database database, int size, ZonedDateTime start, MessageId.Factory messageIds) throws Exception {
        for (int written = 0; written < size; written += FILL_BATCH) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = written; i < Math.min(size, written + FILL_BATCH); i++) {
                long micros = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, start.plusMinutes(i / 100).toInstant()) + i;
                rows.add(new Object[] {ACCOUNT.getIdentifier(), UUID.randomUUID().toString(), micros, false, true,
                    messageIds.generate().serialize(), "", ""});
            }
            database.write(connection -> {
                Sql.batch(connection, "INSERT INTO jmap_email_change (account, state, changed_at, delegated, delivery, created, updated, destroyed) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
                return null;
            });
        }
    }

    private ChangesBenchmark() {
    }
}
