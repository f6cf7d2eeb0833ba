package io.syncstore.it.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server from Debian's {@code postgresql} package (initdb, pg_ctl): a free loopback port, data
 * under {@code target/}, stopped and started again at will (the outage tests), removed when the JVM exits.
 */
final class PostgresServer {
    static final String USER = "syncstore";
    static final String PASSWORD = "syncstore-test-password";

    private final OsPackageService service;
    private final Path bin;
    private final int port;

    private PostgresServer(OsPackageService service, Path bin, int port) {
        this.service = service;
        this.bin = bin;
        this.port = port;
    }

    static PostgresServer start() throws IOException {
        Path bin = binaries();
        OsPackageService service = OsPackageService.create("postgresql", "postgres");
        Path passwordFile = service.folder.resolve("password");
        Files.writeString(passwordFile, PASSWORD, StandardCharsets.UTF_8);
        Files.createDirectories(service.folder.resolve("sockets"));
        service.handOverFolder();
        service.run(service.asServerUser(bin.resolve("initdb").toString(), "-D", data(service).toString(), "-U", USER,
            "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C"));
        PostgresServer server = new PostgresServer(service, bin, FreePorts.next());
        service.deleteAtExit(server::stopQuietly);
        server.resume();
        return server;
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    void createDatabase(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    /** Starts the server again on the same port and data, after {@link #stop}. */
    void resume() {
        // durability of the server itself is not under test here: fsync off keeps the shared test machine fast
        service.run(service.asServerUser(bin.resolve("pg_ctl").toString(), "-D", data(service).toString(),
            "-l", service.folder.resolve("server.log").toString(), "-w", "-t", "60",
            "-o", "-p " + port + " -h 127.0.0.1 -k " + service.folder.resolve("sockets") + " -c fsync=off -c max_connections=200",
            "start"));
    }

    /** Stops the server as an administrator's fast shutdown does: connections are closed, sessions rolled back. */
    void stop() {
        service.run(service.asServerUser(bin.resolve("pg_ctl").toString(), "-D", data(service).toString(), "-m", "fast", "-w", "stop"));
    }

    private void stopQuietly() {
        try {
            service.run(service.asServerUser(bin.resolve("pg_ctl").toString(), "-D", data(service).toString(), "-m", "immediate", "-w", "stop"));
        } catch (RuntimeException e) {
            // already stopped
        }
    }

    private static Path data(OsPackageService service) {
        return service.folder.resolve("data");
    }

    private static Path binaries() throws IOException {
        try (Stream<Path> versions = Files.list(Paths.get("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                .filter(folder -> Files.isExecutable(folder.resolve("initdb")))
                .max(Comparator.comparing(Path::toString))
                .orElseThrow(() -> new IllegalStateException("No initdb under /usr/lib/postgresql/*/bin"));
        } catch (UncheckedIOException | IOException e) {
            throw new IllegalStateException("PostgreSQL is not installed (apt-get install postgresql): " + e, e);
        }
    }
}
