package io.syncstore.server;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.fuzz.CommandFuzzContract;

/** The fuzz contract on SyncStore's own server (the distribution's conf/ with the test resources' settings). */
class SyncStoreServerCommandFuzzTest extends CommandFuzzContract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = SyncStoreTestServer.extension(binder -> { });

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        useServer(jamesServer);
    }
}
