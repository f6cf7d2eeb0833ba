package io.syncstore.imap.mode;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.MemoryTestServer;
import io.syncstore.server.modules.SyncStoreImapServerModule;

/** IMAP4rev2 on a stock James 3.8.1 memory server with SyncStore's IMAP package and its command framing module. */
class MemoryServerImap4Rev2Test extends Imap4Rev2Contract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = MemoryTestServer.extension(new SyncStoreImapServerModule());

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        useServer(jamesServer);
    }
}
