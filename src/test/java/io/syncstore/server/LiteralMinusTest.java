package io.syncstore.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.RawImapClient;

/**
 * {@code <literalMinus>true</literalMinus>}: LITERAL- (RFC 7888) in place of LITERAL+. A non-synchronizing literal
 * of at most 4096 octets is taken without a continuation; a larger one is answered BAD [TOOBIG], its octets (which the
 * client sends anyway) are skipped, and the next command on the connection runs.
 */
class LiteralMinusTest extends ImapServerContract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = SyncStoreTestServer.withImapSettings(
        "<literalMinus>true</literalMinus>");

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, "literal-minus.test");
    }

    private static String message(int size) {
        String head = "From: a@b.c\r\nSubject: s" + size + "\r\n\r\n";
        return head + "x".repeat(size - head.length() - 2) + "\r\n";
    }

    @Test
    void capabilityListsLiteralMinusInsteadOfLiteralPlus() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            String capabilities = client.command("CAPABILITY").get(0);
            assertThat(capabilities).contains(" LITERAL-").doesNotContain("LITERAL+").contains(" MULTIAPPEND");
        }
    }

    @Test
    void literalsUpTo4096OctetsNeedNoContinuation() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            String message = message(4096);
            client.write("p1 APPEND INBOX {4096+}\r\n" + message + "\r\np2 NOOP\r\n");
            assertThat(RawImapClient.last(client.readUntilTagged("p1"))).startsWith("p1 OK [APPENDUID");
            assertThat(RawImapClient.last(client.readUntilTagged("p2"))).startsWith("p2 OK");
        }
    }

    @Test
    void aLargerNonSynchronizingLiteralIsBadAndTheNextCommandRuns() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            for (int size : List.of(4097, 100_000)) {
                client.write("p1 APPEND INBOX {" + size + "+}\r\n" + message(size) + "\r\np2 NOOP\r\n");
                assertThat(RawImapClient.last(client.readUntilTagged("p1"))).startsWith("p1 BAD [TOOBIG]");
                assertThat(RawImapClient.last(client.readUntilTagged("p2"))).startsWith("p2 OK");
            }
            String second = message(5000);
            client.write("p3 APPEND INBOX {" + message(100).length() + "+}\r\n" + message(100)
                + " {5000+}\r\n" + second + "\r\np4 NOOP\r\n");
            assertThat(RawImapClient.last(client.readUntilTagged("p3"))).startsWith("p3 BAD [TOOBIG]");
            assertThat(RawImapClient.last(client.readUntilTagged("p4"))).startsWith("p4 OK");
            assertThat(client.readQuietly(Duration.ofMillis(300))).isEmpty();
            assertThat(client.command("STATUS INBOX (MESSAGES)").get(0)).contains("MESSAGES 0");
        }
    }

    @Test
    void aLargeSynchronizingLiteralIsStillTaken() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            String message = message(50_000);
            client.write("s1 APPEND INBOX {" + message.length() + "}\r\n");
            assertThat(client.readResponse()).startsWith("+");
            client.write(message + "\r\n");
            assertThat(RawImapClient.last(client.readUntilTagged("s1"))).startsWith("s1 OK");
        }
    }
}
