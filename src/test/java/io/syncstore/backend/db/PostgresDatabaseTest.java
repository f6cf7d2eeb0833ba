package io.syncstore.backend.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.config.ConfigurationError;
import io.syncstore.config.PostgresSettings;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;

/** Opening the PostgreSQL backend: what an administrator reads when the server, the login or the schema is wrong. */
class PostgresDatabaseTest {
    private final PostgresTestServer server = PostgresTestServer.instance();

    @TempDir
    Path folder;

    @AfterEach
    void release() {
        server.releaseDatabases();
    }

    @Test
    void opensAMigratedDatabaseAndReadsWhatItWrote() throws Exception {
        try (Database database = Database.open(configuration(server.newDatabase()))) {
            database.write(connection -> Sql.update(connection, "INSERT INTO mail_domain (name) VALUES (?)", "example.com"));

            long domains = database.read(connection -> Sql.count(connection, "SELECT count(*) FROM mail_domain"));
            assertThat(domains).isEqualTo(1);
            assertThat(database.dialect().sharedByNodes()).isTrue();
        }
    }

    @Test
    void readsCannotWrite() throws Exception {
        try (Database database = Database.open(configuration(server.newDatabase()))) {
            assertThatThrownBy(() -> database.read(connection -> Sql.update(connection, "INSERT INTO mail_domain (name) VALUES ('x')")))
                .isInstanceOf(StorageException.class);
        }
    }

    @Test
    void aWrongPasswordNamesThePasswordSetting() {
        PostgresSettings wrong = new PostgresSettings(server.url("postgres"), PostgresTestServer.PASSWORD_USER, "not-the-password",
            2, PostgresSettings.Tls.DISABLE, Optional.empty());

        assertThatThrownBy(() -> Database.open(configuration(wrong)))
            .isInstanceOf(ConfigurationError.class)
            .hasMessageStartingWith("syncstore.xml: postgresql.password: PostgreSQL refused user 'password_checked' at "
                + server.url("postgres") + ": ")
            .hasMessageContaining("password authentication failed")
            .hasMessageNotContaining("\n");
    }

    @Test
    void anUnreachableServerNamesTheUrl() throws IOException {
        String url = "jdbc:postgresql://127.0.0.1:" + unusedPort() + "/syncstore";

        assertThatThrownBy(() -> Database.open(configuration(PostgresTestServer.settings(url, "x"))))
            .isInstanceOf(ConfigurationError.class)
            .hasMessageStartingWith("syncstore.xml: postgresql.url: cannot reach the PostgreSQL server at " + url + ": ")
            .hasMessageNotContaining("\n");
    }

    @Test
    void aMissingDatabaseNamesTheUrl() {
        PostgresSettings missing = PostgresTestServer.settings(server.url("no_such_database"), PostgresTestServer.PASSWORD);

        assertThatThrownBy(() -> Database.open(configuration(missing)))
            .isInstanceOf(ConfigurationError.class)
            .hasMessageStartingWith("syncstore.xml: postgresql.url: the database does not exist on the server: ")
            .hasMessageContaining("no_such_database");
    }

    @Test
    void aSchemaNewerThanTheCodeStopsTheStart() throws IOException {
        int latest = latestMigration();
        SyncStoreConfiguration configuration = configuration(server.newDatabase());
        Database.open(configuration).close();
        String database = configuration.postgresql().orElseThrow().url().replaceAll(".*/", "");
        server.admin(database, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
            + "installed_by, execution_time, success) VALUES (1000, '999', 'from the future', 'SQL', 'V999__future.sql', 0, 'test', 0, TRUE)");

        try {
            assertThatThrownBy(() -> Database.open(configuration))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageStartingWith("syncstore.xml: postgresql.url: the database " + configuration.postgresql().orElseThrow().url()
                    + " cannot be used: its schema is at version 999, newer than this SyncStore knows (" + latest + ")");
        } finally {
            // test databases are emptied and reused; the schema history is kept
            server.admin(database, "DELETE FROM flyway_schema_history WHERE version = '999'");
        }
    }

    private SyncStoreConfiguration configuration(PostgresSettings settings) {
        return SyncStoreConfiguration.builder()
            .databaseFile(folder.resolve("unused.db"))
            .syncPolicy(SyncPolicy.OFF)
            .postgresql(Optional.of(settings))
            .build();
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The highest version among the PostgreSQL migrations this build carries. */
    private static int latestMigration() throws IOException {
        try (Stream<Path> files = Files.list(Paths.get("src/main/resources/db/migration/postgresql"))) {
            return files.map(file -> file.getFileName().toString())
                .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                .max(Integer::compare)
                .orElseThrow();
        }
    }
}
