package io.syncstore.server.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.james.backends.rabbitmq.RabbitMQConfiguration;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.syncstore.testing.FreePorts;
import io.syncstore.testing.PrivateService;

/**
 * A private RabbitMQ broker for the tests of this JVM, from the operating system's package (Debian's
 * {@code rabbitmq-server}): its folders under {@code target/}, free loopback ports for AMQP, Erlang distribution and
 * its own epmd, its own Erlang cookie and user, run as user {@code rabbitmq} when the tests run as root. Started at
 * first use, stopped when the JVM exits. Starting fails loudly: the tests that need it fail, they are not skipped.
 */
public final class RabbitMQTestServer {
    public static final String USER = "syncstore";
    public static final String PASSWORD = "syncstore-test-password";
    private static final Path SERVER_SCRIPT = Paths.get("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static RabbitMQTestServer instance;
    private static RuntimeException startFailure;

    private final PrivateService service;
    private final Path folder;
    private final int port;
    private final int epmdPort;
    private final Process process;

    private RabbitMQTestServer(PrivateService service, int port, int epmdPort, Process process) {
        this.service = service;
        this.folder = service.folder();
        this.port = port;
        this.epmdPort = epmdPort;
        this.process = process;
    }

    public static synchronized RabbitMQTestServer instance() {
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

    public URI amqpUri() {
        return URI.create("amqp://127.0.0.1:" + port);
    }

    /** James's settings for this broker, as {@code rabbitmq.properties} would give them. */
    public RabbitMQConfiguration configuration() {
        return RabbitMQConfiguration.builder()
            .amqpUri(amqpUri())
            // the management API is not used by the event bus; James's configuration requires its address anyway
            .managementUri(URI.create("http://127.0.0.1:1"))
            .managementCredentials(new RabbitMQConfiguration.ManagementCredentials(USER, PASSWORD.toCharArray()))
            .maxRetries(3)
            .minDelayInMs(100)
            .build();
    }

    private static RabbitMQTestServer start() {
        if (!Files.isExecutable(SERVER_SCRIPT)) {
            throw new IllegalStateException("RabbitMQ is not installed (apt-get install rabbitmq-server): no " + SERVER_SCRIPT);
        }
        PrivateService service = PrivateService.create("rabbitmq", "rabbitmq");
        Path folder = service.folder();
        try {
            Path home = folder.resolve("home");
            Files.createDirectories(home);
            Files.createDirectories(folder.resolve("mnesia"));
            Files.createDirectories(folder.resolve("log"));
            Path cookie = home.resolve(".erlang.cookie");
            byte[] secret = new byte[20];
            new SecureRandom().nextBytes(secret);
            Files.writeString(cookie, new BigInteger(1, secret).toString(36).toUpperCase(), StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
            int port = FreePorts.next();
            int epmdPort = FreePorts.next();
            int distributionPort = FreePorts.next();
            Files.writeString(folder.resolve("rabbitmq.conf"), String.join("\n",
                "listeners.tcp.1 = 127.0.0.1:" + port,
                "default_user = " + USER,
                "default_pass = " + PASSWORD,
                "default_permissions.configure = .*",
                "default_permissions.read = .*",
                "default_permissions.write = .*",
                "disk_free_limit.absolute = 1MB",
                ""), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("enabled_plugins"), "[].\n", StandardCharsets.UTF_8);
            service.handOver();
            ProcessBuilder builder = new ProcessBuilder(service.asServiceUser(SERVER_SCRIPT.toString()))
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("server.out").toFile());
            Map<String, String> environment = builder.environment();
            environment.put("HOME", home.toString());
            environment.put("RABBITMQ_MNESIA_BASE", folder.resolve("mnesia").toString());
            environment.put("RABBITMQ_LOG_BASE", folder.resolve("log").toString());
            environment.put("RABBITMQ_NODENAME", "syncstore-test-" + ProcessHandle.current().pid() + "@localhost");
            environment.put("RABBITMQ_CONFIG_FILE", folder.resolve("rabbitmq.conf").toString());
            environment.put("RABBITMQ_ENABLED_PLUGINS_FILE", folder.resolve("enabled_plugins").toString());
            environment.put("RABBITMQ_PID_FILE", folder.resolve("pid").toString());
            environment.put("RABBITMQ_DIST_PORT", Integer.toString(distributionPort));
            environment.put("ERL_EPMD_PORT", Integer.toString(epmdPort));
            RabbitMQTestServer server = new RabbitMQTestServer(service, port, epmdPort, builder.start());
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "rabbitmq-test-server-stop"));
            server.awaitConnections();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the RabbitMQ test server in " + folder, e);
        }
    }

    private void awaitConnections() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setUsername(USER);
        factory.setPassword(PASSWORD);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            try (Connection connection = factory.newConnection()) {
                return;
            } catch (Exception e) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    stop();
                    throw new IllegalStateException("The RabbitMQ test server did not start (" + (process.isAlive() ? "no connection within "
                        + START_TIMEOUT.toSeconds() + " s" : "exited") + "): " + outputTail() + "; last attempt: " + e);
                }
                sleep(500);
            }
        }
    }

    private String outputTail() {
        try {
            List<String> lines = Files.readAllLines(folder.resolve("server.out"), StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private void stop() {
        // the broker's Erlang VM, not the launcher (runuser, sh) that started it
        try {
            long pid = Long.parseLong(Files.readString(folder.resolve("pid"), StandardCharsets.US_ASCII).trim());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | NumberFormatException e) {
            // not started far enough to write its pid: the launcher below is all there is
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            service.runAsServiceUser(Duration.ofSeconds(60), "env", "ERL_EPMD_PORT=" + epmdPort, "epmd", "-kill");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // epmd may have gone with the broker
        }
        service.delete();
    }

    private static void sleep(long milliseconds) {
        try {
            Thread.sleep(milliseconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for RabbitMQ", e);
        }
    }
}
