package io.syncstore.imap.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.Test;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.RawImapClient;

/**
 * THREAD (RFC 5256) on the wire. The corpus (test resources thread/thread-1.eml .. thread-16.eml) has missing,
 * duplicate, looping and malformed References, In-Reply-To alone, a message without Date, and Re:/Fwd:/[fwd: ...]/
 * (fwd) subjects; the expected answers are Dovecot 2.3's for the same mailbox (also compared by the differential
 * script {@code thread-references} of integration-tests). Each server's test class extends it.
 */
public abstract class ThreadContract extends ImapServerContract {
    protected static final String DOMAIN = "thread.test";
    private static final int CORPUS = 16;
    private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID \\d+ (\\d+)]");

    public static void useServer(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, DOMAIN);
    }

    @Test
    void everyAlgorithmIsAdvertised() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            assertThat(client.command("CAPABILITY").get(0))
                .contains(" THREAD=ORDEREDSUBJECT").contains(" THREAD=REFERENCES").contains(" THREAD=REFS");
        }
    }

    @Test
    void referencesLinksRepliesPrunesDummiesAndMergesSubjects() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            corpus(client, "refs", 0);
            assertThat(client.command("THREAD REFERENCES UTF-8 ALL").get(0))
                .isEqualTo("* THREAD (1 (4)(2 3 15 16)(14))(6 (12)(5))(7 8)((10)(9)(11))(13)");
        }
    }

    @Test
    void refsKeepsSubjectsApartAndOrdersThreadsByTheirLatestMessage() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            corpus(client, "refs2", 0);
            assertThat(client.command("THREAD REFS UTF-8 ALL").get(0))
                .isEqualTo("* THREAD (12)(5)(6)(7 8)((10)(9))(11)(14)(1 (4)(2 3 15 16))(13)");
        }
    }

    @Test
    void orderedSubjectGroupsByBaseSubject() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            corpus(client, "subjects", 0);
            assertThat(client.command("THREAD ORDEREDSUBJECT UTF-8 ALL").get(0))
                .isEqualTo("* THREAD (12 (5)(6))(4 (1)(2)(3)(14)(15))(7 8)(10 (9)(11))(16)(13)");
        }
    }

    /** UIDs are sequence numbers + 1 here; without its root (1) and 3, the Meeting thread hangs under a dummy. */
    @Test
    void uidThreadWithASearchKeyThreadsOnlyTheMatches() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            corpus(client, "uids", 1);
            assertThat(client.command("UID THREAD REFERENCES UTF-8 NOT FROM ann").get(0))
                .isEqualTo("* THREAD ((5)(3)(15)(16 17))(7 (13)(6))(8 9)((11)(10)(12))(14)");
            assertThat(client.command("THREAD REFERENCES UTF-8 NOT FROM ann").get(0))
                .isEqualTo("* THREAD ((4)(2)(14)(15 16))(6 (12)(5))(7 8)((10)(9)(11))(13)");
            assertThat(client.command("UID THREAD REFS US-ASCII SUBJECT plan").get(0)).isEqualTo("* THREAD ((11)(10))(12)");
            assertThat(client.command("THREAD REFERENCES UTF-8 SUBJECT plan").get(0)).isEqualTo("* THREAD ((10)(9)(11))");
            assertThat(client.command("THREAD ORDEREDSUBJECT UTF-8 SUBJECT nothingmatches").get(0)).isEqualTo("* THREAD");
        }
    }

    /** RFC 5256 §4's example answer, "(2)(3 6 (4 23)(44 7 96))", from messages whose References make it. */
    @Test
    void theRfcExampleThreadList() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            ok(client.command("CREATE rfc"));
            StringBuilder pipelined = new StringBuilder();
            for (int n = 1; n <= 96; n++) {
                String message = "From: n" + n + "@x.org\r\nSubject: message " + n + "\r\nMessage-ID: <" + n + "@x.org>\r\n"
                    + String.format("Date: Mon, 02 Jan 2023 %02d:%02d:00 +0000\r\n", n / 60, n % 60)
                    + rfcExampleReferences(n) + "\r\nbody " + n + "\r\n";
                pipelined.append("p").append(n).append(" APPEND rfc ").append(literalPlus(message)).append("\r\n");
            }
            client.write(pipelined.toString());
            client.readUntilTagged("p96");
            ok(client.command("SELECT rfc"));
            String example = "* THREAD (2)(3 6 (4 23)(44 7 96))";
            assertThat(client.command("THREAD REFERENCES UTF-8 2:4,6,7,23,44,96").get(0)).isEqualTo(example);
            assertThat(client.command("THREAD REFS UTF-8 2:4,6,7,23,44,96").get(0)).isEqualTo(example);
            assertThat(client.command("UID THREAD REFERENCES UTF-8 UID 2:4,6,7,23,44,96").get(0)).isEqualTo(example);
        }
    }

    private static String rfcExampleReferences(int n) {
        switch (n) {
            case 6: return "References: <3@x.org>\r\n";
            case 4: case 44: return "References: <3@x.org> <6@x.org>\r\n";
            case 23: return "References: <3@x.org> <6@x.org> <4@x.org>\r\n";
            case 7: return "References: <3@x.org> <6@x.org> <44@x.org>\r\n";
            case 96: return "References: <3@x.org> <6@x.org> <44@x.org> <7@x.org>\r\n";
            default: return "";
        }
    }

    @Test
    void anEmptyMailboxHasNoThreads() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            ok(client.command("CREATE empty"));
            ok(client.command("SELECT empty"));
            for (String algorithm : List.of("ORDEREDSUBJECT", "REFERENCES", "REFS")) {
                List<String> answer = ok(client.command("THREAD " + algorithm + " UTF-8 ALL"));
                assertThat(answer.get(0)).isEqualTo("* THREAD");
                assertThat(ok(client.command("UID THREAD " + algorithm + " UTF-8 ALL")).get(0)).isEqualTo("* THREAD");
            }
        }
    }

    @Test
    void badThreadCommandsAreRefusedAndTheConnectionStays() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            ok(client.command("CREATE bad"));
            assertThat(RawImapClient.last(client.command("THREAD REFERENCES UTF-8 ALL"))).matches("a\\d+ (BAD|NO) .*");
            ok(client.command("SELECT bad"));
            assertThat(RawImapClient.last(client.command("THREAD NOSUCH UTF-8 ALL"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("THREAD REFS"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("THREAD REFERENCES UTF-8"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("THREAD REFERENCES UTF-8 NOSUCHKEY"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("THREAD (REFERENCES) UTF-8 ALL"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("THREAD REFERENCES X-NOPE ALL"))).matches("a\\d+ NO \\[BADCHARSET.*");
            assertThat(ok(client.command("THREAD REFERENCES UTF-8 ALL")).get(0)).isEqualTo("* THREAD");
        }
    }

    /**
     * THREAD ALL names what another connection changed: a message appended, told first (EXISTS); one expunged, left
     * out, and the messages after it renumbered once the client was told (EXPUNGE).
     */
    @Test
    void threadAllTellsAndNamesWhatAnotherConnectionChanged() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user); RawImapClient other = connect(user)) {
            corpus(client, "shared", 0);
            ok(other.command("APPEND shared " + literalPlus("Date: 1 Jan 2030 00:00:00 +0000\r\nSubject: Late\r\n\r\nx\r\n")));
            List<String> withAppended = ok(client.command("THREAD ORDEREDSUBJECT UTF-8 ALL"));
            assertThat(withAppended.indexOf("* 17 EXISTS")).isNotNegative()
                .isLessThan(withAppended.indexOf(threadOf(withAppended)));
            assertThat(threadOf(withAppended))
                .isEqualTo("* THREAD (12 (5)(6))(4 (1)(2)(3)(14)(15))(7 8)(10 (9)(11))(16)(13)(17)");

            ok(other.command("SELECT shared"));
            ok(other.command("UID STORE 16 +FLAGS.SILENT (\\Deleted)"));
            ok(other.command("UID EXPUNGE 16"));
            // the expunge reaches this connection's view by an event: told now or at a later command
            List<String> told = new ArrayList<>(ok(client.command("UID THREAD ORDEREDSUBJECT UTF-8 ALL")));
            assertThat(threadOf(told)).isEqualTo("* THREAD (12 (5)(6))(4 (1)(2)(3)(14)(15))(7 8)(10 (9)(11))(13)(17)");
            for (int i = 0; i < 100 && !told.contains("* 16 EXPUNGE"); i++) {
                told.addAll(ok(client.command("NOOP")));
            }
            assertThat(told).contains("* 16 EXPUNGE");
            assertThat(threadLine(client, "THREAD ORDEREDSUBJECT UTF-8 ALL"))
                .isEqualTo("* THREAD (12 (5)(6))(4 (1)(2)(3)(14)(15))(7 8)(10 (9)(11))(13)(16)");
        }
    }

    /**
     * Four connections THREAD the corpus (UIDs 1..16) while two others APPEND and EXPUNGE messages after it in the
     * same mailbox, five rounds: every THREAD completes with the corpus' threads.
     */
    @Test
    void threadsWhileOthersAppendAndExpungeAnswerAlike() throws Exception {
        String user = newUser();
        try (RawImapClient setup = connect(user)) {
            corpus(setup, "busy", 0);
        }
        for (int round = 0; round < 5; round++) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<List<String>>> threaders = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    threaders.add(pool.submit(() -> threadRepeatedly(user)));
                }
                List<Future<Void>> writers = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> appendAndExpunge(user, writer)));
                }
                for (Future<Void> writer : writers) {
                    writer.get(120, TimeUnit.SECONDS);
                }
                for (Future<List<String>> threader : threaders) {
                    assertThat(threader.get(120, TimeUnit.SECONDS)).hasSize(30).containsOnly(
                        "* THREAD (1 (4)(2 3 15 16)(14))(6 (12)(5))(7 8)((10)(9)(11))(13)",
                        "* THREAD (12)(5)(6)(7 8)((10)(9))(11)(14)(1 (4)(2 3 15 16))(13)",
                        "* THREAD (12 (5)(6))(4 (1)(2)(3)(14)(15))(7 8)(10 (9)(11))(16)(13)");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static List<String> threadRepeatedly(String user) throws IOException {
        List<String> answers = new ArrayList<>();
        try (RawImapClient client = connect(user)) {
            ok(client.command("SELECT busy"));
            for (int i = 0; i < 10; i++) {
                answers.add(threadLine(client, "UID THREAD REFERENCES UTF-8 UID 1:" + CORPUS));
                answers.add(threadLine(client, "THREAD REFS UTF-8 1:" + CORPUS));
                answers.add(threadLine(client, "UID THREAD ORDEREDSUBJECT UTF-8 UID 1:" + CORPUS));
            }
        }
        return answers;
    }

    /** The THREAD line of a command that succeeded; unsolicited EXISTS/EXPUNGE may come before it. */
    private static String threadLine(RawImapClient client, String command) throws IOException {
        return threadOf(ok(client.command(command)));
    }

    private static String threadOf(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("* THREAD")).findFirst().orElse(lines.toString());
    }

    private static Void appendAndExpunge(String user, int writer) throws IOException {
        try (RawImapClient client = connect(user)) {
            ok(client.command("SELECT busy"));
            for (int i = 0; i < 8; i++) {
                String appended = RawImapClient.last(ok(client.command("APPEND busy " + literalPlus("From: w@x.org\r\n"
                    + "Subject: Re: Meeting\r\nMessage-ID: <w" + writer + "-" + i + "@x.org>\r\nReferences: <a@x.org>\r\n"
                    + "\r\nnoise\r\n"))));
                Matcher uid = APPENDUID.matcher(appended);
                assertThat(uid.find()).as(appended).isTrue();
                // its own message only: "UID STORE 17:*" would name 16 once the others are gone
                ok(client.command("UID STORE " + uid.group(1) + " +FLAGS.SILENT (\\Deleted)"));
                ok(client.command("UID EXPUNGE " + uid.group(1)));
            }
        }
        return null;
    }

    /** The corpus in a new mailbox, selected; after {@code expunged} messages stored and expunged first. */
    private static void corpus(RawImapClient client, String mailbox, int expunged) throws IOException {
        ok(client.command("CREATE " + mailbox));
        for (int i = 0; i < expunged; i++) {
            ok(client.command("APPEND " + mailbox + " " + literalPlus("Subject: gone\r\n\r\nx\r\n")));
        }
        if (expunged > 0) {
            ok(client.command("SELECT " + mailbox));
            ok(client.command("STORE 1:* +FLAGS.SILENT (\\Deleted)"));
            ok(client.command("EXPUNGE"));
        }
        for (int n = 1; n <= CORPUS; n++) {
            ok(client.command(String.format("APPEND %s \"%02d-Jan-2023 00:00:00 +0000\" %s", mailbox, n,
                literalPlus(resource("thread/thread-" + n + ".eml")))));
        }
        ok(client.command("SELECT " + mailbox));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ThreadContract.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("\r?\n", "\r\n");
        }
    }

    private static String literalPlus(String message) {
        return "{" + message.getBytes(StandardCharsets.UTF_8).length + "+}\r\n" + message;
    }
}
