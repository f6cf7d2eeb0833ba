package io.syncstore.imap.append;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.MemoryTestServer;
import io.syncstore.server.modules.SyncStoreImapServerModule;

/** CATENATE on a stock James 3.8.1 memory server with SyncStore's IMAP package and its command framing module. */
class MemoryServerCatenateTest extends CatenateContract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = MemoryTestServer.extension(new SyncStoreImapServerModule());

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        useServer(jamesServer);
    }
}
