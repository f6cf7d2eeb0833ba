package io.syncstore.imap.urlauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.MemoryTestServer;
import io.syncstore.imap.RawImapClient;
import io.syncstore.server.modules.SyncStoreImapServerModule;

/**
 * A stock James 3.8.1 memory server with SyncStore's IMAP package keeps no mailbox access keys: URLAUTH is not
 * offered, its commands are BAD and a CATENATE URL carrying URLAUTH is a BADURL; the connection goes on.
 */
class MemoryServerUrlAuthTest extends ImapServerContract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = MemoryTestServer.extension(new SyncStoreImapServerModule());

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, "urlauth.test");
    }

    @Test
    void urlauthIsNotOfferedWithoutAKeyStore() throws Exception {
        String user = newUser();
        String encoded = user.replace("@", "%40");
        try (RawImapClient client = connect(user)) {
            assertThat(client.command("CAPABILITY").get(0)).doesNotContain("URLAUTH");
            ok(client.command("CREATE src"));
            ok(client.command("APPEND src {18+}\r\nSubject: x\r\n\r\nbody"));
            String rump = "imap://" + encoded + "@localhost/src/;UID=1;URLAUTH=authuser";
            for (String command : List.of("GENURLAUTH \"" + rump + "\" INTERNAL",
                "URLFETCH \"" + rump + ":INTERNAL:0123456789abcdef0123456789abcdef01234567\"", "RESETKEY", "URLMECH")) {
                List<String> lines = client.command(command);
                assertThat(lines).as(command).hasSize(1);
                assertThat(lines.get(0)).as(command).matches("a\\d+ BAD.*");
                ok(client.command("NOOP"));
            }
            String url = rump + ":INTERNAL:0123456789abcdef0123456789abcdef01234567";
            assertThat(RawImapClient.last(client.command("APPEND src CATENATE (URL \"" + url + "\")")))
                .matches("a\\d+ NO \\[BADURL \\Q" + url + "\\E].*");
        }
    }
}
