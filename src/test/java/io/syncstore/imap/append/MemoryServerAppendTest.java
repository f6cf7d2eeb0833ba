package io.syncstore.imap.append;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.MemoryTestServer;
import io.syncstore.server.modules.SyncStoreImapServerModule;

/**
 * The APPEND family on a stock James 3.8.1 memory server with SyncStore's IMAP package and its command framing module
 * (James's own framer loses the octets of a second literal: MULTIAPPEND is not advertised without the module).
 */
class MemoryServerAppendTest extends AppendContract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = MemoryTestServer.extension(new SyncStoreImapServerModule());

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        useServer(jamesServer);
    }
}
