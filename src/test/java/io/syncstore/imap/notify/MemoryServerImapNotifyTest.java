package io.syncstore.imap.notify;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.utils.GuiceProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.inject.multibindings.Multibinder;

import io.syncstore.imap.MemoryTestServer;

/** NOTIFY on a stock James 3.8.1 memory server, with only SyncStore's IMAP package and module configured. */
class MemoryServerImapNotifyTest extends ImapNotifyContract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = MemoryTestServer.extension(
        binder -> Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(NotifyProbe.class));

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        useServer(jamesServer);
    }
}
