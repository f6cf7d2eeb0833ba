package io.syncstore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.RawImapClient;

/**
 * Commands whose literal is larger than {@code inMemorySizeLimit} (16 KiB in the test configuration) are spooled to
 * a temporary file while they arrive: the message is stored intact, the commands around it run once each, and no
 * file is left behind, whether the command ran or the client went away in the middle of the literal.
 */
class LargeCommandTest extends ImapServerContract {
    private static final Path TMP = Paths.get(System.getProperty("java.io.tmpdir"));

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = SyncStoreTestServer.extension(binder -> { });

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, "large.test");
    }

    @Test
    void aSynchronizingLiteralLargerThanTheMemoryLimitIsStoredIntact() throws Exception {
        String message = message(1, 1 << 20);
        try (RawImapClient client = connect(newUser())) {
            client.write("s1 APPEND INBOX {" + message.length() + "}\r\n");
            assertThat(client.readResponse()).startsWith("+");
            client.write(message + "\r\n");
            assertThat(RawImapClient.last(client.readUntilTagged("s1"))).startsWith("s1 OK");

            assertThat(bodyOfFirst(client)).isEqualTo(message);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> spoolFiles() == 0);
    }

    @Test
    void pipelinedCommandsAroundLargeLiteralPlusAppendsRunOnceEach() throws Exception {
        String first = message(2, 300_000);
        String second = message(3, 200_000);
        try (RawImapClient client = connect(newUser())) {
            client.write("p1 APPEND INBOX {" + first.length() + "+}\r\n" + first + "\r\n"
                + "p2 NOOP\r\n"
                + "p3 APPEND INBOX (\\Flagged) {" + second.length() + "+}\r\n" + second + "\r\n"
                + "p4 SELECT INBOX\r\n");
            for (String tag : List.of("p1", "p2", "p3")) {
                assertThat(RawImapClient.last(client.readUntilTagged(tag))).startsWith(tag + " OK");
            }
            List<String> select = client.readUntilTagged("p4");
            assertThat(select).contains("* 2 EXISTS");

            List<String> sizes = ok(client.command("FETCH 1:2 (RFC822.SIZE FLAGS)"));
            assertThat(sizes.get(0)).contains("RFC822.SIZE " + first.length());
            assertThat(sizes.get(1)).contains("RFC822.SIZE " + second.length()).contains("\\Flagged");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> spoolFiles() == 0);
    }

    @Test
    void aClientLeavingInsideALargeLiteralLeavesNoFileAndNoMessage() throws Exception {
        String user = newUser();
        String message = message(4, 500_000);
        try (RawImapClient client = connect(user)) {
            client.write("c1 APPEND INBOX {" + message.length() + "+}\r\n" + message.substring(0, 100_000));
            await().atMost(Duration.ofSeconds(5)).until(() -> spoolFiles() > 0);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> spoolFiles() == 0);
        try (RawImapClient client = connect(user)) {
            assertThat(ok(client.command("SELECT INBOX"))).contains("* 0 EXISTS");
        }
    }

    @Test
    void aLargeLiteralInAnInvalidCommandIsAnsweredAndTheConnectionStaysUsable() throws Exception {
        String literal = message(5, 100_000);
        try (RawImapClient client = connect(newUser())) {
            client.write("b1 APPEND {" + literal.length() + "+}\r\n" + literal + "\r\n");
            assertThat(RawImapClient.last(client.readUntilTagged("b1"))).matches("b1 (BAD|NO) .*");
            ok(client.command("NOOP"));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> spoolFiles() == 0);
    }

    private static String bodyOfFirst(RawImapClient client) throws IOException {
        ok(client.command("SELECT INBOX"));
        String fetch = ok(client.command("FETCH 1 (BODY.PEEK[])")).get(0);
        return fetch.substring(fetch.indexOf("}\r\n") + 3, fetch.length() - 1);
    }

    /** A message of about {@code size} octets of varied lines. */
    private static String message(long seed, int size) {
        Random random = new Random(seed);
        StringBuilder message = new StringBuilder("From: a@large.test\r\nSubject: large " + seed + "\r\n\r\n");
        while (message.length() < size) {
            for (int i = 0; i < 76; i++) {
                message.append((char) ('!' + random.nextInt(94)));
            }
            message.append("\r\n");
        }
        return message.toString();
    }

    private static long spoolFiles() {
        try (Stream<Path> files = Files.list(TMP)) {
            return files.filter(file -> file.getFileName().toString().startsWith("syncstore-imap-command")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
