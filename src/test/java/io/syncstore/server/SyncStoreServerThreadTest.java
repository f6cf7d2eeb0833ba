package io.syncstore.server;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.thread.ThreadContract;

/** The THREAD contract on SyncStore's own server (its store and search index). */
class SyncStoreServerThreadTest extends ThreadContract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = SyncStoreTestServer.extension(binder -> { });

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        useServer(jamesServer);
    }
}
