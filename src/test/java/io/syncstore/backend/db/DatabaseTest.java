package io.syncstore.backend.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.james.mailbox.exception.MailboxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.TestDatabases;
import io.syncstore.config.SyncPolicy;

/** What a database promises whichever it is (the build runs this on SQLite and on PostgreSQL). */
class DatabaseTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path folder;

    @Test
    void concurrentWritesAreAllCommittedAndAFailingOneLeavesTheOthersIntact() throws Exception {
        Database database = databases.open(TestDatabases.configurationIn(folder, SyncPolicy.FULL));
        database.write(connection -> Sql.update(connection, "CREATE TABLE t (v INTEGER NOT NULL UNIQUE)"));

        ExecutorService executor = Executors.newFixedThreadPool(8);
        List<Future<Integer>> writes = IntStream.range(0, 200)
            .mapToObj(i -> executor.submit(() -> database.write(connection ->
                Sql.update(connection, "INSERT INTO t (v) VALUES (?)", i % 100 == 7 ? 7 : i + 1000))))
            .collect(Collectors.toList());
        long failed = writes.stream().filter(DatabaseTest::failed).count();
        executor.shutdown();

        assertThat(failed).isEqualTo(1);
        assertThat(rows(database)).isEqualTo(199);
    }

    @Test
    void theActionsAfterCommitOfTheWritesThatCommittedHaveRunWhenTheyReturnAndNoneOfTheFailedOne() throws Exception {
        Database database = databases.open(TestDatabases.configurationIn(folder, SyncPolicy.FULL));
        database.write(connection -> Sql.update(connection, "CREATE TABLE t (v INTEGER NOT NULL UNIQUE)"));
        Set<Integer> ran = ConcurrentHashMap.newKeySet();

        ExecutorService executor = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> writes = IntStream.range(0, 200)
            .mapToObj(i -> executor.submit(() -> {
                database.write(connection -> {
                    database.afterCommit(() -> ran.add(i));
                    return Sql.update(connection, "INSERT INTO t (v) VALUES (?)", i % 100 == 7 ? 7 : i + 1000);
                });
                return ran.contains(i);
            }))
            .collect(Collectors.toList());
        List<Boolean> ranByReturn = writes.stream().filter(write -> !failed(write)).map(DatabaseTest::value)
            .collect(Collectors.toList());
        executor.shutdown();

        assertThat(ranByReturn).hasSize(199).containsOnly(true);
        assertThat(ran).hasSize(199);
        assertThat(ran.contains(7) && ran.contains(107)).as("the write that failed ran nothing").isFalse();
    }

    private static <T> T value(Future<T> write) {
        try {
            return write.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aWriteIsVisibleToReadsOnceItReturns() throws Exception {
        Database database = databases.open();
        database.write(connection -> Sql.update(connection, "CREATE TABLE t (v INTEGER)"));
        for (int i = 1; i <= 50; i++) {
            int value = i;
            database.write(connection -> Sql.update(connection, "INSERT INTO t (v) VALUES (?)", value));
            assertThat(rows(database)).isEqualTo(i);
        }
    }

    @Test
    void readConnectionsRefuseWrites() throws Exception {
        Database database = databases.open();
        assertThatThrownBy(() -> database.read(connection -> Sql.update(connection, "CREATE TABLE t (v INTEGER)")))
            .isInstanceOf(MailboxException.class);
    }

    @Test
    void writesRacingWithCloseFailInsteadOfHanging() throws Exception {
        for (int round = 0; round < 20; round++) {
            Database database = Database.open(TestDatabases.configurationIn(folder.resolve("round" + round), SyncPolicy.OFF));
            database.write(connection -> Sql.update(connection, "CREATE TABLE t (v INTEGER)"));
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<Integer>> writes = IntStream.range(0, 200)
                .mapToObj(i -> writers.submit(() -> database.write(connection -> Sql.update(connection, "INSERT INTO t (v) VALUES (1)"))))
                .collect(Collectors.toList());
            database.close();
            for (Future<Integer> write : writes) {
                try {
                    write.get(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).hasMessageContaining("closed");
                }
            }
            writers.shutdown();
        }
    }

    private static long rows(Database database) throws MailboxException {
        return database.read(connection -> Sql.count(connection, "SELECT count(*) FROM t"));
    }

    private static boolean failed(Future<?> future) {
        try {
            future.get();
            return false;
        } catch (Exception e) {
            return true;
        }
    }
}
