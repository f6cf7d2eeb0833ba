package io.syncstore.imap.fuzz;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.MemoryTestServer;
import io.syncstore.server.modules.SyncStoreImapServerModule;

/** The fuzz contract on a stock James 3.8.1 memory server with SyncStore's IMAP package and framing module. */
class MemoryServerCommandFuzzTest extends CommandFuzzContract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = MemoryTestServer.extension(new SyncStoreImapServerModule());

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        useServer(jamesServer);
    }
}
