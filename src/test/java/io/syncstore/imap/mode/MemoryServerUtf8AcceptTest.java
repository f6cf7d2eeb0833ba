package io.syncstore.imap.mode;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.MemoryTestServer;
import io.syncstore.server.modules.SyncStoreImapServerModule;

/** UTF8=ACCEPT on a stock James 3.8.1 memory server with SyncStore's IMAP package and its command framing module. */
class MemoryServerUtf8AcceptTest extends Utf8AcceptContract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = MemoryTestServer.extension(new SyncStoreImapServerModule());

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        useServer(jamesServer);
    }

    /** James's scanning search index reads raw 8-bit header octets as US-ASCII: its SEARCH finds no UTF-8 header text. */
    @Override
    protected boolean searchFindsUtf8HeaderText() {
        return false;
    }
}
