package io.syncstore.backend.db;

import java.util.Arrays;
import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Applies the schema migrations, and refuses a database whose schema is newer than this code: Flyway would accept
 * it silently, and this code would then run on tables it does not know.
 */
final class Migrations {
    static final class SchemaTooNew extends RuntimeException {
        SchemaTooNew(String message) {
            super(message);
        }
    }

    private Migrations() {
    }

    static void apply(FluentConfiguration configuration) {
        Flyway flyway = configuration.load();
        flyway.migrate();
        Optional<MigrationInfo> future = Arrays.stream(flyway.info().applied())
            .filter(Migrations::isFuture)
            .reduce((first, second) -> second);
        if (future.isPresent()) {
            throw new SchemaTooNew("its schema is at version " + future.get().getVersion()
                + ", newer than this SyncStore knows (" + latestKnown(flyway) + "); run a SyncStore at least as new");
        }
    }

    private static boolean isFuture(MigrationInfo migration) {
        return migration.getState() == MigrationState.FUTURE_SUCCESS || migration.getState() == MigrationState.FUTURE_FAILED;
    }

    private static String latestKnown(Flyway flyway) {
        return Arrays.stream(flyway.info().all())
            .filter(migration -> !isFuture(migration))
            .reduce((first, second) -> second)
            .map(migration -> String.valueOf(migration.getVersion()))
            .orElse("none");
    }
}
