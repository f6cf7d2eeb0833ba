package io.syncstore.backend.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.TestDatabases;
import io.syncstore.config.SyncPolicy;

/** SQLite's log is copied into the database file off the writer's thread, and stays bounded under reads. */
class WalCheckpointerTest {
    /** A WAL frame: a 24-octet header and a 4 KiB page. */
    private static final int FRAME = 24 + 4096;

    @TempDir
    Path folder;

    @Test
    void theWritersCommitsNeverCopyTheLogIntoTheDatabaseFile() throws Exception {
        Database database = open(new WalCheckpointer.Policy(Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ofSeconds(1)));
        try {
            database.write(connection -> Sql.update(connection, "CREATE TABLE t (body BLOB)"));
            String before = digest(databaseFile());

            for (int i = 0; i < 600; i++) {
                database.write(connection -> Sql.update(connection, "INSERT INTO t (body) VALUES (randomblob(6000))"));
            }

            assertThat(Files.size(log())).as("the log holds more than SQLite's 1,000 pages of automatic checkpoint")
                .isGreaterThan(1_000L * FRAME);
            assertThat(digest(databaseFile())).as("SHA-256 of the database file").isEqualTo(before);
        } finally {
            database.close();
        }
        assertThat(Files.exists(log()) ? Files.size(log()) : 0).as("the last checkpoint at close").isZero();
        assertThat(rowsInDatabaseFileAlone()).isEqualTo(600);
    }

    /**
     * Two readers that always overlap (one begins before the other ends) keep a snapshot in the log at every moment:
     * the passive checkpoints alone could never rewind it. 16,000 commits of about 3.5 pages each: with passive
     * checkpoints only the log holds them all (about 56,000 pages); with the RESTART above 2,000 pages, and the writer
     * waiting when it is 50 commits ahead of the checkpoints, it stays below 10,000 (6,500 the largest seen).
     */
    @Test
    void theLogStaysBoundedWhileReadersAlwaysHoldASnapshot() throws Exception {
        Database database = open(new WalCheckpointer.Policy(5, 2_000, Duration.ofSeconds(2)));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        AtomicLong largestLog = new AtomicLong();
        try {
            database.write(connection -> Sql.update(connection, "CREATE TABLE t (body BLOB)"));
            Thread readers = new Thread(() -> readOverlapping(writing, reads, largestLog));
            readers.start();
            for (int i = 0; i < 16_000; i++) {
                database.write(connection -> Sql.update(connection, "INSERT INTO t (body) VALUES (randomblob(6000))"));
            }
            writing.set(false);
            readers.join();

            assertThat(reads.get()).isGreaterThan(100);
            assertThat(largestLog.get()).as("largest log, in octets").isLessThan(10_000L * FRAME);
            long rows = database.read(connection -> Sql.count(connection, "SELECT count(*) FROM t"));
            assertThat(rows).isEqualTo(16_000);
        } finally {
            writing.set(false);
            database.close();
        }
    }

    private void readOverlapping(AtomicBoolean writing, AtomicLong reads, AtomicLong largestLog) {
        try (Connection first = readConnection(); Connection second = readConnection()) {
            beginRead(first);
            Connection open = first;
            Connection next = second;
            while (writing.get()) {
                beginRead(next);
                Thread.sleep(1);
                open.commit();
                reads.incrementAndGet();
                largestLog.accumulateAndGet(Files.exists(log()) ? Files.size(log()) : 0, Math::max);
                Connection swap = open;
                open = next;
                next = swap;
            }
            open.commit();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Connection readConnection() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + databaseFile());
        connection.setAutoCommit(false);
        return connection;
    }

    /** A read transaction holds its snapshot from its first read on. */
    private static void beginRead(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM t")) {
            result.next();
        }
    }

    private long rowsInDatabaseFileAlone() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + databaseFile());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM t")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String digest(Path file) throws Exception {
        return new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))).toString(16);
    }

    private Database open(WalCheckpointer.Policy policy) {
        return SqliteDatabase.open(TestDatabases.sqliteConfigurationIn(folder, SyncPolicy.NORMAL), policy);
    }

    private Path databaseFile() {
        return folder.resolve("mail.db");
    }

    private Path log() {
        return folder.resolve("mail.db-wal");
    }
}
