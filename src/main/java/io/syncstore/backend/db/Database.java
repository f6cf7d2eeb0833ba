package io.syncstore.backend.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.james.mailbox.exception.MailboxException;

import com.zaxxer.hikari.HikariDataSource;

import io.syncstore.config.SyncStoreConfiguration;
import io.syncstore.reactive.Blocking;
import reactor.core.publisher.Mono;

/**
 * The mail database: a pool of read connections and a writer. On SQLite ({@link SqliteDatabase}) the writer is a
 * single group-committing thread; on PostgreSQL ({@link PostgresDatabase}) writes are concurrent transactions of a
 * pool, so that several nodes can share the database. Opening it applies the schema migrations.
 */
public final class Database implements AutoCloseable {
    private final SyncStoreConfiguration configuration;
    private final SqlDialect dialect;
    private final HikariDataSource readers;
    private final Writer writer;
    private final Runnable release;
    private final Reachability reachability = new Reachability();
    private final List<Runnable> beforeClose = new CopyOnWriteArrayList<>();

    Database(SyncStoreConfiguration configuration, SqlDialect dialect, HikariDataSource readers, Writer writer, Runnable release) {
        this.configuration = configuration;
        this.dialect = dialect;
        this.readers = readers;
        this.writer = writer;
        this.release = release;
    }

    public static Database open(SyncStoreConfiguration configuration) {
        return configuration.postgresql()
            .map(settings -> PostgresDatabase.open(configuration, settings))
            .orElseGet(() -> SqliteDatabase.open(configuration));
    }

    public SyncStoreConfiguration configuration() {
        return configuration;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    public <T> T read(SqlWork<T> work) throws MailboxException {
        return readCounted(StatementCount.counted("read", work));
    }

    private <T> T readCounted(SqlWork<T> work) throws MailboxException {
        return reachability.track(() -> {
            try (Connection connection = readers.getConnection()) {
                return work.run(connection);
            } catch (SQLException e) {
                throw translate(dialect, "read", e);
            }
        });
    }

    /** Runs the work in a transaction of its own; it is committed (and durable) when this returns. */
    public <T> T write(SqlWork<T> work) throws MailboxException {
        return writeCounted(StatementCount.counted("write", work));
    }

    private <T> T writeCounted(SqlWork<T> work) throws MailboxException {
        return reachability.track(() -> writer.write(work));
    }

    /** True while the database is out of reach: the last read or write failed for want of a connection. */
    public boolean isOutOfReach() {
        return reachability.isLost();
    }

    /** Registers an action for after the commit of the write in progress (deleting files no longer referenced). */
    public void afterCommit(Runnable action) {
        writer.afterCommit(action);
    }

    public <T> Mono<T> readReactive(SqlWork<T> work) {
        SqlWork<T> counted = StatementCount.counted("read", work);
        return Blocking.call(() -> readCounted(counted));
    }

    /**
     * As {@link #readReactive}, its statements all reading the database as one moment left it (one read transaction):
     * for a work whose later statements must agree with its earlier ones about which rows exist.
     */
    public <T> Mono<T> readReactiveAtOneMoment(SqlWork<T> work) {
        return readReactive(connection -> {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(dialect.snapshotIsolation());
            try {
                return work.run(connection);
            } finally {
                connection.rollback();
            }
        });
    }

    public <T> Mono<T> writeReactive(SqlWork<T> work) {
        SqlWork<T> counted = StatementCount.counted("write", work);
        return Blocking.call(() -> writeCounted(counted));
    }

    static MailboxException translate(SqlDialect dialect, String action, SQLException e) {
        String description = dialect.describe(e).orElse("database " + action + " failed: " + e.getMessage());
        return new StorageException(description, e);
    }

    /** Registers work to end before the database closes: a task of its own that still reads or writes. */
    public void beforeClose(Runnable stop) {
        beforeClose.add(stop);
    }

    @Override
    public void close() {
        beforeClose.forEach(Runnable::run);
        writer.close();
        readers.close();
        release.run();
    }
}
