package io.syncstore.imap.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.james.GuiceJamesServer;
import org.apache.james.modules.protocols.ImapGuiceProbe;
import org.junit.jupiter.api.Test;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.RawImapClient;

/**
 * NOTIFY on the wire: a real James server started in-process with {@code SyncStoreImapPackage} in imapserver.xml
 * (test resources), driven by raw IMAP connections. One server per test class; each server's test class extends this.
 */
public abstract class ImapNotifyContract extends ImapServerContract {
    static final String DOMAIN = "notify.test";
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration QUIET = Duration.ofMillis(700);

    static int smallQueuePort;

    /**
     * Called by each server's test class before its tests: the server must have an IMAP server with
     * {@code SyncStoreImapPackage} and a second one with {@code notify.maxPending=5} (see the test imapserver.xml).
     */
    public static void useServer(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, DOMAIN);
        smallQueuePort = server.getProbe(ImapGuiceProbe.class).getImapStartTLSPort();
    }

    static List<String> untagged(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("* ")).collect(Collectors.toList());
    }

    static String append(RawImapClient client, String mailbox, String body) throws IOException {
        String message = "From: a@b.c\r\nSubject: test\r\n\r\n" + body + "\r\n";
        String tag = client.nextTag();
        client.write(tag + " APPEND " + mailbox + " {" + message.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "}\r\n");
        String continuation = client.readResponse();
        assertThat(continuation).startsWith("+");
        client.write(message + "\r\n");
        List<String> lines = client.readUntilTagged(tag);
        ok(lines);
        return RawImapClient.last(lines);
    }

    @Test
    void capabilityAdvertisesNotify() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            List<String> lines = client.command("CAPABILITY");
            assertThat(lines.get(0)).startsWith("* CAPABILITY").contains(" NOTIFY");
            ok(lines);
        }
    }

    @Test
    void personalMessageNewGivesStatusForOtherMailbox() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            ok(actor.command("CREATE Work"));
            ok(watcher.command("NOTIFY SET (personal (MessageNew MessageExpunge))"));
            append(actor, "Work", "hello");
            List<String> lines = watcher.readUntil(line -> line.startsWith("* STATUS"), WAIT);
            assertThat(RawImapClient.last(lines)).startsWith("* STATUS \"Work\" (").contains("MESSAGES 1").contains("UIDNEXT 2");
        }
    }

    @Test
    void personalExpungeAndFlagChangeGiveStatus() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            ok(actor.command("CREATE Work"));
            append(actor, "Work", "one");
            append(actor, "Work", "two");
            ok(watcher.command("NOTIFY SET (personal (MessageNew MessageExpunge FlagChange))"));
            ok(actor.command("SELECT Work"));
            ok(actor.command("STORE 1 +FLAGS (\\Seen)"));
            assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* STATUS"), WAIT)))
                .contains("MESSAGES 2").contains("UNSEEN 1");
            ok(actor.command("STORE 2 +FLAGS (\\Deleted)"));
            ok(actor.command("EXPUNGE"));
            assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* STATUS") && line.contains("MESSAGES 1"), WAIT)))
                .contains("UIDNEXT 3");
        }
    }

    /** RFC 5465 §5 with erratum 2318, as Dovecot: outside the selected mailbox either event may come alone. */
    @Test
    void messageExpungeOrMessageNewAloneForOtherMailboxes() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            ok(actor.command("CREATE Gone"));
            ok(actor.command("CREATE Arrivals"));
            append(actor, "Gone", "one");
            List<String> lines = watcher.command("NOTIFY SET STATUS (mailboxes Gone (MessageExpunge))");
            ok(lines);
            assertThat(untagged(lines)).singleElement().asString().startsWith("* STATUS \"Gone\" (").contains("MESSAGES 1");
            append(actor, "Gone", "two");
            assertThat(watcher.readQuietly(QUIET)).as("MessageNew was not asked for").isEmpty();
            ok(actor.command("SELECT Gone"));
            ok(actor.command("STORE 1:* +FLAGS (\\Deleted)"));
            ok(actor.command("EXPUNGE"));
            assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* STATUS"), WAIT)))
                .startsWith("* STATUS \"Gone\" (").contains("MESSAGES 0");

            ok(watcher.command("NOTIFY SET (mailboxes Arrivals (MessageNew))"));
            append(actor, "Arrivals", "new");
            assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* STATUS"), WAIT)))
                .startsWith("* STATUS \"Arrivals\" (").contains("MESSAGES 1");
            ok(actor.command("SELECT Arrivals"));
            ok(actor.command("STORE 1 +FLAGS (\\Deleted)"));
            ok(actor.command("EXPUNGE"));
            assertThat(watcher.readQuietly(QUIET)).as("MessageExpunge was not asked for").isEmpty();
            ok(watcher.command("NOOP"));
        }
    }

    @Test
    void aStatusThatWouldSayNothingNewIsNotSent() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            ok(actor.command("CREATE Work"));
            append(actor, "Work", "one");
            ok(watcher.command("NOTIFY SET (personal (MessageNew MessageExpunge FlagChange))"));
            ok(actor.command("SELECT Work"));
            ok(actor.command("STORE 1 +FLAGS (\\Seen)"));
            watcher.readUntil(line -> line.startsWith("* STATUS") && line.contains("UNSEEN 0"), WAIT);
            ok(actor.command("STORE 1 +FLAGS (\\Flagged)"));
            assertThat(watcher.readQuietly(QUIET)).isEmpty();
            ok(actor.command("STORE 1 -FLAGS (\\Seen)"));
            assertThat(watcher.readUntil(line -> line.startsWith("* STATUS"), WAIT)).singleElement().asString().contains("UNSEEN 1");
        }
    }

    @Test
    void eventsNotAskedForAreNotSent() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            ok(actor.command("CREATE Work"));
            append(actor, "Work", "one");
            ok(watcher.command("NOTIFY SET (personal (MessageNew MessageExpunge))"));
            ok(actor.command("SELECT Work"));
            ok(actor.command("STORE 1 +FLAGS (\\Flagged)"));
            ok(actor.command("CREATE Other"));
            assertThat(watcher.readQuietly(QUIET)).isEmpty();
        }
    }

    @Test
    void mailboxNameEventsGiveList() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            ok(watcher.command("NOTIFY SET (personal (MailboxName))"));
            ok(actor.command("CREATE Projects"));
            assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* LIST"), WAIT)))
                .isEqualTo("* LIST () \".\" \"Projects\"");
            ok(actor.command("RENAME Projects Archived"));
            assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* LIST"), WAIT)))
                .isEqualTo("* LIST () \".\" \"Archived\" (\"OLDNAME\" (\"Projects\"))");
            ok(actor.command("DELETE Archived"));
            assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* LIST"), WAIT)))
                .isEqualTo("* LIST (\\NonExistent) \".\" \"Archived\"");
        }
    }

    @Test
    void subscriptionChangeGivesListWithAndWithoutSubscribed() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            ok(actor.command("CREATE News"));
            ok(watcher.command("NOTIFY SET (personal (SubscriptionChange))"));
            ok(actor.command("SUBSCRIBE News"));
            assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* LIST"), WAIT)))
                .isEqualTo("* LIST (\\Subscribed) \".\" \"News\"");
            ok(actor.command("UNSUBSCRIBE News"));
            assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* LIST"), WAIT)))
                .isEqualTo("* LIST () \".\" \"News\"");
        }
    }

    @Test
    void inboxesOnlyWatchesInbox() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            ok(actor.command("CREATE Work"));
            ok(watcher.command("NOTIFY SET (inboxes (MessageNew MessageExpunge))"));
            append(actor, "Work", "not watched");
            append(actor, "INBOX", "watched");
            List<String> lines = watcher.readUntil(line -> line.startsWith("* STATUS"), WAIT);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).startsWith("* STATUS \"INBOX\"");
            assertThat(watcher.readQuietly(QUIET)).isEmpty();
        }
    }

    @Test
    void subtreeAndMailboxesFilters() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            ok(actor.command("CREATE Lists"));
            ok(actor.command("CREATE Lists.james"));
            ok(actor.command("CREATE Lists2"));
            ok(actor.command("CREATE Single"));
            ok(watcher.command("NOTIFY SET (subtree Lists (MessageNew MessageExpunge)) (mailboxes (Single \"Nowhere\") (MessageNew MessageExpunge MailboxName))"));
            append(actor, "Lists2", "not watched: only a common prefix");
            append(actor, "Lists.james", "watched by subtree");
            assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* STATUS"), WAIT))).startsWith("* STATUS \"Lists.james\"");
            append(actor, "Single", "watched by mailboxes");
            assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* STATUS"), WAIT))).startsWith("* STATUS \"Single\"");
            ok(actor.command("CREATE Nowhere"));
            assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* LIST"), WAIT))).contains("\"Nowhere\"");
            assertThat(watcher.readQuietly(QUIET)).isEmpty();
        }
    }

    @Test
    void subscribedFilterFollowsSubscriptions() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            ok(actor.command("CREATE A"));
            ok(actor.command("CREATE B"));
            ok(actor.command("SUBSCRIBE A"));
            ok(watcher.command("NOTIFY SET (subscribed (MessageNew MessageExpunge))"));
            append(actor, "B", "not subscribed");
            append(actor, "A", "subscribed");
            List<String> lines = watcher.readUntil(line -> line.startsWith("* STATUS"), WAIT);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).startsWith("* STATUS \"A\"");
            ok(actor.command("SUBSCRIBE B"));
            append(actor, "B", "now subscribed");
            assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* STATUS"), WAIT))).startsWith("* STATUS \"B\"");
        }
    }

    @Test
    void statusIndicatorAnswersBeforeTheTaggedOk() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE Work"));
            append(client, "Work", "one");
            ok(client.command("CREATE Empty"));
            ok(client.command("SELECT INBOX"));
            List<String> lines = client.command("NOTIFY SET STATUS (selected (MessageNew MessageExpunge)) (personal (MessageNew MessageExpunge))");
            ok(lines);
            assertThat(untagged(lines)).noneMatch(line -> line.contains("INBOX")).contains(
                "* STATUS \"Work\" (MESSAGES 1 UIDNEXT 2 UIDVALIDITY " + uidValidity(client, "Work") + " UNSEEN 1)",
                "* STATUS \"Empty\" (MESSAGES 0 UIDNEXT 1 UIDVALIDITY " + uidValidity(client, "Empty") + " UNSEEN 0)");
        }
    }

    static String uidValidity(RawImapClient client, String mailbox) throws IOException {
        List<String> lines = client.command("STATUS " + mailbox + " (UIDVALIDITY)");
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("UIDVALIDITY (\\d+)").matcher(lines.get(0));
        assertThat(matcher.find()).as(lines.toString()).isTrue();
        return matcher.group(1);
    }

    @Test
    void highestModSeqWhenCondstoreIsEnabled() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            ok(actor.command("CREATE Work"));
            ok(watcher.command("ENABLE QRESYNC"));
            ok(watcher.command("NOTIFY SET (personal (MessageNew MessageExpunge))"));
            append(actor, "Work", "one");
            assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* STATUS"), WAIT))).contains("HIGHESTMODSEQ ");
        }
    }

    @Test
    void selectedGetsExistsAndFetchAttributesAtOnce() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            ok(watcher.command("SELECT INBOX"));
            ok(watcher.command("NOTIFY SET (selected (MessageNew (UID BODY.PEEK[HEADER.FIELDS (Subject)]) MessageExpunge FlagChange))"));
            append(actor, "INBOX", "hello");
            List<String> lines = watcher.readUntil(line -> line.startsWith("* 1 FETCH"), WAIT);
            assertThat(lines).contains("* 1 EXISTS");
            assertThat(RawImapClient.last(lines)).contains("UID 1").contains("Subject: test");
        }
    }

    @Test
    void selectedAndPersonalTogetherOverStartTls() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = new RawImapClient(smallQueuePort).startTls().login(user, PASSWORD);
             RawImapClient actor = connect(user)) {
            ok(watcher.command("SELECT INBOX"));
            ok(watcher.command("NOTIFY SET (selected (MessageNew (UID) MessageExpunge FlagChange)) (personal (MessageNew MessageExpunge MailboxName))"));
            append(actor, "INBOX", "hello");
            assertThat(watcher.readUntil(line -> line.startsWith("* 1 FETCH"), WAIT)).contains("* 1 EXISTS");
            ok(actor.command("CREATE Projects"));
            assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* LIST"), WAIT)))
                .isEqualTo("* LIST () \".\" \"Projects\"");
        }
    }

    @Test
    void selectedGetsFlagChangesAndExpungesAtOnce() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            append(actor, "INBOX", "one");
            append(actor, "INBOX", "two");
            ok(watcher.command("SELECT INBOX"));
            ok(watcher.command("NOTIFY SET (selected (MessageNew (UID) MessageExpunge FlagChange))"));
            ok(actor.command("SELECT INBOX"));
            // repeated: a notification drained before James recorded the change used to be lost, depending on timing
            for (int round = 0; round < 10; round++) {
                ok(actor.command("STORE 2 +FLAGS (\\Flagged)"));
                assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* 2 FETCH"), WAIT)))
                    .contains("UID 2").contains("\\Flagged");
                ok(actor.command("STORE 2 -FLAGS (\\Flagged)"));
                assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* 2 FETCH"), WAIT)))
                    .contains("UID 2").doesNotContain("\\Flagged");
            }
            ok(actor.command("STORE 1 +FLAGS (\\Deleted)"));
            ok(actor.command("EXPUNGE"));
            assertThat(watcher.readUntil(line -> line.equals("* 1 EXPUNGE"), WAIT))
                .noneMatch(line -> line.contains("EXPUNGE") && !line.equals("* 1 EXPUNGE"));
            List<String> fetch = watcher.command("FETCH 1:* (UID)");
            assertThat(untagged(fetch)).containsExactly("* 1 FETCH (UID 2)");
        }
    }

    @Test
    void selectedUsesVanishedUnderQresync() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            append(actor, "INBOX", "one");
            ok(watcher.command("ENABLE QRESYNC"));
            ok(watcher.command("SELECT INBOX"));
            ok(watcher.command("NOTIFY SET (selected (MessageNew MessageExpunge))"));
            ok(actor.command("SELECT INBOX"));
            ok(actor.command("STORE 1 +FLAGS (\\Deleted)"));
            ok(actor.command("EXPUNGE"));
            assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* VANISHED"), WAIT))).isEqualTo("* VANISHED 1");
        }
    }

    @Test
    void selectedDelayedHoldsExpungeUntilACommand() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            append(actor, "INBOX", "one");
            append(actor, "INBOX", "two");
            ok(watcher.command("SELECT INBOX"));
            ok(watcher.command("NOTIFY SET (selected-delayed (MessageNew MessageExpunge))"));
            ok(actor.command("SELECT INBOX"));
            ok(actor.command("STORE 1 +FLAGS (\\Deleted)"));
            ok(actor.command("EXPUNGE"));
            append(actor, "INBOX", "three");
            // EXISTS may come at once (3 messages as the client knows them), EXPUNGE may not
            List<String> meanwhile = watcher.readUntil(line -> line.equals("* 3 EXISTS"), WAIT);
            assertThat(meanwhile).noneMatch(line -> line.contains("EXPUNGE"));
            assertThat(watcher.readQuietly(QUIET)).noneMatch(line -> line.contains("EXPUNGE"));
            List<String> fetch = watcher.command("FETCH 1:* (FLAGS)");
            assertThat(fetch).noneMatch(line -> line.contains("EXPUNGE"));
            List<String> noop = watcher.command("NOOP");
            assertThat(noop).contains("* 1 EXPUNGE");
        }
    }

    @Test
    void selectedDelayedReleasesExpungeDuringIdle() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            append(actor, "INBOX", "one");
            ok(watcher.command("SELECT INBOX"));
            ok(watcher.command("NOTIFY SET (selected-delayed (MessageNew MessageExpunge)) (personal (MailboxName))"));
            ok(actor.command("SELECT INBOX"));
            ok(actor.command("STORE 1 +FLAGS (\\Deleted)"));
            ok(actor.command("EXPUNGE"));
            assertThat(watcher.readQuietly(QUIET)).noneMatch(line -> line.contains("EXPUNGE"));
            watcher.write("i1 IDLE\r\n");
            List<String> idle = watcher.readUntil(line -> line.equals("* 1 EXPUNGE"), WAIT);
            assertThat(idle.get(0)).startsWith("+");
            ok(actor.command("CREATE DuringIdle"));
            assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* LIST"), WAIT))).contains("DuringIdle");
            watcher.write("DONE\r\n");
            assertThat(RawImapClient.last(watcher.readUntilTagged("i1"))).startsWith("i1 OK");
            ok(watcher.command("NOOP"));
        }
    }

    /**
     * RFC 5465 §6: without a selected group, other connections' changes to the selected mailbox are not told; the
     * connection keeps the numbers it was told (no sequence number it was not told of, none shifted without an
     * EXPUNGE: RFC 3501 §7.4.1), and its own commands' EXPUNGE and EXISTS are told as RFC 3501 asks.
     */
    @Test
    void withoutASelectedGroupOthersChangesWaitAndNumbersKeepTheirMeaning() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            for (String body : List.of("one", "two", "three")) {
                append(actor, "INBOX", body);
            }
            ok(watcher.command("SELECT INBOX"));
            ok(watcher.command("NOTIFY SET (personal (MessageNew MessageExpunge FlagChange))"));
            ok(actor.command("SELECT INBOX"));
            append(actor, "INBOX", "four");
            ok(actor.command("STORE 1 +FLAGS (\\Flagged)"));
            ok(actor.command("STORE 2 +FLAGS (\\Deleted)"));
            ok(actor.command("EXPUNGE"));

            assertThat(untagged(watcher.readQuietly(QUIET))).isEmpty();
            assertThat(untagged(watcher.command("NOOP"))).isEmpty();
            List<String> fetch = watcher.command("FETCH 1:* (UID)");
            assertThat(untagged(fetch)).containsExactly("* 1 FETCH (UID 1)", "* 3 FETCH (UID 3)");
            assertThat(RawImapClient.last(watcher.command("FETCH 4 (UID)"))).contains(" BAD ");

            ok(watcher.command("STORE 3 +FLAGS.SILENT (\\Deleted)"));
            assertThat(untagged(watcher.command("EXPUNGE"))).containsExactly("* 3 EXPUNGE");
            List<String> ownAppend = watcher.command("APPEND INBOX {30+}\r\nFrom: a@b.c\r\nSubject: five\r\n\r\n");
            assertThat(untagged(ownAppend)).contains("* 4 EXISTS").noneMatch(line -> line.contains("EXPUNGE"));
            assertThat(untagged(watcher.command("FETCH 1:* (UID)")))
                .containsExactly("* 1 FETCH (UID 1)", "* 3 FETCH (UID 4)", "* 4 FETCH (UID 5)");

            ok(watcher.command("NOTIFY NONE"));
            assertThat(untagged(watcher.command("NOOP"))).containsExactly("* 2 EXPUNGE");
            assertThat(untagged(watcher.command("FETCH 1:* (UID)")))
                .containsExactly("* 1 FETCH (UID 1)", "* 2 FETCH (UID 4)", "* 3 FETCH (UID 5)");
        }
    }

    @Test
    void notifyNoneStopsNotifications() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            ok(watcher.command("NOTIFY SET (personal (MessageNew MessageExpunge MailboxName))"));
            ok(actor.command("CREATE First"));
            watcher.readUntil(line -> line.startsWith("* LIST"), WAIT);
            ok(watcher.command("NOTIFY NONE"));
            ok(actor.command("CREATE Second"));
            append(actor, "First", "x");
            assertThat(watcher.readQuietly(QUIET)).isEmpty();
        }
    }

    @Test
    void clientThatStopsReadingGetsOneOverflowAndNotifyIsOff() throws Exception {
        String user = newUser();
        String body = "x".repeat(1000) + "\r\n";
        try (RawImapClient actor = connect(user);
             RawImapClient watcher = new RawImapClient(smallQueuePort, 4096).login(user, PASSWORD)) {
            append(actor, "INBOX", body.repeat(2000));
            ok(watcher.command("SELECT INBOX"));
            ok(watcher.command("NOTIFY SET (personal (MessageNew MessageExpunge MailboxName))"));
            // ~10 MB of FETCH responses that the watcher does not read: more than the socket buffers take, so the
            // channel stays unwritable and notifications queue up (notify.maxPending=5 on this server)
            List<String> fetchTags = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String tag = watcher.nextTag();
                fetchTags.add(tag);
                watcher.write(tag + " FETCH 1 (BODY.PEEK[])\r\n");
            }
            Thread.sleep(1000); // let the server take the FETCHes before the changes come
            for (int i = 0; i < 10; i++) {
                ok(actor.command("CREATE Overflow" + i));
            }

            List<String> received = new ArrayList<>();
            for (String tag : fetchTags) {
                received.addAll(watcher.readUntilTagged(tag));
            }
            received.addAll(watcher.readUntil(line -> line.contains("NOTIFICATIONOVERFLOW"), WAIT));
            received.addAll(watcher.readQuietly(QUIET));
            String overflow = "* OK [NOTIFICATIONOVERFLOW] Too many notifications, NOTIFY is now off";
            assertThat(received).filteredOn(line -> line.contains("NOTIFICATIONOVERFLOW")).containsExactly(overflow);
            assertThat(received.subList(received.indexOf(overflow), received.size())).noneMatch(line -> line.startsWith("* LIST"));

            ok(actor.command("CREATE AfterOverflow"));
            append(actor, "Overflow0", "after overflow");
            assertThat(watcher.readQuietly(QUIET)).isEmpty();
            assertThat(untagged(watcher.command("FETCH 1 (FLAGS)"))).hasSize(1);
            ok(watcher.command("NOTIFY SET (personal (MailboxName))"));
            ok(actor.command("CREATE AfterReset"));
            assertThat(RawImapClient.last(watcher.readUntil(line -> line.startsWith("* LIST"), WAIT))).contains("AfterReset");
        }
    }

    @Test
    void sharedMailboxGivesStatusUntilTheRightsAreRemoved() throws Exception {
        String owner = newUser();
        String sharee = newUser();
        String shared = "#user." + owner + ".Shared";
        String hidden = "#user." + owner + ".Hidden";
        try (RawImapClient ownerClient = connect(owner); RawImapClient watcher = connect(sharee)) {
            ok(ownerClient.command("CREATE Shared"));
            ok(ownerClient.command("CREATE Hidden"));
            ok(ownerClient.command("SETACL Shared " + sharee + " lr"));
            ok(watcher.command("NOTIFY SET (mailboxes (\"" + shared + "\" \"" + hidden + "\") (MessageNew MessageExpunge FlagChange MailboxName)) "
                + "(subtree \"#user." + owner + "\" (MessageNew MessageExpunge FlagChange MailboxName))"));

            append(ownerClient, "Hidden", "not for the sharee");
            append(ownerClient, "Shared", "for the sharee");
            List<String> lines = watcher.readUntil(line -> line.startsWith("* STATUS"), WAIT);
            assertThat(lines).containsExactly(RawImapClient.last(lines));
            assertThat(RawImapClient.last(lines)).startsWith("* STATUS \"" + shared + "\" (").contains("MESSAGES 1");
            ok(ownerClient.command("CREATE Secret"));
            ok(ownerClient.command("RENAME Hidden StillHidden"));
            assertThat(watcher.readQuietly(QUIET)).isEmpty();

            ok(ownerClient.command("DELETEACL Shared " + sharee));
            append(ownerClient, "Shared", "after the rights were removed");
            ok(ownerClient.command("SELECT Shared"));
            ok(ownerClient.command("STORE 1 +FLAGS (\\Flagged)"));
            ok(ownerClient.command("CLOSE"));
            ok(ownerClient.command("RENAME Shared NoLongerShared"));
            append(ownerClient, "StillHidden", "never for the sharee");
            assertThat(watcher.readQuietly(QUIET)).isEmpty();
        }
    }

    @Test
    void errors() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            assertThat(RawImapClient.last(client.command("NOTIFY SET (personal (MessageNew MessageExpunge AnnotationChange))")))
                .matches("a\\d+ NO \\[BADEVENT \\(MessageNew MessageExpunge FlagChange MailboxName SubscriptionChange\\)] .*AnnotationChange.*");
            assertThat(RawImapClient.last(client.command("NOTIFY SET (personal (MailboxMetadataChange)) (inboxes (ServerMetadataChange))")))
                .contains("NO [BADEVENT");
            assertThat(RawImapClient.last(client.command("NOTIFY SET (selected (MessageNew))")))
                .matches("a\\d+ BAD NOTIFY failed\\. MessageNew and MessageExpunge must be requested together.*");
            assertThat(RawImapClient.last(client.command("NOTIFY SET (selected-delayed (MessageExpunge))"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("NOTIFY SET (personal (MessageNew FlagChange))"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("NOTIFY SET (personal (FlagChange))"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("NOTIFY SET (selected (MessageNew MessageExpunge)) (selected-delayed (MessageNew MessageExpunge))"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("NOTIFY SET (selected (MailboxName))"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("NOTIFY SET (elsewhere (MessageNew MessageExpunge))"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("NOTIFY SET (subtree (MessageNew MessageExpunge))"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("NOTIFY SET"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("NOTIFY SET (personal ())"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("NOTIFY BOGUS"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("NOTIFY SET (selected (MessageNew (UID BODY[) MessageExpunge))"))).matches("a\\d+ BAD .*");
            ok(client.command("NOTIFY SET (personal NONE) (selected (MessageNew (UID FLAGS) MessageExpunge))"));
            ok(client.command("NOTIFY NONE"));
        }
        try (RawImapClient anonymous = new RawImapClient(port)) {
            assertThat(RawImapClient.last(anonymous.command("NOTIFY NONE"))).matches("a\\d+ (BAD|NO) .*");
        }
    }

    @Test
    void largeFetchLiteralIsNeverSplitByNotifications() throws Exception {
        String user = newUser();
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            big.append("line ").append(i).append(" of a large message body\r\n");
        }
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            append(actor, "INBOX", big.toString());
            ok(actor.command("CREATE Other"));
            ok(watcher.command("SELECT INBOX"));
            ok(watcher.command("NOTIFY SET (selected (MessageNew (UID) MessageExpunge)) (personal (MessageNew MessageExpunge MailboxName))"));
            for (int round = 0; round < 5; round++) {
                String tag = watcher.nextTag();
                watcher.write(tag + " FETCH 1 (BODY[])\r\n");
                append(actor, "Other", "during fetch " + round);
                append(actor, "INBOX", "new during fetch " + round);
                ok(actor.command("CREATE During" + round));
                List<String> lines = watcher.readUntilTagged(tag);
                ok(lines);
                String fetch = lines.stream().filter(line -> line.startsWith("* 1 FETCH")).findFirst().orElseThrow();
                assertThat(fetch).endsWith("line 39999 of a large message body\r\n\r\n)");
                assertThat(fetch).doesNotContain("* STATUS").doesNotContain("* LIST").doesNotContain("EXISTS");
            }
            List<String> rest = watcher.readUntil(line -> line.contains("During4"), WAIT);
            assertThat(rest).allMatch(line -> line.startsWith("* "));
        }
    }

    /**
     * A FETCH of every message is written in several parts (16 KB each on SyncStore's server) while another connection
     * expunges: notifications may come between its lines, never inside one, an EXPUNGE only before it or after its OK
     * (RFC 3501 §7.4.1), and then at once (RFC 5465 {@code selected}), every line naming a message the connection knows.
     */
    @Test
    void longFetchIsCutOnlyBetweenLinesAndNeverByAnExpunge() throws Exception {
        String user = newUser();
        try (RawImapClient watcher = connect(user); RawImapClient actor = connect(user)) {
            for (int i = 0; i < 8; i++) {
                append(actor, "INBOX", "message " + i);
            }
            ok(actor.command("SELECT INBOX"));
            for (int doubling = 0; doubling < 8; doubling++) {
                ok(actor.command("COPY 1:* INBOX"));
            }
            ok(watcher.command("SELECT INBOX"));
            ok(watcher.command("NOTIFY SET (selected (MessageNew (UID FLAGS) MessageExpunge FlagChange))"));
            Pattern exists = Pattern.compile("\\* (\\d+) EXISTS");
            Pattern fetch = Pattern.compile("\\* (\\d+) FETCH \\((UID \\d+ )?FLAGS \\([^()]*\\)( UID \\d+)?( ENVELOPE \\(.*\\))?\\)");
            for (int round = 0; round < 5; round++) {
                String tag = watcher.nextTag();
                watcher.write(tag + " FETCH 1:* (FLAGS ENVELOPE)\r\n");
                // pipelined, so that the changes come while the FETCH is written
                actor.write(actor.nextTag() + " UID STORE " + (round + 1) + " +FLAGS (\\Deleted)\r\n");
                String expunge = actor.nextTag();
                actor.write(expunge + " EXPUNGE\r\n");
                assertThat(actor.readUntilTagged(expunge)).noneMatch(line -> line.matches("a\\d+ (NO|BAD) .*"));
                append(actor, "INBOX", "new " + round);
                List<String> lines = watcher.readUntilTagged(tag);
                ok(lines);
                int told = 2048;
                boolean expunged = false;
                BitSet fetched = new BitSet();
                for (String line : untagged(lines)) {
                    Matcher existsLine = exists.matcher(line);
                    Matcher fetchLine = fetch.matcher(line);
                    if (line.equals("* 1 EXPUNGE")) {
                        // the expunge may come before the FETCH began, never after
                        assertThat(fetched.isEmpty()).as("round %d: an EXPUNGE inside the FETCH", round).isTrue();
                        expunged = true;
                        told--;
                    } else if (existsLine.matches()) {
                        told = Integer.parseInt(existsLine.group(1));
                    } else if (!line.endsWith(" RECENT")) {
                        assertThat(fetchLine.matches()).as("round %d: %s", round, line).isTrue();
                        assertThat(Integer.parseInt(fetchLine.group(1))).as("round %d: %s", round, line).isBetween(1, told);
                        fetched.set(Integer.parseInt(fetchLine.group(1)));
                    }
                }
                assertThat(fetched.nextClearBit(1)).as("round %d: the first message not fetched", round).isGreaterThan(2047);
                if (!expunged) {
                    // the expunged message was the first: UIDs 1 to round were expunged before
                    List<String> after = watcher.readUntil(line -> line.endsWith(" EXPUNGE"), WAIT);
                    assertThat(RawImapClient.last(after)).isEqualTo("* 1 EXPUNGE");
                }
                ok(watcher.command("NOOP"));
            }
        }
    }

    @Test
    void noLeakAfter10000NotifySessions() throws Exception {
        String user = newUser();
        NotifyRegistry registry = server.getProbe(NotifyProbe.class).registry();
        long heapBefore = usedHeapAfterGc();
        for (int i = 0; i < 10_000; i++) {
            try (RawImapClient client = connect(user)) {
                ok(client.command("NOTIFY SET (personal (MessageNew MessageExpunge MailboxName)) (selected (MessageNew MessageExpunge))"));
                if (i % 2 == 0) {
                    ok(client.command("SELECT INBOX"));
                    ok(client.command("LOGOUT"));
                }
                // odd rounds: the socket is just closed
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(registry.activeSessionCount()).isZero();
            assertThat(registry.knownSessionCount()).isZero();
            assertThat(registry.indexedUserCount()).isZero();
            assertThat(registry.busRegistrationCount()).isEqualTo(1);
        });
        // a connection's NOTIFY state is some kilobytes: a leak of each would be tens of megabytes here
        assertThat(usedHeapAfterGc() - heapBefore).isLessThan(48L << 20);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
