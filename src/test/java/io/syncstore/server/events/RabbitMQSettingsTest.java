package io.syncstore.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.apache.james.backends.rabbitmq.RabbitMQConfiguration;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.server.core.filesystem.FileSystemImpl;
import org.apache.james.utils.PropertiesProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.config.ConfigurationError;
import io.syncstore.config.PostgresSettings;
import io.syncstore.config.SyncStoreConfiguration;

/** rabbitmq.properties: absent for one node; its mistakes, and a broker that is down or refuses, in one line. */
class RabbitMQSettingsTest {
    private static final String VALID = "uri=amqp://127.0.0.1:5672\n"
        + "management.uri=http://127.0.0.1:15672\n"
        + "management.user=james\n"
        + "management.password=secret\n";

    @TempDir
    Path root;

    private SyncStoreConfiguration postgres;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(root.resolve("conf"));
        postgres = SyncStoreConfiguration.builder()
            .databaseFile(root.resolve("unused.db"))
            .postgresql(Optional.of(new PostgresSettings("jdbc:postgresql://127.0.0.1/syncstore", "syncstore", "x", 4,
                PostgresSettings.Tls.DISABLE, Optional.empty())))
            .build();
    }

    @Test
    void withoutTheFileTheNodeKeepsItsEventsToItself() {
        assertThat(RabbitMQSettings.read(files(), postgres)).isEmpty();
    }

    @Test
    void aCompleteFileIsReadByJamesParser() throws Exception {
        write(VALID + "vhost=mail\n");

        RabbitMQConfiguration configuration = RabbitMQSettings.read(files(), postgres).orElseThrow();

        assertThat(configuration.getUri()).isEqualTo(URI.create("amqp://127.0.0.1:5672"));
        assertThat(configuration.getVhost()).contains("mail");
    }

    @Test
    void severalNodesNeedTheSharedStore() throws Exception {
        write(VALID);
        SyncStoreConfiguration sqlite = SyncStoreConfiguration.builder().databaseFile(root.resolve("mail.db")).build();

        assertThatThrownBy(() -> RabbitMQSettings.read(files(), sqlite))
            .isInstanceOf(ConfigurationError.class)
            .hasMessageStartingWith("rabbitmq.properties: uri: several nodes share one store: set <backend>postgresql</backend> in syncstore.xml");
    }

    @Test
    void aMissingKeyIsNamed() throws Exception {
        write(VALID.replace("management.password=secret\n", ""));

        assertThatThrownBy(() -> RabbitMQSettings.read(files(), postgres))
            .hasMessage("rabbitmq.properties: management.password: is missing");
    }

    @Test
    void aUriOfAnotherSchemeIsRefused() throws Exception {
        write(VALID.replace("uri=amqp://127.0.0.1:5672", "uri=http://127.0.0.1:5672"));

        assertThatThrownBy(() -> RabbitMQSettings.read(files(), postgres))
            .hasMessage("rabbitmq.properties: uri: 'http://127.0.0.1:5672' is not a URI of scheme amqp or amqps with a host");
    }

    @Test
    void aValueJamesRefusesIsReportedWithItsKey() throws Exception {
        write(VALID + "quorum.queues.replication.factor=0\n");

        assertThatThrownBy(() -> RabbitMQSettings.read(files(), postgres))
            .isInstanceOf(ConfigurationError.class)
            .hasMessageStartingWith("rabbitmq.properties: quorum.queues.replication.factor: ");
    }

    @Test
    void aBrokerThatIsDownStopsStartUpNamingTheUri() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        write(VALID.replace("5672", Integer.toString(closedPort)));
        RabbitMQConfiguration configuration = RabbitMQSettings.read(files(), postgres).orElseThrow();

        assertThatThrownBy(() -> RabbitMQReachability.check(configuration))
            .hasMessageStartingWith("rabbitmq.properties: uri: cannot use RabbitMQ at 127.0.0.1:" + closedPort + ": Connection refused");
    }

    @Test
    void aBrokerRefusingThePasswordStopsStartUpNamingThePassword() throws Exception {
        RabbitMQTestServer broker = RabbitMQTestServer.instance();
        write(VALID.replace("amqp://127.0.0.1:5672", broker.amqpUri().toString())
            .replace("management.user=james", "management.user=" + RabbitMQTestServer.USER)
            .replace("management.password=secret", "management.password=wrong"));
        RabbitMQConfiguration configuration = RabbitMQSettings.read(files(), postgres).orElseThrow();

        assertThatThrownBy(() -> RabbitMQReachability.check(configuration))
            .hasMessageStartingWith("rabbitmq.properties: management.password: RabbitMQ at 127.0.0.1:" + broker.port()
                + " refused user '" + RabbitMQTestServer.USER + "'");
    }

    @Test
    void aReachableBrokerPassesTheCheck() throws Exception {
        RabbitMQReachability.check(RabbitMQTestServer.instance().configuration());
    }

    private void write(String properties) throws Exception {
        Files.writeString(root.resolve("conf").resolve(RabbitMQSettings.FILE_NAME), properties, StandardCharsets.UTF_8);
    }

    private PropertiesProvider files() {
        Configuration configuration = Configuration.builder().workingDirectory(root.toFile()).build();
        return new PropertiesProvider(new FileSystemImpl(configuration.directories()), configuration.configurationPath());
    }
}
