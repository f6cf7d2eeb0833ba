package io.syncstore.it.server;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/** What several nodes share: a private PostgreSQL with an empty database {@link #DATABASE}, and a private RabbitMQ. */
final class NodeServices {
    static final String DATABASE = "mail";

    final PostgresServer postgres;
    final RabbitMQServer broker;

    private NodeServices(PostgresServer postgres, RabbitMQServer broker) {
        this.postgres = postgres;
        this.broker = broker;
    }

    /** Starts both at once (the broker takes the longer). */
    static NodeServices start() throws IOException, SQLException {
        CompletableFuture<RabbitMQServer> startingBroker = CompletableFuture.supplyAsync(() -> {
            try {
                return RabbitMQServer.start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        PostgresServer postgres = PostgresServer.start();
        postgres.createDatabase(DATABASE);
        return new NodeServices(postgres, startingBroker.join());
    }
}
