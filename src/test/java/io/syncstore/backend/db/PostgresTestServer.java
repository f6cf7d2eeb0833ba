package io.syncstore.backend.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.syncstore.config.PostgresSettings;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;
import io.syncstore.testing.FreePorts;
import io.syncstore.testing.PrivateService;

/**
 * A private PostgreSQL server for the tests of this JVM, from the operating system's packages (Debian's
 * {@code postgresql}): its data folder under {@code target/}, a free loopback port, a socket folder of its own,
 * run as user {@code postgres} when the tests run as root (PostgreSQL refuses to run as root). Started at first use,
 * stopped when the JVM exits. Starting fails loudly: tests that need it fail, they are not skipped.
 *
 * <p>Test databases are copies of a template migrated once. Creating and dropping a database costs about a second
 * here, so a database a test is done with is emptied and given to the next test instead.
 */
public final class PostgresTestServer {
    public static final String USER = "syncstore";
    public static final String PASSWORD = "syncstore-test-password";
    /** The one user whose password the server checks (the others are trusted, to keep connections cheap). */
    public static final String PASSWORD_USER = "password_checked";
    private static final String TEMPLATE = "syncstore_template";
    /**
     * Deletes every row of the schema's tables, without firing triggers or checking foreign keys (faster than
     * TRUNCATE on tiny tables), and drops the tables a test created.
     */
    private static final String EMPTY_TABLES = "SET session_replication_role = replica; DO $$ DECLARE t text; BEGIN "
        + "FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history' LOOP "
        + "IF obj_description(quote_ident(t)::regclass, 'pg_class') = 'schema' "
        + "THEN EXECUTE 'DELETE FROM ' || quote_ident(t); ELSE EXECUTE 'DROP TABLE ' || quote_ident(t) || ' CASCADE'; END IF; "
        + "END LOOP; END $$";
    /** Marks the tables of the migrated schema, which {@link #EMPTY_TABLES} keeps. */
    private static final String MARK_SCHEMA_TABLES = "DO $$ DECLARE t text; BEGIN "
        + "FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP "
        + "EXECUTE 'COMMENT ON TABLE ' || quote_ident(t) || ' IS ''schema'''; END LOOP; END $$";
    private static final String COUNT_SCHEMA_TABLES = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
        + "AND obj_description(quote_ident(tablename)::regclass, 'pg_class') = 'schema'";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static PostgresTestServer instance;
    private static RuntimeException startFailure;

    private final Path bin;
    private final PrivateService service;
    private final Path dataFolder;
    private final int port;
    private final AtomicInteger databaseNumbers = new AtomicInteger();
    private final List<String> inUse = new ArrayList<>();
    private final Deque<String> emptied = new ArrayDeque<>();
    private long templateSchemaTables;

    private PostgresTestServer(Path bin, PrivateService service, int port) {
        this.bin = bin;
        this.service = service;
        this.dataFolder = service.folder();
        this.port = port;
    }

    public static synchronized PostgresTestServer instance() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (instance == null) {
            try {
                instance = start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return instance;
    }

    public int port() {
        return port;
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Settings for an empty (migrated) database of its own. */
    public synchronized PostgresSettings newDatabase() {
        String name = emptied.poll();
        if (name == null) {
            name = "test_" + databaseNumbers.incrementAndGet();
            admin("postgres", "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE + " STRATEGY FILE_COPY");
        }
        inUse.add(name);
        return settings(url(name), PASSWORD);
    }

    public static PostgresSettings settings(String url, String password) {
        return new PostgresSettings(url, USER, password, 4, PostgresSettings.Tls.DISABLE, Optional.empty());
    }

    /**
     * Empties the databases given out so far for the next tests, closing what still connects to them. A database
     * whose schema a test changed (a migration undone and run again creates its tables anew, unmarked, and emptying
     * drops them) is dropped rather than given to another test.
     */
    public synchronized void releaseDatabases() {
        for (String name : inUse) {
            admin(name, EMPTY_TABLES);
            if (schemaTables(name) == templateSchemaTables) {
                emptied.add(name);
            } else {
                admin("postgres", "DROP DATABASE " + name + " WITH (FORCE)");
            }
        }
        inUse.clear();
    }

    private long schemaTables(String database) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery(COUNT_SCHEMA_TABLES)) {
            count.next();
            return count.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test server: " + COUNT_SCHEMA_TABLES + ": " + e.getMessage(), e);
        }
    }

    public void admin(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test server: " + sql + ": " + e.getMessage(), e);
        }
    }

    private Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        return new org.postgresql.Driver().connect(url(database), properties);
    }

    private static PostgresTestServer start() {
        Path bin = findBinaries();
        PrivateService service = PrivateService.create("postgresql", "postgres");
        Path dataFolder = service.folder();
        try {
            Path passwordFile = dataFolder.resolve("password");
            Files.writeString(passwordFile, PASSWORD, StandardCharsets.UTF_8);
            Path data = dataFolder.resolve("data");
            Path sockets = dataFolder.resolve("sockets");
            Files.createDirectories(sockets);
            service.handOver();
            service.runAsServiceUser(COMMAND_TIMEOUT, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--pwfile=" + passwordFile, "--auth=trust", "--encoding=UTF8", "--locale=C");
            // Password checks cost each connection a key derivation, several per test: only PASSWORD_USER has one.
            Files.writeString(data.resolve("pg_hba.conf"), "local all all trust\n"
                + "host all " + PASSWORD_USER + " 127.0.0.1/32 scram-sha-256\n"
                + "host all all 127.0.0.1/32 trust\n", StandardCharsets.UTF_8);
            int port = FreePorts.next();
            service.runAsServiceUser(COMMAND_TIMEOUT, bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-l", dataFolder.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + sockets + " -h 127.0.0.1 -c fsync=off -c synchronous_commit=off"
                    + " -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB", "start");
            PostgresTestServer server = new PostgresTestServer(bin, service, port);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgresql-test-server-stop"));
            server.createTemplate();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the PostgreSQL test server in " + dataFolder, e);
        }
    }

    private void createTemplate() {
        admin("postgres", "CREATE ROLE " + PASSWORD_USER + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "'");
        admin("postgres", "CREATE DATABASE " + TEMPLATE);
        SyncStoreConfiguration configuration = SyncStoreConfiguration.builder()
            .databaseFile(dataFolder.resolve("unused.db"))
            .contentDirectory(dataFolder.resolve("content"))
            .syncPolicy(SyncPolicy.OFF)
            .postgresql(Optional.of(settings(url(TEMPLATE), PASSWORD)))
            .build();
        Database.open(configuration).close();
        admin(TEMPLATE, MARK_SCHEMA_TABLES);
        templateSchemaTables = schemaTables(TEMPLATE);
    }

    private void stop() {
        try {
            service.runAsServiceUser(COMMAND_TIMEOUT, bin.resolve("pg_ctl").toString(), "-D", dataFolder.resolve("data").toString(),
                "-m", "immediate", "-w", "stop");
        } catch (RuntimeException e) {
            // the folder goes anyway; a server still running would keep its port only until it notices
        }
        service.delete();
    }

    private static Path findBinaries() {
        try (Stream<Path> versions = Files.list(Paths.get("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                .filter(folder -> Files.isExecutable(folder.resolve("initdb")))
                .max(Comparator.comparing(Path::toString))
                .orElseThrow(() -> new IllegalStateException("No initdb under /usr/lib/postgresql/*/bin"));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL is not installed (apt-get install postgresql): " + e, e);
        }
    }
}
