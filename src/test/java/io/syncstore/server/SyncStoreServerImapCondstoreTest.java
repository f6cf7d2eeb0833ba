package io.syncstore.server;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.condstore.ImapCondstoreContract;

/** CONDSTORE/QRESYNC on SyncStore's own server: answers from the expunge log, exact. */
class SyncStoreServerImapCondstoreTest extends ImapCondstoreContract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = SyncStoreTestServer.extension(binder -> { });

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        useServer(jamesServer);
    }

    @Override
    protected boolean exactVanished() {
        return true;
    }
}
