package io.syncstore.imap.condstore;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.MemoryTestServer;

/** CONDSTORE/QRESYNC on a stock James 3.8.1 memory server with SyncStore's IMAP package: the fallback path. */
class MemoryServerImapCondstoreTest extends ImapCondstoreContract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = MemoryTestServer.extension(binder -> { });

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        useServer(jamesServer);
    }

    @Override
    protected boolean exactVanished() {
        return false;
    }
}
