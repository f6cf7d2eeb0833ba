package io.syncstore.backend.db;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

import io.syncstore.config.SyncStoreConfiguration;

public final class SqliteDialect implements SqlDialect {
    @Override
    public Driver driver() {
        return new JDBC();
    }

    @Override
    public String jdbcUrl(SyncStoreConfiguration configuration) {
        return "jdbc:sqlite:" + configuration.databaseFile().toAbsolutePath();
    }

    @Override
    public Properties connectionProperties(SyncStoreConfiguration configuration) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(configuration.syncPolicy().sqliteSynchronous()));
        config.setBusyTimeout((int) configuration.busyTimeout().toMillis());
        config.enforceForeignKeys(true);
        return config.toProperties();
    }

    /**
     * Run on the writer's connection once opened: its commits never checkpoint the log; {@link WalCheckpointer} does,
     * from a connection and thread of its own, so that no write waits for the copy into the database file.
     */
    String writerSetup() {
        return "PRAGMA wal_autocheckpoint = 0";
    }

    @Override
    public String readOnlySetup() {
        return "PRAGMA query_only = 1";
    }

    /** Starts a write transaction that holds the write lock from its first statement. */
    String beginWrite() {
        return "BEGIN IMMEDIATE";
    }

    /** Nothing to lock: the single writer runs one write at a time. */
    @Override
    public int snapshotIsolation() {
        return java.sql.Connection.TRANSACTION_SERIALIZABLE;
    }

    @Override
    public String skipLockedRows() {
        return "";
    }

    @Override
    public boolean sharedByNodes() {
        return false;
    }

    @Override
    public String migrationLocation() {
        return "classpath:db/migration/sqlite";
    }

    @Override
    public String byCodePoint() {
        // BINARY, the default: UTF-8 octets, so code point order
        return "";
    }

    @Override
    public String joinedLines(String text) {
        return "group_concat(" + text + ", char(10))";
    }

    @Override
    public String notIndexed(String expression) {
        return "+" + expression;
    }

    @Override
    public String asJmapAccount(String column) {
        return column;
    }

    @Override
    public Optional<String> describe(SQLException e) {
        SQLiteErrorCode code = SQLiteErrorCode.getErrorCode(e.getErrorCode());
        switch (code) {
            case SQLITE_FULL:
                return Optional.of("the disk holding the mail database is full; the change was not stored");
            case SQLITE_BUSY:
            case SQLITE_LOCKED:
                return Optional.of("the mail database is locked by another process; the change was not stored");
            case SQLITE_CORRUPT:
            case SQLITE_NOTADB:
                return Optional.of("the mail database file is corrupt or not a database");
            case SQLITE_READONLY:
            case SQLITE_CANTOPEN:
            case SQLITE_PERM:
                return Optional.of("the mail database cannot be written (check its permissions)");
            case SQLITE_IOERR:
                return Optional.of("the disk reported an I/O error; the change was not stored");
            default:
                return Optional.empty();
        }
    }
}
