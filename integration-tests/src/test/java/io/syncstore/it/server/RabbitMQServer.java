package io.syncstore.it.server;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

/**
 * A private RabbitMQ broker from Debian's {@code rabbitmq-server} package: free loopback ports for AMQP, Erlang
 * distribution and its own epmd, its own Erlang cookie, folders under {@code target/}; stopped (its Erlang VM
 * killed) and started again on the same ports and data at will (the outage tests), removed when the JVM exits.
 */
final class RabbitMQServer {
    static final String USER = "syncstore";
    static final String PASSWORD = "syncstore-test-password";
    private static final Path SERVER_SCRIPT = Paths.get("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final OsPackageService service;
    private final int port;
    private final int epmdPort;
    private final int distributionPort;
    private Process process;

    private RabbitMQServer(OsPackageService service, int port, int epmdPort, int distributionPort) {
        this.service = service;
        this.port = port;
        this.epmdPort = epmdPort;
        this.distributionPort = distributionPort;
    }

    static RabbitMQServer start() throws IOException {
        if (!Files.isExecutable(SERVER_SCRIPT)) {
            throw new IllegalStateException("RabbitMQ is not installed (apt-get install rabbitmq-server): no " + SERVER_SCRIPT);
        }
        OsPackageService service = OsPackageService.create("rabbitmq", "rabbitmq");
        RabbitMQServer server = new RabbitMQServer(service, FreePorts.next(), FreePorts.next(), FreePorts.next());
        server.writeConfiguration();
        service.handOverFolder();
        service.deleteAtExit(server::stopForGood);
        server.resume();
        return server;
    }

    String amqpUri() {
        return "amqp://127.0.0.1:" + port;
    }

    /** James's {@code rabbitmq.properties} for this broker. */
    String properties() {
        // James requires the management API's address although the event bus never calls it
        return "uri=" + amqpUri() + "\nmanagement.uri=http://127.0.0.1:1\nmanagement.user=" + USER
            + "\nmanagement.password=" + PASSWORD + "\n";
    }

    /** Starts the broker, again after {@link #stop}: same ports, same data; returns once it accepts connections. */
    void resume() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(service.asServerUser(SERVER_SCRIPT.toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(service.folder.resolve("server.out").toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("HOME", service.folder.resolve("home").toString());
        environment.put("RABBITMQ_MNESIA_BASE", service.folder.resolve("mnesia").toString());
        environment.put("RABBITMQ_LOG_BASE", service.folder.resolve("log").toString());
        environment.put("RABBITMQ_NODENAME", service.folder.getFileName() + "@localhost");
        environment.put("RABBITMQ_CONFIG_FILE", service.folder.resolve("rabbitmq.conf").toString());
        environment.put("RABBITMQ_ENABLED_PLUGINS_FILE", service.folder.resolve("enabled_plugins").toString());
        environment.put("RABBITMQ_PID_FILE", pidFile().toString());
        environment.put("RABBITMQ_DIST_PORT", Integer.toString(distributionPort));
        environment.put("ERL_EPMD_PORT", Integer.toString(epmdPort));
        process = builder.start();
        service.awaitReady(this::acceptsConnections, process::isAlive, START_TIMEOUT, () -> service.tail(service.folder.resolve("server.out")));
    }

    /** The broker goes away at once, as when its machine fails: its Erlang VM is killed. */
    void stop() {
        try {
            long pid = Long.parseLong(Files.readString(pidFile(), StandardCharsets.US_ASCII).trim());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(pid).ifPresent(vm -> vm.onExit().join());
            Files.delete(pidFile());
        } catch (IOException | NumberFormatException e) {
            // not started far enough to write its pid: the launcher below is all there is
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.onExit().join();
    }

    private void stopForGood() {
        if (process != null) {
            stop();
        }
        try {
            service.run(service.asServerUser("env", "ERL_EPMD_PORT=" + epmdPort, "epmd", "-kill"));
        } catch (RuntimeException e) {
            // epmd may have gone with the broker
        }
    }

    /** The AMQP port answers with the protocol header once the broker is ready for clients. */
    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("AMQP\0\0\t\1".getBytes(StandardCharsets.US_ASCII));
            return socket.getInputStream().read() >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private Path pidFile() {
        return service.folder.resolve("pid");
    }

    private void writeConfiguration() throws IOException {
        Path home = Files.createDirectories(service.folder.resolve("home"));
        Files.createDirectories(service.folder.resolve("mnesia"));
        Files.createDirectories(service.folder.resolve("log"));
        Path cookie = home.resolve(".erlang.cookie");
        byte[] secret = new byte[20];
        new SecureRandom().nextBytes(secret);
        Files.writeString(cookie, new BigInteger(1, secret).toString(36).toUpperCase(), StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
        Files.writeString(service.folder.resolve("rabbitmq.conf"), String.join("\n",
            "listeners.tcp.1 = 127.0.0.1:" + port,
            "default_user = " + USER,
            "default_pass = " + PASSWORD,
            "disk_free_limit.absolute = 1MB",
            ""), StandardCharsets.UTF_8);
        Files.writeString(service.folder.resolve("enabled_plugins"), "[].\n", StandardCharsets.UTF_8);
    }
}
