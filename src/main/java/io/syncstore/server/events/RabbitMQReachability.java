package io.syncstore.server.events;

import java.io.IOException;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeoutException;

import org.apache.james.backends.rabbitmq.RabbitMQConfiguration;

import com.google.common.base.Throwables;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.syncstore.config.ConfigurationError;

/**
 * One connection attempt at start-up, so that a RabbitMQ that is down or refuses the credentials stops start-up at
 * once with the key to fix; James's connection pool would retry for minutes and then fail with neither file nor key.
 * Over TLS the attempt is left to James's pool, which alone knows the trust and key stores of rabbitmq.properties.
 */
public final class RabbitMQReachability {
    private static final int TIMEOUT_MILLISECONDS = 10_000;

    private RabbitMQReachability() {
    }

    public static void check(RabbitMQConfiguration configuration) {
        if (configuration.useSsl()) {
            return;
        }
        ConnectionFactory factory = new ConnectionFactory();
        String where = configuration.getUri().getHost() + ":" + configuration.getUri().getPort();
        try {
            factory.setUri(configuration.getUri());
            // as James's connection factory: the management credentials are the AMQP ones
            factory.setUsername(configuration.getManagementCredentials().getUser());
            factory.setPassword(String.valueOf(configuration.getManagementCredentials().getPassword()));
            factory.setConnectionTimeout(TIMEOUT_MILLISECONDS);
            factory.setHandshakeTimeout(TIMEOUT_MILLISECONDS);
            try (Connection connection = factory.newConnection("syncstore-start-up-check")) {
                connection.getServerProperties();
            }
        } catch (AuthenticationFailureException e) {
            throw new ConfigurationError(RabbitMQSettings.FILE_NAME, "management.password",
                "RabbitMQ at " + where + " refused user '" + configuration.getManagementCredentials().getUser() + "': " + e.getMessage(), e);
        } catch (IOException | TimeoutException | GeneralSecurityException | URISyntaxException e) {
            throw new ConfigurationError(RabbitMQSettings.FILE_NAME, "uri",
                "cannot use RabbitMQ at " + where + ": " + Throwables.getRootCause(e).getMessage(), e);
        }
    }
}
