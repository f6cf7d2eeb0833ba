package io.syncstore.backend.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.apache.james.mailbox.exception.MailboxException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.syncstore.config.SyncStoreConfiguration;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The mail database: a pool of read connections and a single group-committing writer. Opening it takes an
 * exclusive lock beside the database file so that a second server on the same data fails at start instead of
 * corrupting it, and applies the schema migrations.
 */
public final class Database implements AutoCloseable {
    private final SyncStoreConfiguration configuration;
    private final SqlDialect dialect;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final HikariDataSource readers;
    private final Connection writerConnection;
    private final GroupCommitWriter writer;

    private Database(SyncStoreConfiguration configuration, SqlDialect dialect, FileChannel lockChannel, FileLock lock) throws SQLException {
        this.configuration = configuration;
        this.dialect = dialect;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.writerConnection = openWriterConnection();
        this.readers = openReaders();
        this.writer = new GroupCommitWriter(StatementCache.wrap(writerConnection), dialect.beginWrite(), this::translate);
    }

    public static Database open(SyncStoreConfiguration configuration) {
        SqlDialect dialect = new SqliteDialect();
        Path file = configuration.databaseFile().toAbsolutePath();
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(file.getParent());
            Files.createDirectories(configuration.contentDirectory());
            checkWritable(file.getParent());
            checkWritable(configuration.contentDirectory());
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockChannel);
            if (lock == null) {
                throw new StoreOpeningException("The mail database " + file + " is in use by another process (lock held on " + lockFile + ")");
            }
            migrate(configuration, dialect);
            return new Database(configuration, dialect, lockChannel, lock);
        } catch (AccessDeniedException e) {
            closeQuietly(lockChannel);
            throw new StoreOpeningException("Cannot open the mail database " + file + ": permission denied on "
                + e.getFile() + " for this process", e);
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new StoreOpeningException("Cannot open the mail database " + file + ": " + e, e);
        } catch (SQLException | FlywayException e) {
            closeQuietly(lockChannel);
            throw new StoreOpeningException("Cannot open the mail database " + file + ": "
                + describeOpeningFailure(dialect, e), e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    public SyncStoreConfiguration configuration() {
        return configuration;
    }

    public <T> T read(SqlWork<T> work) throws MailboxException {
        try (Connection connection = readers.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw translate("read", e);
        }
    }

    /** Runs the work in a transaction of its own; it is committed (and durable) when this returns. */
    public <T> T write(SqlWork<T> work) throws MailboxException {
        return writer.write(work);
    }

    /** Registers an action for after the commit of the write in progress (deleting files no longer referenced). */
    public void afterCommit(Runnable action) {
        writer.afterCommit(action);
    }

    public <T> Mono<T> readReactive(SqlWork<T> work) {
        return Mono.fromCallable(() -> read(work)).subscribeOn(Schedulers.boundedElastic());
    }

    public <T> Mono<T> writeReactive(SqlWork<T> work) {
        return Mono.fromCallable(() -> write(work)).subscribeOn(Schedulers.boundedElastic());
    }

    MailboxException translate(String action, SQLException e) {
        String description = dialect.describe(e).orElse("database " + action + " failed: " + e.getMessage());
        return new StorageException(description, e);
    }

    @Override
    public void close() {
        writer.close();
        readers.close();
        try (Statement statement = writerConnection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            // The WAL is replayed at next open; nothing is lost.
        }
        closeQuietly(writerConnection);
        try {
            lock.release();
        } catch (IOException e) {
            // released with the channel below
        }
        closeQuietly(lockChannel);
    }

    private Connection openWriterConnection() throws SQLException {
        return dialect.driver().connect(dialect.jdbcUrl(configuration), dialect.connectionProperties(configuration));
    }

    private HikariDataSource openReaders() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("syncstore-readers");
        config.setDriverClassName(dialect.driver().getClass().getName());
        config.setJdbcUrl(dialect.jdbcUrl(configuration));
        config.setMaximumPoolSize(configuration.readConnections());
        config.setMinimumIdle(1);
        config.setDataSourceProperties(dialect.connectionProperties(configuration));
        config.setConnectionInitSql(dialect.readOnlySetup());
        return new HikariDataSource(config);
    }

    private static void migrate(SyncStoreConfiguration configuration, SqlDialect dialect) throws SQLException {
        try (Connection connection = dialect.driver().connect(dialect.jdbcUrl(configuration), dialect.connectionProperties(configuration));
             Statement statement = connection.createStatement()) {
            // Reading the schema fails fast on a file that is not a database or whose header is damaged.
            statement.execute("SELECT count(*) FROM sqlite_master");
        }
        Flyway.configure(Database.class.getClassLoader())
            .dataSource(dialect.jdbcUrl(configuration), null, null)
            .locations(dialect.migrationLocation())
            .load()
            .migrate();
    }

    private static String describeOpeningFailure(SqlDialect dialect, Exception e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof SQLException) {
                return dialect.describe((SQLException) cause).orElse(cause.getMessage());
            }
            cause = cause.getCause();
        }
        return e.getMessage();
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static void checkWritable(Path directory) {
        if (!Files.isWritable(directory)) {
            throw new StoreOpeningException("The directory " + directory + " is not writable by this process");
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing more to release
        }
    }
}
