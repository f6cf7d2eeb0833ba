package io.syncstore.backend.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.james.mailbox.exception.MailboxException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.TestDatabases;
import io.syncstore.config.SyncPolicy;

/** SQLite's own mechanisms: the lock beside the file, a damaged file, a write lock held by another process. */
class SqliteDatabaseTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path folder;

    @Test
    void aSecondOpeningOfTheSameDatabaseFailsWithAClearMessage() {
        databases.open(TestDatabases.sqliteConfigurationIn(folder, SyncPolicy.NORMAL));
        assertThatThrownBy(() -> databases.open(TestDatabases.sqliteConfigurationIn(folder, SyncPolicy.NORMAL)))
            .isInstanceOf(StoreOpeningException.class)
            .hasMessageContaining("in use by another process");
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAndLeftAsItWas() throws Exception {
        Path file = folder.resolve("mail.db");
        byte[] garbage = "this is not a database, but somebody's data".repeat(200).getBytes();
        Files.write(file, garbage);

        assertThatThrownBy(() -> databases.open(TestDatabases.sqliteConfigurationIn(folder, SyncPolicy.NORMAL)))
            .isInstanceOf(StoreOpeningException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("corrupt or not a database");
        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    }

    @Test
    void writesFailWithNoWhenAnotherProcessHoldsTheWriteLock() throws Exception {
        Path databaseFolder = folder.resolve("locked");
        Database database = databases.open(TestDatabases.sqliteConfigurationIn(databaseFolder, SyncPolicy.NORMAL)
            .toBuilder().busyTimeout(java.time.Duration.ofMillis(200)).build());
        database.write(connection -> Sql.update(connection, "CREATE TABLE t (v INTEGER)"));

        try (var intruder = java.sql.DriverManager.getConnection("jdbc:sqlite:" + databaseFolder.resolve("mail.db"));
             var statement = intruder.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            assertThatThrownBy(() -> database.write(connection -> Sql.update(connection, "INSERT INTO t (v) VALUES (1)")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("locked by another process");
            statement.execute("ROLLBACK");
        }
        database.write(connection -> Sql.update(connection, "INSERT INTO t (v) VALUES (2)"));
        assertThat(rows(database)).isEqualTo(1);
    }

    /**
     * SQLite names its temporary files etilqs_*; the spilled copies of the pages a savepoint's write changed are one
     * of them. A write alone in its group takes no savepoint.
     */
    @Test
    void aWriteAloneChangingManyPagesWritesNoTemporaryFile() throws Exception {
        Database database = databaseOf2000Rows();

        List<String> temporaryFiles = database.write(connection -> {
            Sql.update(connection, "UPDATE t SET v = v + 1");
            return openTemporaryFiles();
        });

        assertThat(temporaryFiles).isEmpty();
        long changed = database.read(connection -> Sql.count(connection, "SELECT count(*) FROM t WHERE v > 1"));
        assertThat(changed).isEqualTo(2000);
    }

    /** A failed write alone in its group is rolled back whole, and the next write is kept. */
    @Test
    void aFailedWriteChangingManyPagesIsUndoneWithoutTouchingTheNextWrite() throws Exception {
        Database database = databaseOf2000Rows();

        assertThatThrownBy(() -> database.write(connection -> {
            Sql.update(connection, "UPDATE t SET v = 2, padding = printf('%.300c', 'y')");
            throw new IllegalStateException("the write fails after changing every page");
        })).hasMessageContaining("the write fails");
        database.write(connection -> Sql.update(connection, "INSERT INTO t (v, padding) VALUES (3, '')"));

        long untouched = database.read(connection -> Sql.count(connection,
            "SELECT count(*) FROM t WHERE v = 1 AND padding = printf('%.200c', 'x')"));
        assertThat(untouched).isEqualTo(2000);
        assertThat(rows(database)).isEqualTo(2001);
    }

    /** 2,000 rows of v = 1 and 200 octets of padding: about 100 pages. */
    private Database databaseOf2000Rows() throws MailboxException {
        Database database = databases.open(TestDatabases.sqliteConfigurationIn(folder, SyncPolicy.NORMAL));
        database.write(connection -> Sql.update(connection, "CREATE TABLE t (v INTEGER, padding TEXT)"));
        database.write(connection -> Sql.update(connection,
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                + "INSERT INTO t (v, padding) SELECT 1, printf('%.200c', 'x') FROM n"));
        return database;
    }

    private static List<String> openTemporaryFiles() {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.map(SqliteDatabaseTest::target).filter(target -> target.contains("etilqs_"))
                .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String target(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        } catch (IOException e) {
            return ""; // closed since it was listed
        }
    }

    private static long rows(Database database) throws MailboxException {
        return database.read(connection -> Sql.count(connection, "SELECT count(*) FROM t"));
    }
}
