package io.syncstore.imap.condstore;

import static org.apache.james.data.UsersRepositoryModuleChooser.Implementation.DEFAULT;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerBuilder;
import org.apache.james.JamesServerExtension;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CONDSTORE/QRESYNC on a stock James 3.8.1 memory server with SyncStore's IMAP package: the fallback path. */
class MemoryServerImapCondstoreTest extends ImapCondstoreContract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = new JamesServerBuilder<MemoryJamesConfiguration>(tmpDir ->
        MemoryJamesConfiguration.builder()
            .workingDirectory(tmpDir)
            .configurationFromClasspath()
            .usersRepository(DEFAULT)
            .build())
        .server(MemoryJamesServerMain::createServer)
        .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
        .build();

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        useServer(jamesServer);
    }

    @Override
    protected boolean exactVanished() {
        return false;
    }
}
