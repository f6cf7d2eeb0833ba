package io.syncstore.it.server;

import org.apache.james.GuiceJamesServer;
import org.apache.james.server.core.configuration.Configuration;

import io.syncstore.server.SyncStoreJamesServerMain;
import io.syncstore.server.startup.StartupFailure;

/** The server of a home, run inside the test's JVM as {@link SyncStoreJamesServerMain} composes it. */
final class InProcessServer implements AutoCloseable {
    private final GuiceJamesServer server;

    private InProcessServer(GuiceJamesServer server) {
        this.server = server;
    }

    static InProcessServer start(ServerHome home) throws StartupFailure {
        Configuration configuration = Configuration.builder()
            .workingDirectory(home.root.toFile())
            .build();
        GuiceJamesServer server = SyncStoreJamesServerMain.createServer(configuration);
        SyncStoreJamesServerMain.start(server, configuration);
        return new InProcessServer(server);
    }

    @Override
    public void close() {
        server.stop();
    }
}
