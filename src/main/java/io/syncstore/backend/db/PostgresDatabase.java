package io.syncstore.backend.db;

import java.sql.SQLException;
import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import io.syncstore.config.ConfigurationError;
import io.syncstore.config.PostgresSettings;
import io.syncstore.config.SyncStoreConfiguration;

/**
 * Opens the PostgreSQL database: one pool for writes (transactions, {@link TransactionWriter}) and one, read-only,
 * for reads, each of {@code poolSize} connections. A server that cannot be reached, a refused login, a missing
 * database or a schema newer than this code stops start-up with one line naming the setting to check. Several nodes
 * may open the same database; Flyway serialises their migrations with a lock in the database.
 */
final class PostgresDatabase {
    private PostgresDatabase() {
    }

    static Database open(SyncStoreConfiguration configuration, PostgresSettings settings) {
        PostgresDialect dialect = new PostgresDialect(settings);
        HikariDataSource writers = null;
        try {
            writers = pool("syncstore-writers", configuration, settings, dialect, false);
            Migrations.apply(Flyway.configure(Database.class.getClassLoader())
                .dataSource(writers)
                .locations(dialect.migrationLocation()));
            HikariDataSource readers = pool("syncstore-readers", configuration, settings, dialect, true);
            TransactionWriter writer = new TransactionWriter(writers, configuration.busyTimeout(), (action, e) -> Database.translate(dialect, action, e));
            HikariDataSource writerPool = writers;
            return new Database(configuration, dialect, readers, writer, writerPool::close);
        } catch (HikariPool.PoolInitializationException | FlywayException e) {
            closeQuietly(writers);
            throw openingError(settings, e);
        } catch (Migrations.SchemaTooNew e) {
            closeQuietly(writers);
            throw new ConfigurationError(SyncStoreConfiguration.FILE_NAME, "postgresql.url",
                "the database " + settings.url() + " cannot be used: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(writers);
            throw e;
        }
    }

    private static HikariDataSource pool(String name, SyncStoreConfiguration configuration, PostgresSettings settings,
                                         PostgresDialect dialect, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDriverClassName(dialect.driver().getClass().getName());
        config.setJdbcUrl(dialect.jdbcUrl(configuration));
        config.setDataSourceProperties(dialect.connectionProperties(configuration));
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(configuration.busyTimeout().toMillis() + 10_000);
        if (readOnly) {
            config.setReadOnly(true);
            config.setConnectionInitSql(dialect.readOnlySetup());
        } else {
            config.setAutoCommit(false);
            config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            // A write waiting for a row lock held by a stuck transaction fails instead of hanging the client.
            config.setConnectionInitSql("SET lock_timeout = '" + configuration.busyTimeout().toMillis() + "ms'");
        }
        return new HikariDataSource(config);
    }

    /** The line an administrator reads: which setting to check, and what the server said. */
    private static ConfigurationError openingError(PostgresSettings settings, Exception e) {
        SQLException cause = sqlCause(e).orElse(null);
        String state = cause == null || cause.getSQLState() == null ? "" : cause.getSQLState();
        String said = cause == null ? e.getMessage() : cause.getMessage();
        String file = SyncStoreConfiguration.FILE_NAME;
        if (state.startsWith("28")) {
            return new ConfigurationError(file, "postgresql.password",
                "PostgreSQL refused user '" + settings.user() + "' at " + settings.url() + ": " + said, e);
        }
        if (state.equals("3D000")) {
            return new ConfigurationError(file, "postgresql.url", "the database does not exist on the server: " + said, e);
        }
        if (state.startsWith("08")) {
            return new ConfigurationError(file, "postgresql.url", "cannot reach the PostgreSQL server at " + settings.url() + ": " + said, e);
        }
        return new ConfigurationError(file, "postgresql.url", "cannot open the database " + settings.url() + ": " + said, e);
    }

    private static Optional<SQLException> sqlCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return Optional.of((SQLException) cause);
            }
        }
        return Optional.empty();
    }

    private static void closeQuietly(HikariDataSource pool) {
        if (pool != null) {
            pool.close();
        }
    }
}
