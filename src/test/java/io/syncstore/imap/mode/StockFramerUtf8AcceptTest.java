package io.syncstore.imap.mode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.MemoryTestServer;
import io.syncstore.imap.RawImapClient;

/**
 * A stock James 3.8.1 with SyncStore's IMAP package and James's own framer: UTF8=ACCEPT and IMAP4rev2 are neither advertised nor
 * enabled (the UTF-8 reading needs SyncStore's framer), names stay modified UTF-7, and the legacy rules of RFC 6855
 * that a server offering it must apply do not apply.
 */
class StockFramerUtf8AcceptTest extends ImapServerContract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = MemoryTestServer.extension(binder -> { });

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, "stock-utf8.test");
    }

    @Test
    void utf8AcceptIsNotOfferedWithJamesFramer() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            assertThat(client.command("CAPABILITY").get(0)).doesNotContain("UTF8=ACCEPT").doesNotContain("IMAP4rev2");
            assertThat(ok(client.command("ENABLE UTF8=ACCEPT IMAP4rev2"))).noneMatch(line -> line.contains("UTF8") || line.contains("IMAP4rev2"));
            ok(client.command("CREATE \"&ZeVnLIqe-\""));
            assertThat(ok(client.command("LIST \"\" \"*\""))).contains("* LIST (\\HasNoChildren) \".\" \"&ZeVnLIqe-\"");
            String message = "Subject: Grüße\r\n\r\nHallo\r\n";
            ok(client.command("APPEND INBOX {" + message.getBytes(StandardCharsets.UTF_8).length + "+}\r\n" + message));
        }
    }
}
