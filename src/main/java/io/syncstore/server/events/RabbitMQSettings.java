package io.syncstore.server.events;

import java.io.FileNotFoundException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.ex.ConversionException;
import org.apache.james.backends.rabbitmq.RabbitMQConfiguration;
import org.apache.james.utils.PropertiesProvider;

import io.syncstore.config.ConfigurationError;
import io.syncstore.config.SyncStoreConfiguration;

/**
 * {@code conf/rabbitmq.properties}, the file a James administrator already writes for James's distributed server,
 * read by James's own parser: when it is there, mailbox events travel between nodes over RabbitMQ. Its mistakes stop
 * start-up in one line naming the key, where James's parser would name neither file nor key.
 */
public final class RabbitMQSettings {
    public static final String FILE_NAME = "rabbitmq.properties";
    private static final List<String> REQUIRED = List.of("uri", "management.uri", "management.user", "management.password");
    /** Keys James's parser names in its messages, longest first so a key is not taken for its prefix. */
    private static final List<String> CHECKED = List.of("ssl.truststore.password",
        "ssl.keystore.password", "ssl.validation.strategy", "ssl.hostname.verifier", "notification.queue.ttl",
        "ssl.truststore", "ssl.keystore", "hosts");

    private RabbitMQSettings() {
    }

    /** James's RabbitMQ settings, or empty when this node keeps its events to itself (no rabbitmq.properties). */
    public static Optional<RabbitMQConfiguration> read(PropertiesProvider files, SyncStoreConfiguration store) {
        Configuration properties;
        try {
            properties = files.getConfiguration("rabbitmq");
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (ConfigurationException e) {
            throw new ConfigurationError(FILE_NAME, "(file)", "cannot be read: " + e.getMessage(), e);
        }
        if (store.postgresql().isEmpty()) {
            throw new ConfigurationError(FILE_NAME, "uri", "several nodes share one store: set <backend>postgresql</backend> in "
                + SyncStoreConfiguration.FILE_NAME + ", or remove " + FILE_NAME + " to run a single node");
        }
        for (String key : REQUIRED) {
            if (properties.getString(key, "").isBlank()) {
                throw new ConfigurationError(FILE_NAME, key, "is missing");
            }
        }
        requireUri(properties, "uri", "amqp", "amqps");
        requireUri(properties, "management.uri", "http", "https");
        try {
            return Optional.of(RabbitMQConfiguration.from(properties));
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException | ConversionException e) {
            String message = String.valueOf(e.getMessage());
            String key = CHECKED.stream().filter(message::contains).findFirst()
                .orElse(message.contains("quorumQueueReplicationFactor") ? "quorum.queues.replication.factor" : "(file)");
            throw new ConfigurationError(FILE_NAME, key, message, e);
        }
    }

    private static void requireUri(Configuration properties, String key, String... schemes) {
        String value = properties.getString(key).trim();
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null || !List.of(schemes).contains(uri.getScheme())) {
                throw new ConfigurationError(FILE_NAME, key, "'" + value + "' is not a URI of scheme " + String.join(" or ", schemes) + " with a host");
            }
        } catch (URISyntaxException e) {
            throw new ConfigurationError(FILE_NAME, key, "'" + value + "' is not a URI: " + e.getMessage(), e);
        }
    }
}
