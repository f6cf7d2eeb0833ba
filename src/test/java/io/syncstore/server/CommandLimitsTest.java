package io.syncstore.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.RawImapClient;

/**
 * {@code maxNestingDepth} and {@code commandsPerSecond} of {@code imapserver.xml} on SyncStore's server: a command
 * nested deeper is answered BAD before it is decoded (its literal, if any, not asked for or skipped), a command
 * beyond the rate is answered NO [LIMIT] in its turn, and the connection goes on either way.
 */
class CommandLimitsTest extends ImapServerContract {
    private static final int DEPTH = 5;
    private static final int PER_SECOND = 20;

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = SyncStoreTestServer.withImapSettings(
        "<maxNestingDepth>" + DEPTH + "</maxNestingDepth><commandsPerSecond>" + PER_SECOND + "</commandsPerSecond>");

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, "limits.test");
    }

    private static void bad(List<String> lines) {
        assertThat(RawImapClient.last(lines)).as(lines.toString()).matches("a\\d+ BAD .*maxNestingDepth.*");
    }

    @Test
    void listsNestedDeeperThanTheLimitAreBadAndTheConnectionGoesOn() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            ok(client.command("SELECT INBOX"));
            ok(client.command("SEARCH " + "(".repeat(DEPTH) + "ALL" + ")".repeat(DEPTH)));
            bad(client.command("SEARCH " + "(".repeat(DEPTH + 1) + "ALL" + ")".repeat(DEPTH + 1)));
            bad(client.command("SEARCH SUBJECT \"((((((((\" " + "(".repeat(DEPTH + 1) + "ALL" + ")".repeat(DEPTH + 1)));
            assertThat(ok(client.command("SEARCH SUBJECT \"((((((((\"")).get(0)).isEqualTo("* SEARCH");

            String message = "Subject: deep\r\n\r\nbody\r\n";
            String deepFlags = "(".repeat(DEPTH) + "(\\Seen)" + ")".repeat(DEPTH);
            client.write("a90 APPEND INBOX " + deepFlags + " {" + message.length() + "}\r\n");
            List<String> refused = client.readUntilTagged("a90");
            assertThat(refused).as("no continuation for a refused command").hasSize(1);
            assertThat(refused.get(0)).matches("a90 BAD .*maxNestingDepth.*");
            bad(client.command("APPEND INBOX " + deepFlags + " {" + message.length() + "+}\r\n" + message));
            ok(client.command("NOOP"));
            assertThat(ok(client.command("STATUS INBOX (MESSAGES)"))).contains("* STATUS \"INBOX\" (MESSAGES 0)");
        }
    }

    @Test
    void commandsBeyondTheRateAreAnsweredNoAndTheConnectionGoesOn() throws Exception {
        String user = newUser();
        try (RawImapClient fast = connect(user); RawImapClient other = connect(user)) {
            Thread.sleep(1_100);
            int sent = 3 * PER_SECOND;
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < sent; i++) {
                burst.append("n").append(i).append(" NOOP\r\n");
            }
            fast.write(burst.toString());
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < sent; i++) {
                answers.add(RawImapClient.last(fast.readUntilTagged("n" + i)));
            }
            assertThat(answers).allMatch(answer -> answer.matches("n\\d+ (OK .*|NO \\[LIMIT] .*commandsPerSecond.*)"));
            assertThat(answers.stream().filter(answer -> answer.contains(" NO ")).count()).as(answers.toString())
                .isBetween((long) sent - 2L * PER_SECOND, (long) sent - PER_SECOND);
            ok(other.command("NOOP"));
            Thread.sleep(1_100);
            ok(fast.command("NOOP"));
        }
    }
}
