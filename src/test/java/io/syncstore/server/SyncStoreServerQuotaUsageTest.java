package io.syncstore.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.modules.QuotaProbesImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.RawImapClient;

/**
 * The quota usage changes in the commit of the messages it counts: however many connections of one user append, copy,
 * move, expunge and delete mailboxes at once, the usage the server holds afterwards is exactly the messages it holds.
 */
class SyncStoreServerQuotaUsageTest extends ImapServerContract {
    private static final Pattern SIZE = Pattern.compile("RFC822\\.SIZE (\\d+)");
    private static final Pattern MESSAGE_USAGE = Pattern.compile("MESSAGE (\\d+)");
    private static final List<String> MAILBOXES = List.of("INBOX", "Projects", "Kept");
    private static final int CONNECTIONS = 6;
    private static final int STEPS = 25;

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = SyncStoreTestServer.extension(binder -> { });

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, "quota.test");
    }

    @Test
    void usageIsExactlyTheStoredMessagesAfterConcurrentChanges() throws Exception {
        for (int round = 0; round < 3; round++) {
            String user = newUser();
            QuotaProbesImpl quotas = server.getProbe(QuotaProbesImpl.class);
            quotas.setMaxMessageCount(quotas.getQuotaRoot(MailboxPath.inbox(Username.of(user))), QuotaCountLimit.count(100_000));
            try (RawImapClient setup = connect(user)) {
                ok(setup.command("CREATE Projects"));
                ok(setup.command("CREATE Kept"));
            }
            ExecutorService connections = Executors.newFixedThreadPool(CONNECTIONS);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                long seed = round * 100L + i;
                done.add(connections.submit(() -> {
                    changeConcurrently(user, new Random(seed), seed);
                    return null;
                }));
            }
            for (Future<?> connection : done) {
                connection.get(5, TimeUnit.MINUTES);
            }
            connections.shutdown();

            assertUsageIsWhatIsStored(user);
        }
    }

    /** Random changes; a NO (the message went meanwhile) is fine, a BAD is not. */
    private static void changeConcurrently(String user, Random random, long seed) throws Exception {
        try (RawImapClient client = connect(user)) {
            for (int step = 0; step < STEPS; step++) {
                String mailbox = MAILBOXES.get(random.nextInt(MAILBOXES.size()));
                String other = MAILBOXES.get(random.nextInt(MAILBOXES.size()));
                switch (random.nextInt(6)) {
                    case 0:
                    case 1:
                        ok(client.command("APPEND " + mailbox + " " + literalPlus(message(seed + "-" + step, random))));
                        break;
                    case 2:
                        onFirstUids(client, mailbox, "UID COPY %s " + other);
                        break;
                    case 3:
                        onFirstUids(client, mailbox, "UID MOVE %s " + other);
                        break;
                    case 4:
                        onFirstUids(client, mailbox, "UID STORE %s +FLAGS.SILENT (\\Deleted)");
                        okOrNo(client.command("EXPUNGE"));
                        break;
                    default:
                        String scratch = "Scratch" + seed + "x" + step;
                        ok(client.command("CREATE " + scratch));
                        ok(client.command("APPEND " + scratch + " " + literalPlus(message(scratch, random))));
                        onFirstUids(client, mailbox, "UID COPY %s " + scratch);
                        ok(client.command("DELETE " + scratch));
                        break;
                }
            }
        }
    }

    /**
     * Selects the mailbox and runs the command on its first two UIDs, which other connections may expunge meanwhile;
     * nothing when it is empty. A UID set none of whose messages are left is answered OK, as in an empty view.
     */
    private static void onFirstUids(RawImapClient client, String mailbox, String command) throws Exception {
        ok(client.command("SELECT " + mailbox));
        String uids = ok(client.command("UID SEARCH ALL")).stream()
            .filter(line -> line.startsWith("* SEARCH"))
            .map(line -> line.substring("* SEARCH".length()).trim())
            .findFirst()
            .orElse("");
        if (!uids.isEmpty()) {
            List<String> first = List.of(uids.split(" "));
            String sent = String.format(command, String.join(",", first.subList(0, Math.min(2, first.size()))));
            List<String> lines = client.command(sent);
            assertThat(RawImapClient.last(lines)).as(sent + " " + lines)
                .matches("a\\d+ (OK|NO) .*");
        }
    }

    private static void assertUsageIsWhatIsStored(String user) throws Exception {
        long count = 0;
        long bytes = 0;
        try (RawImapClient client = connect(user)) {
            for (String mailbox : MAILBOXES) {
                ok(client.command("EXAMINE " + mailbox));
                for (String line : client.command("FETCH 1:* RFC822.SIZE")) {
                    Matcher size = SIZE.matcher(line);
                    if (size.find()) {
                        count++;
                        bytes += Long.parseLong(size.group(1));
                    }
                }
            }
            assertThat(messageUsage(ok(client.command("GETQUOTAROOT INBOX")))).isEqualTo(count);
        }
        QuotaProbesImpl quotas = server.getProbe(QuotaProbesImpl.class);
        QuotaRoot root = quotas.getQuotaRoot(MailboxPath.inbox(Username.of(user)));
        assertThat(quotas.getMessageCountQuota(root).getUsed().asLong()).isEqualTo(count);
        assertThat(quotas.getStorageQuota(root).getUsed().asLong()).isEqualTo(bytes);
    }

    private static long messageUsage(List<String> lines) {
        return lines.stream()
            .filter(line -> line.startsWith("* QUOTA "))
            .map(MESSAGE_USAGE::matcher)
            .filter(Matcher::find)
            .mapToLong(matcher -> Long.parseLong(matcher.group(1)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no MESSAGE usage in " + lines));
    }

    private static String message(String subject, Random random) {
        return "From: a@b.c\r\nSubject: " + subject + "\r\n\r\n" + "x".repeat(random.nextInt(4000)) + "\r\n";
    }

    private static String literalPlus(String content) {
        return "{" + content.length() + "+}\r\n" + content;
    }

    private static void okOrNo(List<String> lines) {
        assertThat(RawImapClient.last(lines)).as(lines.toString()).matches("a\\d+ (OK|NO).*");
    }
}
