package io.syncstore.imap.mode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.Test;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.RawImapClient;

/**
 * IMAP4rev2 (RFC 9051) beside IMAP4rev1 over real sockets: a connection that ENABLEs IMAP4rev2 gets its semantics
 * (no \Recent, ESEARCH answers, LIST in SELECT, [CLOSED], UTF-8 names) while an IMAP4rev1 connection of the same user
 * keeps IMAP4rev1's; and the extensions RFC 9051 folds in answer. Each server's test class extends it.
 */
public abstract class Imap4Rev2Contract extends ImapServerContract {
    protected static final String DOMAIN = "rev2.test";
    private static final String MESSAGE = "Subject: hello\r\n\r\nbody\r\n";

    public static void useServer(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, DOMAIN);
    }

    private static RawImapClient rev2(String user) throws Exception {
        RawImapClient client = connect(user);
        assertThat(ok(client.command("ENABLE IMAP4rev2"))).as("capability names are case-insensitive")
            .anyMatch(line -> line.equalsIgnoreCase("* ENABLED IMAP4rev2"));
        return client;
    }

    private static void append(RawImapClient client, String mailbox) throws Exception {
        ok(client.command("APPEND " + mailbox + " {" + MESSAGE.length() + "+}\r\n" + MESSAGE));
    }

    private static boolean mentionsRecent(String line) {
        return line.contains("RECENT") || line.contains("\\Recent");
    }

    @Test
    void imap4rev2IsOfferedBesideImap4rev1() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            assertThat(client.command("CAPABILITY").get(0).toUpperCase()).contains(" IMAP4REV1").contains(" IMAP4REV2")
                .contains(" ENABLE").contains(" ESEARCH").contains(" LIST-STATUS").contains(" UNSELECT").contains(" MOVE")
                .contains(" NAMESPACE").contains(" BINARY").contains(" STATUS=SIZE").containsPattern(" LITERAL[+-]");
        }
    }

    @Test
    void anImap4rev2ConnectionIsToldNoRecentWhileAnImap4rev1OneIs() throws Exception {
        String user = newUser();
        try (RawImapClient rev1 = connect(user); RawImapClient rev2 = rev2(user); RawImapClient other = connect(user)) {
            append(other, "INBOX");
            append(other, "INBOX");
            assertThat(ok(rev1.command("SELECT INBOX"))).contains("* 2 RECENT").noneMatch(line -> line.startsWith("* LIST"));
            assertThat(ok(rev1.command("FETCH 1:* (FLAGS)"))).anyMatch(line -> line.contains("\\Recent"));
            List<String> selected = ok(rev2.command("SELECT INBOX"));
            assertThat(selected).contains("* 2 EXISTS", "* LIST () \".\" \"INBOX\"").noneMatch(Imap4Rev2Contract::mentionsRecent);

            append(other, "INBOX");
            assertThat(ok(rev1.command("NOOP"))).contains("* 3 EXISTS", "* 3 RECENT");
            assertThat(ok(rev2.command("NOOP"))).contains("* 3 EXISTS").noneMatch(Imap4Rev2Contract::mentionsRecent);
            assertThat(ok(rev2.command("FETCH 1:* (FLAGS)"))).hasSize(4).noneMatch(Imap4Rev2Contract::mentionsRecent);
            assertThat(ok(rev1.command("FETCH 3 (FLAGS)")).get(0)).contains("\\Recent");
        }
    }

    @Test
    void searchIsAnsweredWithEsearchOnImap4rev2Only() throws Exception {
        String user = newUser();
        try (RawImapClient rev1 = connect(user); RawImapClient rev2 = rev2(user)) {
            append(rev1, "INBOX");
            append(rev1, "INBOX");
            ok(rev1.command("SELECT INBOX"));
            ok(rev2.command("SELECT INBOX"));
            assertThat(ok(rev1.command("SEARCH ALL"))).contains("* SEARCH 1 2");

            List<String> all = ok(rev2.command("SEARCH ALL"));
            assertThat(all).hasSize(2);
            assertThat(all.get(0)).matches("\\* ESEARCH \\(TAG \"a\\d+\"\\) ALL 1:2");
            assertThat(ok(rev2.command("UID SEARCH ALL")).get(0)).matches("\\* ESEARCH \\(TAG \"a\\d+\"\\) UID ALL 1:2");
            assertThat(ok(rev2.command("SEARCH RETURN (COUNT) ALL")).get(0)).matches("\\* ESEARCH \\(TAG \"a\\d+\"\\) COUNT 2");
            List<String> none = ok(rev2.command("SEARCH SUBJECT nothing-like-this"));
            assertThat(none.get(0)).matches("\\* ESEARCH \\(TAG \"a\\d+\"\\)");
            assertThat(RawImapClient.last(rev2.command("SEARCH CHARSET UTF-8 ALL"))).matches("a\\d+ BAD .*");
        }
    }

    @Test
    void theExtensionsImap4rev2FoldsInAnswer() throws Exception {
        String user = newUser();
        try (RawImapClient client = rev2(user)) {
            ok(client.command("CREATE \"Résumé\""));
            append(client, "\"Résumé\"");
            List<String> status = ok(client.command("STATUS \"Résumé\" (MESSAGES SIZE)"));
            assertThat(new String(status.get(0).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8))
                .isEqualTo("* STATUS \"Résumé\" (MESSAGES 1 SIZE " + MESSAGE.length() + ")");
            assertThat(ok(client.command("LIST \"\" \"*\" RETURN (STATUS (MESSAGES))")))
                .anyMatch(line -> line.startsWith("* STATUS") && line.endsWith("(MESSAGES 1)"));
            assertThat(ok(client.command("NAMESPACE")).get(0)).startsWith("* NAMESPACE ((\"");

            ok(client.command("CREATE Gone"));
            ok(client.command("SUBSCRIBE Gone"));
            ok(client.command("DELETE Gone"));
            assertThat(ok(client.command("LIST (SUBSCRIBED) \"\" \"Gone\""))).anyMatch(line -> line.contains("\\NonExistent"));

            ok(client.command("SELECT INBOX"));
            assertThat(ok(client.command("SELECT \"Résumé\""))).anyMatch(line -> line.startsWith("* OK [CLOSED]"));
            ok(client.command("MOVE 1 INBOX"));
            ok(client.command("UNSELECT"));
            String binary = "Subject: nul\r\n\r\na\u0000b\r\n";
            ok(client.command("APPEND INBOX ~{" + binary.length() + "+}\r\n" + binary));
            assertThat(ok(client.command("STATUS INBOX (MESSAGES)"))).contains("* STATUS \"INBOX\" (MESSAGES 2)");
        }
    }
}
