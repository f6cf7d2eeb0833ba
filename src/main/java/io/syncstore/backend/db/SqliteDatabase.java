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

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.syncstore.config.SyncStoreConfiguration;

/**
 * Opens the SQLite database: takes an exclusive lock beside the database file so that a second server on the same
 * data fails at start instead of corrupting it, applies the migrations, and starts the single writer.
 */
final class SqliteDatabase {
    private SqliteDatabase() {
    }

    static Database open(SyncStoreConfiguration configuration) {
        return open(configuration, WalCheckpointer.Policy.standard(configuration.busyTimeout()));
    }

    static Database open(SyncStoreConfiguration configuration, WalCheckpointer.Policy checkpoints) {
        SqliteDialect dialect = new SqliteDialect();
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
            return start(configuration, dialect, checkpoints, lockChannel, lock);
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
        } catch (Migrations.SchemaTooNew e) {
            closeQuietly(lockChannel);
            throw new StoreOpeningException("Cannot open the mail database " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    private static Database start(SyncStoreConfiguration configuration, SqliteDialect dialect, WalCheckpointer.Policy checkpoints,
                                  FileChannel lockChannel, FileLock lock) throws SQLException {
        Connection writerConnection = dialect.driver().connect(dialect.jdbcUrl(configuration), dialect.connectionProperties(configuration));
        try (Statement statement = writerConnection.createStatement()) {
            statement.execute(dialect.writerSetup());
        }
        WalCheckpointer checkpointer = new WalCheckpointer(
            dialect.driver().connect(dialect.jdbcUrl(configuration), dialect.connectionProperties(configuration)), checkpoints);
        HikariDataSource readers = openReaders(configuration, dialect);
        GroupCommitWriter writer = new GroupCommitWriter(StatementCache.wrap(writerConnection), dialect.beginWrite(),
            (action, e) -> Database.translate(dialect, action, e), checkpointer::committed);
        return new Database(configuration, dialect, readers, writer, () -> {
            checkpointer.close();
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
        });
    }

    private static HikariDataSource openReaders(SyncStoreConfiguration configuration, SqliteDialect dialect) {
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

    private static void migrate(SyncStoreConfiguration configuration, SqliteDialect dialect) throws SQLException {
        try (Connection connection = dialect.driver().connect(dialect.jdbcUrl(configuration), dialect.connectionProperties(configuration));
             Statement statement = connection.createStatement()) {
            // Reading the schema fails fast on a file that is not a database or whose header is damaged.
            statement.execute("SELECT count(*) FROM sqlite_master");
        }
        Migrations.apply(Flyway.configure(Database.class.getClassLoader())
            .dataSource(dialect.jdbcUrl(configuration), null, null)
            .locations(dialect.migrationLocation()));
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
