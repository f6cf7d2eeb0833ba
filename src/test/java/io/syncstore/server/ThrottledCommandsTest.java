package io.syncstore.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.RawImapClient;

/**
 * A command refused by James's request throttle ({@code concurrentRequests} running, {@code maxQueueSize} waiting)
 * is answered NO with its own tag, and its connection stays usable (James used to close it, as it could not tell the
 * tag of a command SyncStore decodes later).
 */
class ThrottledCommandsTest extends ImapServerContract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = SyncStoreTestServer.withImapSettings(
        "<concurrentRequests>1</concurrentRequests><maxQueueSize>1</maxQueueSize>");

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, "throttled.test");
    }

    @Test
    void aRefusedCommandIsAnsweredNoWithItsTagAndTheConnectionGoesOn() throws Exception {
        String user = newUser();
        try (RawImapClient running = connect(user); RawImapClient queued = connect(user); RawImapClient other = connect(user)) {
            ok(running.command("CREATE slow"));
            for (int i = 0; i < 150; i++) {
                String message = "Subject: m" + i + "\r\n\r\nlorem ipsum dolor sit amet\r\n";
                ok(running.command("APPEND slow {" + message.length() + "+}\r\n" + message));
            }
            ok(running.command("SELECT slow"));
            ok(queued.command("SELECT slow"));
            String refused = null;
            for (int attempt = 0; attempt < 50 && refused == null; attempt++) {
                running.write("r" + attempt + " SEARCH TEXT nothing-matches-this\r\n");
                queued.write("q" + attempt + " SEARCH TEXT nothing-matches-this\r\n");
                String answer = RawImapClient.last(other.command("NOOP"));
                assertThat(answer).matches("a\\d+ (OK|NO) .*");
                if (answer.contains(" NO ")) {
                    refused = answer;
                }
                for (RawImapClient client : List.of(running, queued)) {
                    String tag = (client == running ? "r" : "q") + attempt;
                    assertThat(RawImapClient.last(client.readUntilTagged(tag))).matches(tag + " (OK|NO) .*");
                }
            }
            assertThat(refused).as("a NOOP refused while two SEARCHes ran or waited").contains(" NO Too many commands in progress");
            ok(other.command("NOOP"));
            ok(running.command("NOOP"));
        }
    }

    @Test
    void aCommandWhoseAnswerWasReadNoLongerCountsAsInProgress() throws Exception {
        String user = newUser();
        try (RawImapClient first = connect(user); RawImapClient second = connect(user); RawImapClient third = connect(user)) {
            for (int round = 0; round < 300; round++) {
                first.write("f" + round + " NOOP\r\n");
                second.write("s" + round + " NOOP\r\n");
                assertThat(RawImapClient.last(first.readUntilTagged("f" + round))).startsWith("f" + round + " OK");
                assertThat(RawImapClient.last(second.readUntilTagged("s" + round))).startsWith("s" + round + " OK");
                ok(third.command("NOOP"));
            }
        }
    }
}
