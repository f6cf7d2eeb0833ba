package io.syncstore.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.conformance.ImapConformanceContract;
import io.syncstore.imap.RawImapClient;

/**
 * The conformance contract on SyncStore's own server, plus the fixes that live in its store (search): the
 * distribution's conf/ with the listeners and settings of the test resources.
 */
class SyncStoreServerImapConformanceTest extends ImapConformanceContract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = SyncStoreTestServer.extension(binder -> { });

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        useServer(jamesServer);
    }

    @Test
    void searchNotAndOrWithSequenceSetsAndUids() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE search"));
            for (int i = 1; i <= 4; i++) {
                append(client, "search", message("s" + i));
            }
            ok(client.command("SELECT search"));
            assertThat(numbers(client.command("SEARCH NOT 2:3").get(0))).containsExactly(1, 4);
            assertThat(numbers(client.command("SEARCH OR 1 UID 3").get(0))).containsExactly(1, 3);
            assertThat(numbers(client.command("SEARCH NOT UID 1:2").get(0))).containsExactly(3, 4);
            assertThat(numbers(client.command("SEARCH 2:3").get(0))).containsExactly(2, 3);
        }
    }

    @Test
    void searchSentDatesUseTheDayAsWritten() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE sent"));
            append(client, "sent", "From: a@b.c\r\nDate: Wed, 9 Feb 1994 23:30:00 -0800\r\nSubject: late\r\n\r\nx\r\n");
            append(client, "sent", "From: a@b.c\r\nDate: Thu, 10 Feb 1994 00:30:00 +0100\r\nSubject: early\r\n\r\nx\r\n");
            ok(client.command("SELECT sent"));
            List<String> on9 = client.command("SEARCH SENTON 9-Feb-1994");
            assertThat(numbers(on9.get(0))).as(on9.toString()).containsExactly(1);
            assertThat(numbers(client.command("SEARCH SENTON 10-Feb-1994").get(0))).containsExactly(2);
            assertThat(numbers(client.command("SEARCH SENTBEFORE 10-Feb-1994").get(0))).containsExactly(1);
            assertThat(numbers(client.command("SEARCH SENTSINCE 10-Feb-1994").get(0))).containsExactly(2);
            assertThat(numbers(client.command("SEARCH NOT SENTON 10-Feb-1994").get(0))).containsExactly(1);
        }
    }
}
