package io.syncstore.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.PostgresTestServer;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;

/**
 * Fresh databases in temporary folders for tests, closed and deleted after each test. Contract suites that build
 * their fixtures lazily get a database per call of {@link #open()}.
 *
 * <p>The system property {@code syncstore.test.backend} selects the database: {@code sqlite} (default) or
 * {@code postgresql}, a database of its own on the JVM's private {@link PostgresTestServer} (the build runs the
 * backend's tests once per backend).
 */
public final class TestDatabases implements AfterEachCallback {
    public static final boolean POSTGRESQL = "postgresql".equals(System.getProperty("syncstore.test.backend", "sqlite"));

    private final List<Database> opened = new ArrayList<>();
    private final List<Path> folders = new ArrayList<>();

    public Database open() {
        return open(SyncPolicy.NORMAL);
    }

    public Database open(SyncPolicy policy) {
        try {
            Path folder = Files.createTempDirectory("syncstore-test");
            folders.add(folder);
            return open(configurationIn(folder, policy));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Database open(SyncStoreConfiguration configuration) {
        Database database = Database.open(configuration);
        opened.add(database);
        return database;
    }

    /** A database of the selected backend; on SQLite a file in the folder. */
    public static SyncStoreConfiguration configurationIn(Path folder, SyncPolicy policy) {
        return sqliteConfigurationIn(folder, policy).toBuilder()
            .postgresql(POSTGRESQL ? Optional.of(PostgresTestServer.instance().newDatabase()) : Optional.empty())
            .build();
    }

    /** An SQLite database in the folder, whichever backend is selected, for tests of SQLite's own mechanisms. */
    public static SyncStoreConfiguration sqliteConfigurationIn(Path folder, SyncPolicy policy) {
        return SyncStoreConfiguration.builder()
            .databaseFile(folder.resolve("mail.db"))
            .syncPolicy(policy)
            .build();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeAll();
    }

    public void closeAll() {
        opened.forEach(Database::close);
        opened.clear();
        if (POSTGRESQL) {
            PostgresTestServer.instance().releaseDatabases();
        }
        folders.forEach(TestDatabases::deleteRecursively);
        folders.clear();
    }

    private static void deleteRecursively(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
