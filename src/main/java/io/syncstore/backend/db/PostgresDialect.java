package io.syncstore.backend.db;

import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Properties;

import org.postgresql.PGProperty;

import io.syncstore.config.PostgresSettings;
import io.syncstore.config.SyncStoreConfiguration;

public final class PostgresDialect implements SqlDialect {
    private final PostgresSettings settings;

    public PostgresDialect(PostgresSettings settings) {
        this.settings = settings;
    }

    @Override
    public Driver driver() {
        return new org.postgresql.Driver();
    }

    @Override
    public String jdbcUrl(SyncStoreConfiguration configuration) {
        return settings.url();
    }

    @Override
    public Properties connectionProperties(SyncStoreConfiguration configuration) {
        Properties properties = new Properties();
        PGProperty.USER.set(properties, settings.user());
        PGProperty.PASSWORD.set(properties, settings.password());
        PGProperty.SSL_MODE.set(properties, settings.tls().sslMode());
        settings.tlsRootCertificate().ifPresent(file -> PGProperty.SSL_ROOT_CERT.set(properties, file.toString()));
        PGProperty.APPLICATION_NAME.set(properties, "syncstore");
        PGProperty.TCP_KEEP_ALIVE.set(properties, true);
        PGProperty.CONNECT_TIMEOUT.set(properties, 10);
        PGProperty.REWRITE_BATCHED_INSERTS.set(properties, true);
        return properties;
    }

    @Override
    public String readOnlySetup() {
        return "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY";
    }

    @Override
    public String migrationLocation() {
        return "classpath:db/migration/postgresql";
    }

    @Override
    public int snapshotIsolation() {
        return java.sql.Connection.TRANSACTION_REPEATABLE_READ;
    }

    @Override
    public String skipLockedRows() {
        return " FOR UPDATE SKIP LOCKED";
    }

    @Override
    public boolean sharedByNodes() {
        return true;
    }

    @Override
    public String byCodePoint() {
        return " COLLATE \"C\"";
    }

    @Override
    public String joinedLines(String text) {
        return "string_agg(" + text + ", chr(10))";
    }

    @Override
    public String notIndexed(String expression) {
        return expression;
    }

    @Override
    public String asJmapAccount(String column) {
        return column + " COLLATE \"default\"";
    }

    @Override
    public Optional<String> describe(SQLException e) {
        if (e instanceof SQLTransientConnectionException) {
            return Optional.of("no connection to the PostgreSQL server is available; the change was not stored");
        }
        String state = Optional.ofNullable(e.getSQLState()).orElse("");
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P03")) {
            return Optional.of("the PostgreSQL server cannot be reached or is restarting; the change was not stored");
        }
        switch (state) {
            case "53100":
                return Optional.of("the disk holding the PostgreSQL database is full; the change was not stored");
            case "53300":
                return Optional.of("the PostgreSQL server has no connection slot left; the change was not stored");
            case "25006":
                return Optional.of("the PostgreSQL server accepts no writes (a standby or read-only); the change was not stored");
            case "40001":
            case "40P01":
                return Optional.of("the change kept conflicting with concurrent changes; it was not stored");
            default:
                return Optional.empty();
        }
    }

    /** Whether running the write again can succeed: it lost a race with a concurrent transaction. */
    static boolean isConflict(SQLException e) {
        String state = Optional.ofNullable(e.getSQLState()).orElse("");
        switch (state) {
            case "40001": // serialization failure
            case "40P01": // deadlock: PostgreSQL aborted this transaction to let the other one go on
            case "23505": // a concurrent write inserted the same key first; run again, this write sees it
            case "23503": // a concurrent write deleted a row this one refers to; run again, this write sees it gone
                return true;
            default:
                return false;
        }
    }
}
