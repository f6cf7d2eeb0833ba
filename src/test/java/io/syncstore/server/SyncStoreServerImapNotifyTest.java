package io.syncstore.server;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.utils.GuiceProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.inject.multibindings.Multibinder;

import io.syncstore.imap.notify.ImapNotifyContract;
import io.syncstore.imap.notify.NotifyProbe;

/** NOTIFY on SyncStore's own server. */
class SyncStoreServerImapNotifyTest extends ImapNotifyContract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = SyncStoreTestServer.extension(
        binder -> Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(NotifyProbe.class));

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        useServer(jamesServer);
    }
}
