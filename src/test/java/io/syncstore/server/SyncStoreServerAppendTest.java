package io.syncstore.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.RawImapClient;
import io.syncstore.imap.append.AppendContract;

/**
 * The APPEND family on SyncStore's own server (its store, its command framing). Beyond the contract: a MULTIAPPEND is
 * one transaction there (io.syncstore.api.AtomicAppends), so other connections see all its messages at once or
 * nothing of it.
 */
class SyncStoreServerAppendTest extends AppendContract {
    private static final Pattern UIDNEXT = Pattern.compile("UIDNEXT (\\d+)");

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = SyncStoreTestServer.extension(binder -> { });

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        useServer(jamesServer);
    }

    @Test
    void multiAppendRefusedByTheQuotaTellsAnIdlerNothingAndUsesNoUid() throws Exception {
        String user = newUserAllowedMessages(3);
        try (RawImapClient client = connect(user); RawImapClient idler = connect(user)) {
            ok(client.command("APPEND INBOX " + literalPlus(message("before"))));
            long uidNext = uidNext(client);
            idleIn(idler, "INBOX", "i1");

            List<String> refused = client.command(multiAppend("INBOX", "m1", "m2", "m3"));
            assertThat(RawImapClient.last(refused)).as(refused.toString()).matches("a\\d+ NO \\[OVERQUOTA].*");

            assertThat(idler.readQuietly(Duration.ofSeconds(1))).as("told to the idler").isEmpty();
            assertThat(uidNext(client)).isEqualTo(uidNext);
            idler.write("DONE\r\n");
            assertThat(idler.readUntilTagged("i1")).hasSize(1);
            List<String> next = ok(client.command("APPEND INBOX " + literalPlus(message("after"))));
            assertThat(RawImapClient.last(next)).contains("[APPENDUID ").contains(" " + uidNext + "]");
        }
    }

    @Test
    void multiAppendOfThreeIsOneExistsJumpForAnIdler() throws Exception {
        for (int round = 0; round < 3; round++) {
            String user = newUser();
            try (RawImapClient client = connect(user); RawImapClient idler = connect(user)) {
                ok(client.command("APPEND INBOX " + literalPlus(message("first"))));
                idleIn(idler, "INBOX", "i1");

                ok(client.command(multiAppend("INBOX", "m1", "m2", "m3")));

                List<String> told = idler.readUntil(line -> line.equals("* 4 EXISTS"), Duration.ofSeconds(20));
                assertThat(told).as("no EXISTS before the jump").noneMatch(line -> line.matches("\\* [23] EXISTS"));
                idler.write("DONE\r\n");
                assertThat(idler.readUntilTagged("i1")).noneMatch(line -> line.matches("\\* \\d+ (EXISTS|EXPUNGE)"));
            }
        }
    }

    private static long uidNext(RawImapClient client) throws Exception {
        Matcher matcher = UIDNEXT.matcher(ok(client.command("STATUS INBOX (UIDNEXT)")).get(0));
        assertThat(matcher.find()).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
