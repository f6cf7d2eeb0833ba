package io.syncstore.imap.append;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.GuiceJamesServer;
import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.modules.QuotaProbesImpl;
import org.junit.jupiter.api.Test;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.RawImapClient;

/**
 * The APPEND family (issue 13) over real sockets: MULTIAPPEND (RFC 3502) with its APPENDUID (RFC 4315) and its all or
 * nothing, and APPEND of a literal8 (BINARY, RFC 3516 §4.4). Each server's test class extends it.
 */
public abstract class AppendContract extends ImapServerContract {
    protected static final String DOMAIN = "append.test";
    private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID (\\d+) ([0-9:,]+)]");
    private static final Pattern UID = Pattern.compile("UID (\\d+)");
    private static final Pattern EXISTS = Pattern.compile("\\* (\\d+) EXISTS");

    public static void useServer(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, DOMAIN);
    }

    protected static String message(String subject) {
        return "From: a@b.c\r\nSubject: " + subject + "\r\n\r\nbody of " + subject + "\r\n";
    }

    protected static String literalPlus(String content) {
        return "{" + content.length() + "+}\r\n" + content;
    }

    protected static String multiAppend(String mailbox, String... subjects) {
        StringBuilder command = new StringBuilder("APPEND " + mailbox);
        for (String subject : subjects) {
            command.append(' ').append(literalPlus(message(subject)));
        }
        return command.toString();
    }

    protected static String newUserAllowedMessages(long count) throws Exception {
        String user = newUser();
        QuotaProbesImpl quota = server.getProbe(QuotaProbesImpl.class);
        quota.setMaxMessageCount(quota.getQuotaRoot(MailboxPath.inbox(Username.of(user))), QuotaCountLimit.count(count));
        return user;
    }

    protected static void idleIn(RawImapClient idler, String mailbox, String tag) throws Exception {
        ok(idler.command("SELECT " + mailbox));
        idler.write(tag + " IDLE\r\n");
        assertThat(idler.readResponse()).startsWith("+");
    }

    static Set<Long> uidSet(String set) {
        Set<Long> uids = new TreeSet<>();
        for (String range : set.split(",")) {
            String[] bounds = range.split(":");
            long low = Long.parseLong(bounds[0]);
            long high = Long.parseLong(bounds[bounds.length - 1]);
            for (long uid = Math.min(low, high); uid <= Math.max(low, high); uid++) {
                uids.add(uid);
            }
        }
        return uids;
    }

    static Set<Long> appendUids(List<String> lines) {
        Matcher matcher = APPENDUID.matcher(RawImapClient.last(lines));
        assertThat(matcher.find()).as(lines.toString()).isTrue();
        return uidSet(matcher.group(2));
    }

    static List<Long> uids(RawImapClient client) throws Exception {
        List<Long> uids = new ArrayList<>();
        for (String line : ok(client.command("UID FETCH 1:* (UID)"))) {
            Matcher matcher = UID.matcher(line);
            if (line.startsWith("* ") && matcher.find()) {
                uids.add(Long.parseLong(matcher.group(1)));
            }
        }
        return uids;
    }

    @Test
    void multiAppendStoresEveryMessageWithItsFlagsAndDateAndOneAppendUid() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            assertThat(client.command("CAPABILITY").get(0)).contains(" MULTIAPPEND").contains(" LITERAL+")
                .doesNotContain("LITERAL-");
            ok(client.command("CREATE multi"));
            List<String> append = ok(client.command("APPEND multi (\\Seen) " + literalPlus(message("one"))
                + " (\\Flagged $Work) \"05-Dec-2026 10:11:12 +0000\" " + literalPlus(message("two"))
                + " " + literalPlus(message("three"))));
            assertThat(appendUids(append)).containsExactly(1L, 2L, 3L);
            assertThat(RawImapClient.last(append)).contains("[APPENDUID ").contains(" 1:3]");
            ok(client.command("SELECT multi"));
            List<String> fetch = ok(client.command("FETCH 1:3 (FLAGS INTERNALDATE BODY.PEEK[HEADER.FIELDS (SUBJECT)])"));
            assertThat(fetch.get(0)).contains("\\Seen").contains("Subject: one");
            assertThat(fetch.get(1)).contains("\\Flagged").contains("$Work").contains("05-Dec-2026 10:11:12 +0000")
                .contains("Subject: two");
            assertThat(fetch.get(2)).doesNotContain("\\Seen").doesNotContain("\\Flagged").contains("Subject: three");
        }
    }

    /** Messages larger than the test servers' inMemorySizeLimit (16 KiB): the command is spooled to a file. */
    @Test
    void multiAppendOfSpooledMessagesStoresThemIntact() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            String first = "Subject: big one\r\n\r\n" + "1".repeat(40_000) + "\r\n";
            String second = "Subject: big two\r\n\r\n" + "2".repeat(30_000) + "\r\n";
            assertThat(appendUids(ok(client.command("APPEND INBOX " + literalPlus(first) + " " + literalPlus(second)))))
                .containsExactly(1L, 2L);
            ok(client.command("SELECT INBOX"));
            List<String> sizes = ok(client.command("FETCH 1:2 (RFC822.SIZE)"));
            assertThat(sizes.get(0)).contains("RFC822.SIZE " + first.length());
            assertThat(sizes.get(1)).contains("RFC822.SIZE " + second.length());
        }
    }

    @Test
    void multiAppendWithSynchronizingLiteralsGetsAContinuationForEach() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            String first = message("first");
            String second = message("second");
            client.write("s1 APPEND INBOX {" + first.length() + "}\r\n");
            assertThat(client.readResponse()).startsWith("+");
            client.write(first + " {" + second.length() + "}\r\n");
            assertThat(client.readResponse()).startsWith("+");
            client.write(second + "\r\n");
            List<String> lines = client.readUntilTagged("s1");
            assertThat(RawImapClient.last(lines)).as(lines.toString()).startsWith("s1 OK [APPENDUID ");
            assertThat(appendUids(lines)).hasSize(2);
            assertThat(client.command("STATUS INBOX (MESSAGES)").get(0)).contains("MESSAGES 2");
        }
    }

    @Test
    void multiAppendToAMissingMailboxStoresNothingAndSaysTryCreate() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            List<String> lines = client.command(multiAppend("nowhere", "a", "b"));
            assertThat(RawImapClient.last(lines)).as(lines.toString()).matches("a\\d+ NO \\[TRYCREATE].*");
            ok(client.command("NOOP"));
            assertThat(client.command("LIST \"\" nowhere")).hasSize(1);
        }
    }

    @Test
    void malformedSecondMessageIsBadAndNothingIsStored() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            ok(client.command("CREATE bad"));
            List<String> badDate = client.command("APPEND bad " + literalPlus(message("kept?"))
                + " \"not a date\" " + literalPlus(message("never")));
            assertThat(RawImapClient.last(badDate)).as(badDate.toString()).matches("a\\d+ BAD.*");
            List<String> badFlags = client.command("APPEND bad " + literalPlus(message("kept?")) + " (\\Seen");
            assertThat(RawImapClient.last(badFlags)).as(badFlags.toString()).matches("a\\d+ BAD.*");
            List<String> trailing = client.command("APPEND bad " + literalPlus(message("kept?")) + " junk");
            assertThat(RawImapClient.last(trailing)).as(trailing.toString()).matches("a\\d+ BAD.*");
            ok(client.command("NOOP"));
            assertThat(client.command("STATUS bad (MESSAGES)").get(0)).contains("MESSAGES 0");
        }
    }

    /** The quota refuses the third message: the two stored before it are taken back, the mailbox is as before. */
    @Test
    void multiAppendOverQuotaKeepsNone() throws Exception {
        String user = newUserAllowedMessages(3);
        try (RawImapClient client = connect(user); RawImapClient idler = connect(user)) {
            ok(client.command("APPEND INBOX " + literalPlus(message("before"))));
            idleIn(idler, "INBOX", "i1");

            List<String> lines = client.command(multiAppend("INBOX", "m1", "m2", "m3"));
            assertThat(RawImapClient.last(lines)).as(lines.toString()).matches("a\\d+ NO \\[OVERQUOTA].*");
            assertThat(client.command("STATUS INBOX (MESSAGES)").get(0)).contains("MESSAGES 1");
            ok(client.command("SELECT INBOX"));
            assertThat(uids(client)).containsExactly(1L);
            assertThat(ok(client.command("FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])")).get(0)).contains("before");

            // whether the messages were stored and taken back (a compensation) or never stored, the idler's view
            // is the mailbox's afterwards (SyncStoreServerAppendTest: on SyncStore's store it is told nothing at all)
            idler.readQuietly(Duration.ofMillis(500));
            idler.write("DONE\r\n");
            idler.readUntilTagged("i1");
            assertThat(uids(idler)).containsExactly(1L);
        }
    }

    /**
     * Writers append batches into one mailbox at once while others idle: every idler is told of exactly the stored
     * messages, no UID is given twice, and the APPENDUID sets are the mailbox's UIDs.
     */
    @Test
    void concurrentMultiAppendsAreSeenExactlyByIdlers() throws Exception {
        int writers = 4;
        int batches = 5;
        int perBatch = 3;
        for (int round = 0; round < 3; round++) {
            String user = newUser();
            List<RawImapClient> idlers = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                try (RawImapClient setup = connect(user)) {
                    ok(setup.command("CREATE shared"));
                }
                for (int i = 0; i < 2; i++) {
                    RawImapClient idler = connect(user);
                    idlers.add(idler);
                    idleIn(idler, "shared", "i");
                }
                List<Future<Set<Long>>> results = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    results.add(pool.submit(() -> {
                        Set<Long> given = new TreeSet<>();
                        try (RawImapClient client = connect(user)) {
                            for (int b = 0; b < batches; b++) {
                                String[] subjects = new String[perBatch];
                                for (int m = 0; m < perBatch; m++) {
                                    subjects[m] = "w" + writer + "b" + b + "m" + m;
                                }
                                Set<Long> uids = appendUids(ok(client.command(multiAppend("shared", subjects))));
                                assertThat(uids).hasSize(perBatch);
                                assertThat(given).doesNotContainAnyElementsOf(uids);
                                given.addAll(uids);
                            }
                        }
                        return given;
                    }));
                }
                Set<Long> all = new TreeSet<>();
                int total = writers * batches * perBatch;
                for (Future<Set<Long>> result : results) {
                    Set<Long> given = result.get(60, TimeUnit.SECONDS);
                    assertThat(all).doesNotContainAnyElementsOf(given);
                    all.addAll(given);
                }
                assertThat(all).hasSize(total);
                for (RawImapClient idler : idlers) {
                    List<String> told = idler.readUntil(line -> line.equals("* " + total + " EXISTS"), Duration.ofSeconds(20));
                    assertThat(told).allMatch(line -> EXISTS.matcher(line).matches() || line.matches("\\* \\d+ RECENT"));
                    idler.write("DONE\r\n");
                    List<String> done = idler.readUntilTagged("i");
                    assertThat(done).as("no message beyond the stored ones").noneMatch(line -> EXISTS.matcher(line).matches());
                    assertThat(uids(idler)).containsExactlyElementsOf(all);
                }
            } finally {
                pool.shutdownNow();
                for (RawImapClient idler : idlers) {
                    idler.close();
                }
            }
        }
    }

    @Test
    void appendOfALiteral8KeepsNulOctets() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            assertThat(client.command("CAPABILITY").get(0)).contains(" BINARY");
            ok(client.command("CREATE bin"));
            String binary = "From: a@b.c\r\nSubject: nul\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: binary\r\n\r\nab\u0000cd\u0000\r\n";
            List<String> single = ok(client.command("APPEND bin ~{" + binary.length() + "+}\r\n" + binary));
            assertThat(appendUids(single)).containsExactly(1L);
            List<String> mixed = ok(client.command("APPEND bin ~{" + binary.length() + "+}\r\n" + binary
                + " " + literalPlus(message("text"))));
            assertThat(appendUids(mixed)).containsExactly(2L, 3L);
            ok(client.command("SELECT bin"));
            String body = ok(client.command("FETCH 1:2 (BODY.PEEK[TEXT])")).get(0);
            assertThat(body).contains("ab\u0000cd\u0000");
            ok(client.command("NOOP"));
        }
    }

    @Test
    void replaceAppendsThenExpungesTheReplacedMessage() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            assertThat(client.command("CAPABILITY").get(0)).contains(" REPLACE");
            ok(client.command("CREATE draft"));
            ok(client.command("CREATE other"));
            ok(client.command(multiAppend("draft", "v1", "keep")));
            ok(client.command("SELECT draft"));

            List<String> replace = ok(client.command("REPLACE 1 draft (\\Seen $Draft) " + literalPlus(message("v2"))));
            assertThat(replace.get(0)).matches("\\* OK \\[APPENDUID \\d+ 3].*");
            assertThat(replace).as(replace.toString()).contains("* 1 EXPUNGE").anyMatch(line -> EXISTS.matcher(line).matches());
            assertThat(uids(client)).containsExactly(2L, 3L);
            assertThat(ok(client.command("UID FETCH 3 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")).get(0))
                .contains("\\Seen").contains("$Draft").contains("Subject: v2");

            List<String> elsewhere = ok(client.command("UID REPLACE 3 other " + literalPlus(message("v3"))));
            assertThat(elsewhere.get(0)).matches("\\* OK \\[APPENDUID \\d+ 1].*");
            assertThat(elsewhere).contains("* 2 EXPUNGE");
            assertThat(uids(client)).containsExactly(2L);
            assertThat(client.command("STATUS other (MESSAGES)").get(0)).contains("MESSAGES 1");
        }
    }

    @Test
    void replaceOfAMissingMessageOrIntoAMissingMailboxKeepsEverything() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            List<String> unselected = client.command("REPLACE 1 INBOX " + literalPlus(message("x")));
            assertThat(RawImapClient.last(unselected)).matches("a\\d+ (NO|BAD).*");
            ok(client.command(multiAppend("INBOX", "a", "b")));
            ok(client.command("SELECT INBOX"));
            assertThat(RawImapClient.last(client.command("REPLACE 3 INBOX " + literalPlus(message("x"))))).matches("a\\d+ NO.*");
            assertThat(RawImapClient.last(client.command("UID REPLACE 7 INBOX " + literalPlus(message("x"))))).matches("a\\d+ NO.*");
            assertThat(RawImapClient.last(client.command("REPLACE 1 nowhere " + literalPlus(message("x")))))
                .matches("a\\d+ NO \\[TRYCREATE].*");
            assertThat(RawImapClient.last(client.command("REPLACE 1 INBOX"))).matches("a\\d+ BAD.*");
            assertThat(RawImapClient.last(client.command("REPLACE x INBOX " + literalPlus(message("x"))))).matches("a\\d+ BAD.*");
            assertThat(uids(client)).containsExactly(1L, 2L);
            assertThat(client.command("STATUS INBOX (MESSAGES)").get(0)).contains("MESSAGES 2");
        }
    }
}
