package io.syncstore.server;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.append.CatenateContract;

/** CATENATE on SyncStore's own server (its store, its command framing). */
class SyncStoreServerCatenateTest extends CatenateContract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = SyncStoreTestServer.extension(binder -> { });

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        useServer(jamesServer);
    }
}
