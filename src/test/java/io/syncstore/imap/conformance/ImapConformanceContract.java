package io.syncstore.imap.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.Test;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.RawImapClient;

/**
 * IMAP conformance fixes (issue 7) on the wire: a real server started in-process with SyncStore's IMAP package and
 * SyncStore's IMAP server module (command framing), driven by raw connections. Each server's test class extends it.
 */
public abstract class ImapConformanceContract extends ImapServerContract {
    protected static final String DOMAIN = "conformance.test";
    private static final Pattern TAGGED = Pattern.compile("^(a\\d+|p\\d+) (OK|NO|BAD).*");

    public static void useServer(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, DOMAIN);
    }

    protected static String literalPlus(String message) {
        return "{" + message.getBytes(StandardCharsets.UTF_8).length + "+}\r\n" + message;
    }

    protected static String message(String subject) {
        return "From: a@b.c\r\nSubject: " + subject + "\r\n\r\nbody of " + subject + "\r\n";
    }

    protected static void append(RawImapClient client, String mailbox, String message) throws IOException {
        ok(client.command("APPEND " + mailbox + " " + literalPlus(message)));
    }

    /** Reads responses until the tagged response of {@code lastTag}. */
    protected static List<String> readThrough(RawImapClient client, String lastTag) throws IOException {
        return client.readUntilTagged(lastTag);
    }

    protected static List<String> tagged(List<String> lines) {
        return lines.stream().filter(line -> TAGGED.matcher(line).matches()).collect(Collectors.toList());
    }

    @Test
    void commandsPipelinedWithLiteralPlusAppendsRunOnceEachInOrder() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE pipe"));
            client.write("p1 APPEND pipe " + literalPlus(message("one")) + "\r\n"
                + "p2 SELECT pipe\r\n"
                + "p3 STORE 1 +FLAGS (\\Deleted)\r\n"
                + "p4 EXPUNGE\r\n"
                + "p5 APPEND pipe " + literalPlus(message("two")) + "\r\n"
                + "p6 APPEND pipe " + literalPlus(message("three")) + "\r\n"
                + "p7 STORE 1 +FLAGS (\\Flagged)\r\n"
                + "p8 FETCH 1:* (UID FLAGS)\r\n"
                + "p9 NOOP\r\n");
            List<String> lines = readThrough(client, "p9");
            List<String> tags = tagged(lines).stream().map(line -> line.split(" ")[0]).collect(Collectors.toList());
            assertThat(tags).as(lines.toString()).containsExactly("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9");
            assertThat(tagged(lines)).as(lines.toString()).allMatch(line -> line.split(" ")[1].equals("OK"));
            assertThat(lines.stream().filter(line -> line.matches("\\* \\d+ EXPUNGE"))).as(lines.toString()).hasSize(1);
            assertThat(lines.stream().filter(line -> line.matches("\\* \\d+ FETCH \\(.*UID.*"))).as(lines.toString())
                .hasSize(2);
            // nothing is executed again afterwards
            assertThat(client.readQuietly(Duration.ofMillis(700))).isEmpty();
            List<String> status = client.command("STATUS pipe (MESSAGES UIDNEXT)");
            assertThat(status.get(0)).contains("MESSAGES 2").contains("UIDNEXT 4");
        }
    }

    @Test
    void manyPipelinedCommandsAnsweredOnceEachInOrder() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE many"));
            StringBuilder write = new StringBuilder("p0 SELECT many\r\n");
            for (int i = 1; i <= 40; i++) {
                write.append(i % 4 == 0 ? "p" + i + " APPEND many " + literalPlus(message("m" + i)) + "\r\n" : "p" + i + " NOOP\r\n");
            }
            client.write(write.toString());
            List<String> lines = readThrough(client, "p40");
            List<String> tags = tagged(lines).stream().map(line -> line.split(" ")[0]).collect(Collectors.toList());
            List<String> expected = new ArrayList<>();
            for (int i = 0; i <= 40; i++) {
                expected.add("p" + i);
            }
            assertThat(tags).as(lines.toString()).containsExactlyElementsOf(expected);
            assertThat(client.command("STATUS many (MESSAGES)").get(0)).contains("MESSAGES 10");
        }
    }

    @Test
    void literalsAcrossWritesContinuationOnlyForSynchronizingOnes() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            String big = "Subject: big\r\n\r\n" + "x".repeat(200_000) + "\r\n";
            client.write("p1 APPEND INBOX {" + big.length() + "+}\r\n");
            assertThat(client.readQuietly(Duration.ofMillis(500))).as("no continuation for LITERAL+").isEmpty();
            client.write(big.substring(0, 100_000));
            client.write(big.substring(100_000) + "\r\n");
            assertThat(tagged(readThrough(client, "p1"))).singleElement().asString().startsWith("p1 OK");

            String small = message("sync");
            client.write("p2 APPEND INBOX {" + small.length() + "}\r\n");
            assertThat(client.readResponse()).startsWith("+");
            client.write(small + "\r\n");
            assertThat(tagged(readThrough(client, "p2"))).singleElement().asString().startsWith("p2 OK");
            assertThat(client.command("STATUS INBOX (MESSAGES)").get(0)).contains("MESSAGES 2");
        }
    }

    @Test
    void commandsPipelinedAfterLoginAndSelectRunInTheirState() throws Exception {
        String user = newUser();
        try (RawImapClient client = new RawImapClient(port)) {
            client.write("p1 LOGIN " + user + " " + PASSWORD + "\r\np2 CREATE after\r\np3 SELECT after\r\np4 CHECK\r\np5 NOOP\r\n");
            List<String> lines = readThrough(client, "p5");
            assertThat(tagged(lines)).as(lines.toString()).hasSize(5).allMatch(line -> line.split(" ")[1].equals("OK"));
        }
    }

    @Test
    void mailboxNameThatIsNotModifiedUtf7IsRefusedAndTheConnectionStays() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            List<String> select = client.command("SELECT \"!#$&'+,-.0123456789:;<=>?@^_`|}\"");
            assertThat(RawImapClient.last(select)).matches("a\\d+ NO .*");
            assertThat(RawImapClient.last(client.command("CREATE \"&Jjo\""))).matches("a\\d+ NO .*");
            ok(client.command("NOOP"));
            ok(client.command("CREATE \"!#$&-'+,-0123456789:;<=>?@^_`|}\""));
            ok(client.command("SELECT \"!#$&-'+,-0123456789:;<=>?@^_`|}\""));
        }
    }

    @Test
    void moveSendsCopyUidWithSourceUidsBeforeTheExpunges() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE src"));
            ok(client.command("CREATE dst"));
            for (int i = 1; i <= 3; i++) {
                append(client, "src", message("m" + i));
            }
            ok(client.command("SELECT src"));
            ok(client.command("STORE 1 +FLAGS (\\Deleted)"));
            ok(client.command("EXPUNGE"));
            // now message 1 has UID 2, message 2 UID 3
            List<String> copy = client.command("COPY 1 dst");
            assertThat(RawImapClient.last(copy)).matches("a\\d+ OK \\[COPYUID \\d+ 2 1\\].*");

            List<String> move = client.command("MOVE 2 dst");
            int copyUid = indexOf(move, "\\* OK \\[COPYUID \\d+ 3 2\\].*");
            int expunge = indexOf(move, "\\* 2 EXPUNGE");
            assertThat(copyUid).as(move.toString()).isGreaterThanOrEqualTo(0);
            assertThat(expunge).as(move.toString()).isGreaterThan(copyUid);
            assertThat(RawImapClient.last(move)).as(move.toString()).doesNotContain("COPYUID").matches("a\\d+ OK.*");

            List<String> uidMove = client.command("UID MOVE 2 dst");
            assertThat(uidMove.get(0)).as(uidMove.toString()).matches("\\* OK \\[COPYUID \\d+ 2 3\\].*");
            assertThat(uidMove.get(1)).isEqualTo("* 1 EXPUNGE");
        }
    }

    /** RFC 3501 §6.4.4: case-insensitive substring matching of decoded text; CHARSET; an unknown one is BADCHARSET. */
    @Test
    void searchMatchesDecodedSubstringsInAnyCase() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE find"));
            append(client, "find", "From: =?UTF-8?Q?J=C3=B6rg_M=C3=BCller?= <jm@x.de>\r\n"
                + "Subject: =?UTF-8?Q?Quarterly_R=C3=A9port?=\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "TWVldGluZyBpbiBaw7xyaWNoIHRvbW9ycm93Cg==\r\n");
            append(client, "find", "From: a@b.c\r\nSubject: lunch\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "supp=\r\nort ticket\r\n");
            ok(client.command("SELECT find"));
            assertThat(client.command("SEARCH SUBJECT PORT").get(0)).isEqualTo("* SEARCH 1");
            assertThat(client.command("SEARCH BODY zurich").get(0)).isEqualTo("* SEARCH");
            assertThat(client.command("SEARCH CHARSET UTF-8 BODY " + literalPlus("IN ZÜR")).get(0)).isEqualTo("* SEARCH 1");
            assertThat(client.command("SEARCH BODY support").get(0)).isEqualTo("* SEARCH 2");
            assertThat(client.command("SEARCH TEXT port").get(0)).isEqualTo("* SEARCH 1 2");
            assertThat(client.command("SEARCH CHARSET UTF-8 FROM " + literalPlus("müll")).get(0)).isEqualTo("* SEARCH 1");
            assertThat(client.command("SEARCH CHARSET UTF-8 SUBJECT " + literalPlus("RÉPORT")).get(0)).isEqualTo("* SEARCH 1");
            assertThat(client.command("SEARCH NOT BODY tomorrow OR SUBJECT lu FROM jm@").get(0)).isEqualTo("* SEARCH 2");
            assertThat(RawImapClient.last(client.command("SEARCH CHARSET X-NOPE SUBJECT a"))).matches("a\\d+ NO \\[BADCHARSET.*");
        }
    }

    /** Header text and words beyond what SyncStore's index takes (docs/search.md): such a message is checked whole. */
    @Test
    void searchFindsMessagesWhoseHeaderGoesBeyondTheIndex() throws Exception {
        String user = newUser();
        String longField = java.util.stream.IntStream.range(0, 12_000)
            .mapToObj(i -> Long.toString(i * 1_000_003L + 7_777_777L, 36)).collect(Collectors.joining("\r\n "));
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE beyond"));
            append(client, "beyond", "Subject: tokens\r\nX-Data: " + longField + " zanzibar\r\n"
                + "From: Ann <ann@example.org>\r\n\r\nplain\r\n");
            append(client, "beyond", "From: Bob <bob@example.org>\r\nSubject: zanzibar trip\r\n\r\nnothing\r\n");
            ok(client.command("SELECT beyond"));
            assertThat(client.command("SEARCH FROM ann").get(0)).isEqualTo("* SEARCH 1");
            assertThat(client.command("SEARCH HEADER X-Data ZANZIBAR").get(0)).isEqualTo("* SEARCH 1");
            assertThat(client.command("SEARCH SUBJECT tokens").get(0)).isEqualTo("* SEARCH 1");
            assertThat(client.command("SEARCH TEXT zanzibar").get(0)).isEqualTo("* SEARCH 1 2");
            assertThat(client.command("SEARCH NOT TEXT zanzibar").get(0)).isEqualTo("* SEARCH");
            assertThat(client.command("SEARCH BODY zanzibar").get(0)).isEqualTo("* SEARCH");
            assertThat(client.command("SEARCH OR FROM ann SUBJECT trip").get(0)).isEqualTo("* SEARCH 1 2");
        }
    }

    @Test
    void envelopeKeepsDisplayNamesCommentsAndGroups() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE env"));
            append(client, "env", "From: user@domain (Real Name)\r\n"
                + "Sender: \"Real Name\" <user@domain>\r\n"
                + "Reply-To: \"Doe, John\" <jd@x.org>\r\n"
                + "To: Friends: a@b.c, \"X Y\" <x@y.z>;, =?UTF-8?Q?J=C3=B6rg?= <j@x.de>\r\n"
                + "Cc: undisclosed-recipients:;, noat\r\n"
                + "Subject: env\r\n\r\nbody\r\n");
            ok(client.command("SELECT env"));
            List<String> fetch = client.command("FETCH 1 (ENVELOPE)");
            ok(fetch);
            assertThat(fetch.get(0)).isEqualTo("* 1 FETCH (ENVELOPE (NIL \"env\""
                + " ((\"Real Name\" NIL \"user\" \"domain\"))"
                + " ((\"Real Name\" NIL \"user\" \"domain\"))"
                + " ((\"Doe, John\" NIL \"jd\" \"x.org\"))"
                + " ((NIL NIL \"Friends\" NIL)(NIL NIL \"a\" \"b.c\")(\"X Y\" NIL \"x\" \"y.z\")(NIL NIL NIL NIL)"
                + "(\"=?UTF-8?Q?J=C3=B6rg?=\" NIL \"j\" \"x.de\"))"
                + " ((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)(NIL NIL \"noat\" \"MISSING_DOMAIN\"))"
                + " NIL NIL NIL))");
        }
    }

    @Test
    void listWithSeveralPatterns() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE alpha"));
            ok(client.command("CREATE alpha2"));
            ok(client.command("CREATE beta"));
            List<String> list = client.command("LIST \"\" (alph* beta alpha)");
            ok(list);
            assertThat(list.stream().filter(line -> line.startsWith("* LIST")).map(line -> line.substring(line.lastIndexOf(' ') + 1)))
                .as(list.toString()).containsExactlyInAnyOrder("\"alpha\"", "\"alpha2\"", "\"beta\"");
            assertThat(RawImapClient.last(client.command("LIST \"\" ()"))).matches("a\\d+ BAD.*");
        }
    }

    @Test
    void severalSectionsOfOnePartInOneFetch() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE parts"));
            append(client, "parts", "From: a@b.c\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nfirst\r\n"
                + "--b\r\nContent-Type: message/rfc822\r\n\r\n"
                + "From: inner@x.org\r\nSubject: inner\r\n\r\ninner body\r\n"
                + "--b--\r\n");
            ok(client.command("SELECT parts"));
            List<String> fetch = client.command("FETCH 1 (BODY.PEEK[2] BODY.PEEK[2.MIME] BODY.PEEK[2.HEADER] BODY.PEEK[2.TEXT])");
            ok(fetch);
            String response = fetch.get(0);
            assertThat(response).contains("BODY[2.MIME] {32}\r\nContent-Type: message/rfc822\r\n\r\n");
            assertThat(response).contains("BODY[2.HEADER] {37}\r\nFrom: inner@x.org\r\nSubject: inner\r\n\r\n");
            assertThat(response).contains("BODY[2.TEXT] {10}\r\ninner body");
            assertThat(response).contains("BODY[2] {47}\r\nFrom: inner@x.org\r\nSubject: inner\r\n\r\ninner body");
        }
    }

    private static final String RFC822_BODY = "From: wrapper@x.org\r\nSubject: wrapper\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: message/rfc822\r\n\r\n"
        + "From: orig@y.org\r\nTo: bob@y.org\r\nSubject: original\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
        + "--alt\r\nContent-Type: text/plain\r\n\r\nplain\r\n--alt\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n"
        + "--alt--\r\n";
    private static final String RFC822_TWICE = "From: outer@x.org\r\nSubject: outer\r\nContent-Type: message/rfc822\r\n\r\n"
        + "From: middle@x.org\r\nSubject: middle\r\nContent-Type: message/rfc822\r\n\r\n"
        + "From: inner@x.org\r\nSubject: inner\r\n\r\ninnermost text\r\n";

    /** Issue 12: sections of a message whose body is a message/rfc822 part, once and twice nested, as Dovecot. */
    @Test
    void sectionsOfAMessageWhoseBodyIsAMessage() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE wrapped"));
            append(client, "wrapped", RFC822_BODY);
            append(client, "wrapped", RFC822_TWICE);
            ok(client.command("SELECT wrapped"));
            String first = single(client.command("FETCH 1 (BODY.PEEK[1.TEXT] BODY.PEEK[1.HEADER.FIELDS.NOT (From Subject)] "
                + "BODY.PEEK[1.MIME] BODY.PEEK[1.1] BODY.PEEK[1.2.MIME])"));
            assertThat(first).contains("BODY[1.TEXT] {98}\r\n--alt\r\nContent-Type: text/plain\r\n\r\nplain\r\n--alt");
            assertThat(first).contains("BODY[1.HEADER.FIELDS.NOT (FROM SUBJECT)] {89}\r\nTo: bob@y.org\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n");
            assertThat(first).contains("BODY[1.MIME] {90}\r\nFrom: wrapper@x.org\r\n");
            assertThat(first).contains("BODY[1.1] {5}\r\nplain");
            assertThat(first).contains("BODY[1.2.MIME] {27}\r\nContent-Type: text/html\r\n\r\n");
            String second = single(client.command("FETCH 2 (BODY.PEEK[1.1.TEXT] BODY.PEEK[1.1.HEADER] BODY.PEEK[1.1.MIME])"));
            assertThat(second).contains("BODY[1.1.TEXT] {16}\r\ninnermost text\r\n");
            assertThat(second).contains("BODY[1.1.HEADER] {37}\r\nFrom: inner@x.org\r\nSubject: inner\r\n\r\n");
            assertThat(second).contains("BODY[1.1.MIME] {69}\r\nFrom: middle@x.org\r\n");
        }
    }

    /**
     * Issue 13: a message/global part (RFC 6532 §3.7) holds a message whose sections are numbered through it as
     * through message/rfc822 (RFC 9051 §6.4.5); a transfer-encoded one (RFC 6532 §3.5 allows it) is a leaf, as any
     * other encoded part. (Its BODYSTRUCTURE: Imap4Rev2Contract.messageGlobalIsDescribedAsAMessageOnImap4rev2.)
     */
    @Test
    void messageGlobalSectionsAreNumberedAsMessageRfc822s() throws Exception {
        String user = newUser();
        String encoded = "From: wrapper@x.org\r\nSubject: wrapper\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: message/global\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + "RnJvbTogaW5uZXJAeC5vcmcNClN1YmplY3Q6IGlubmVyDQoNCmlubmVyIGJvZHkNCg==\r\n";
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE global"));
            append(client, "global", RFC822_BODY);
            append(client, "global", RFC822_BODY.replace("message/rfc822", "message/global"));
            append(client, "global", encoded.replace("message/global", "application/octet-stream"));
            append(client, "global", encoded);
            ok(client.command("SELECT global"));
            String sections = "BODY.PEEK[1] BODY.PEEK[1.HEADER] BODY.PEEK[1.TEXT] BODY.PEEK[1.1] BODY.PEEK[1.2.MIME]";
            String rfc822 = fetched(client, 1, sections);
            assertThat(rfc822).contains("body[1.1] {5}\r\nplain").contains("body[1.2.mime] {27}\r\ncontent-type: text/html");
            assertThat(fetched(client, 2, sections)).isEqualTo(rfc822);
            String leaf = fetched(client, 3, "BODY.PEEK[1]");
            assertThat(leaf).contains("body[1] {70}\r\nrnjvb");
            assertThat(fetched(client, 4, "BODY.PEEK[1]")).isEqualTo(leaf);
        }
    }

    /**
     * Issue 12: BINARY (RFC 3516) decodes, BINARY.SIZE counts the decoded octets, PREVIEW (RFC 8970) gives the text.
     * The \Seen-setting FETCH answers from a backend thread while its tagged OK came from the event loop: it once
     * overtook the FETCH line on the memory server ({@code EventLoopResponder}).
     */
    @Test
    void binaryAndPreview() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            assertThat(single(client.command("CAPABILITY"))).contains(" BINARY").contains(" PREVIEW");
            ok(client.command("CREATE binary"));
            append(client, "binary", "From: a@b.c\r\nSubject: binary\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "soft=\r\n break =3D  equals\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "AAECAwBoZWxsbwA=\r\n--b\r\nContent-Transfer-Encoding: x-unknown\r\n\r\nodd\r\n--b--\r\n");
            ok(client.command("SELECT binary"));
            String decoded = single(client.command("FETCH 1 (BINARY.PEEK[1] BINARY.SIZE[2] PREVIEW)"));
            assertThat(decoded).contains("BINARY[1] ~{20}\r\nsoft break =  equals").contains("BINARY.SIZE[2] 11")
                .contains("PREVIEW \"soft break = equals\"");
            String zeros = single(client.command("FETCH 1 (BINARY.PEEK[2])"));
            assertThat(zeros).contains("BINARY[2] ~{11}\r\n\u0000\u0001\u0002\u0003\u0000hello\u0000");
            assertThat(RawImapClient.last(client.command("FETCH 1 (BINARY.PEEK[3])"))).matches("a\\d+ NO \\[UNKNOWN-CTE].*");
            List<String> seen = client.command("FETCH 1 (BINARY[1]<0.4>)");
            assertThat(single(seen)).containsPattern("FLAGS \\([^)]*\\\\Seen").contains("BINARY[1]<0> ~{4}\r\nsoft");
        }
    }

    /** Issue 11: under EXAMINE, BODY[] and BINARY[] leave \Seen alone (RFC 3501 §6.3.2, §6.4.5); under SELECT they set it. */
    @Test
    void bodyFetchUnderExamineDoesNotSetSeen() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE examined"));
            append(client, "examined", message("read only"));
            ok(client.command("EXAMINE examined"));
            assertThat(single(client.command("FETCH 1 (BODY[])"))).contains("BODY[] {").doesNotContain("FLAGS");
            assertThat(single(client.command("FETCH 1 (BINARY[1])"))).contains("BINARY[1]").doesNotContain("FLAGS");
            assertThat(single(client.command("FETCH 1 (BODY[TEXT])"))).doesNotContain("FLAGS");
            assertThat(single(client.command("FETCH 1 (FLAGS)"))).doesNotContain("\\Seen");
            ok(client.command("SELECT examined"));
            assertThat(single(client.command("FETCH 1 (FLAGS)"))).doesNotContain("\\Seen");
            assertThat(single(client.command("FETCH 1 (BODY[])"))).containsPattern("FLAGS \\([^)]*\\\\Seen");
        }
    }

    /**
     * Issue 13: a UID set in an empty mailbox names no message, which is no error (RFC 9051 §6.4.8): UID FETCH, STORE,
     * COPY, MOVE, EXPUNGE and SEARCH answer OK with nothing, as Dovecot does. A device syncing a folder that another
     * device emptied sends exactly these.
     */
    @Test
    void uidCommandsInAnEmptyMailboxAnswerOkWithNothing() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE empty"));
            ok(client.command("CREATE elsewhere"));
            ok(client.command("SELECT empty"));
            for (String command : List.of("UID FETCH 1:* (FLAGS)", "UID STORE 1:* +FLAGS (\\Seen)", "UID STORE 3 FLAGS (x)",
                "UID COPY 1:* elsewhere", "UID MOVE 2,4 elsewhere", "UID EXPUNGE 1:*")) {
                assertThat(ok(client.command(command))).as(command).hasSize(1);
            }
            assertThat(ok(client.command("UID SEARCH UID 1:*"))).hasSize(2).first().isEqualTo("* SEARCH");
            assertThat(RawImapClient.last(client.command("FETCH 1:* (FLAGS)"))).matches("a\\d+ BAD.*");
            assertThat(RawImapClient.last(client.command("STORE 1 +FLAGS (\\Seen)"))).matches("a\\d+ BAD.*");
            // RFC 7162 §3.1: UNCHANGEDSINCE enables CONDSTORE, and the first enabling command is told the HIGHESTMODSEQ
            assertThat(ok(client.command("UID STORE 1:* (UNCHANGEDSINCE 7) +FLAGS (\\Seen)")).get(0))
                .matches("\\* OK \\[HIGHESTMODSEQ \\d+].*");
        }
    }

    /** RFC 5256 §3 and RFC 5957: every key, REVERSE, ties by sequence number, missing headers, base subjects. */
    @Test
    void sortOrdersByEveryKeyWithTiesInMailboxOrder() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            assertThat(client.command("CAPABILITY").get(0)).contains(" SORT ").contains(" SORT=DISPLAY").contains(" ESORT");
            ok(client.command("CREATE sorting"));
            appendSortable(client);
            ok(client.command("SELECT sorting"));
            // UIDs are 2..6: message n has UID n + 1
            assertThat(client.command("SORT (SUBJECT) UTF-8 ALL").get(0)).isEqualTo("* SORT 3 2 5 1 4");
            assertThat(client.command("SORT (REVERSE SUBJECT) UTF-8 ALL").get(0)).isEqualTo("* SORT 1 4 2 5 3");
            assertThat(client.command("SORT (FROM) UTF-8 ALL").get(0)).isEqualTo("* SORT 3 2 5 4 1");
            assertThat(client.command("SORT (DISPLAYFROM) UTF-8 ALL").get(0)).isEqualTo("* SORT 3 1 2 5 4");
            assertThat(client.command("SORT (TO) UTF-8 ALL").get(0)).isEqualTo("* SORT 2 3 5 4 1");
            assertThat(client.command("SORT (DISPLAYTO) UTF-8 ALL").get(0)).isEqualTo("* SORT 2 3 5 1 4");
            assertThat(client.command("SORT (REVERSE CC) UTF-8 ALL").get(0)).isEqualTo("* SORT 5 1 2 3 4");
            assertThat(client.command("SORT (DATE) UTF-8 ALL").get(0)).isEqualTo("* SORT 3 1 4 5 2");
            assertThat(client.command("SORT (ARRIVAL) US-ASCII ALL").get(0)).isEqualTo("* SORT 5 2 1 4 3");
            assertThat(client.command("SORT (SUBJECT REVERSE DATE) UTF-8 ALL").get(0)).isEqualTo("* SORT 3 2 5 1 4");
            assertThat(client.command("SORT (SIZE) UTF-8 ALL").get(0)).isEqualTo("* SORT 3 2 4 5 1");
            assertThat(client.command("SORT (REVERSE SIZE) UTF-8 ALL").get(0)).isEqualTo("* SORT 1 5 4 2 3");
            assertThat(client.command("sort (arrival) us-ascii NOT FROM bob").get(0)).isEqualTo("* SORT 2 1 4 3");
            assertThat(client.command("SORT (SUBJECT) UTF-8 SUBJECT " + literalPlus("nothing like it")).get(0))
                .isEqualTo("* SORT");
            assertThat(client.command("UID SORT (SUBJECT) UTF-8 ALL").get(0)).isEqualTo("* SORT 4 3 6 2 5");
            assertThat(client.command("UID SORT (DATE) UTF-8 UID 2:4").get(0)).isEqualTo("* SORT 4 2 3");
        }
    }

    /**
     * SORT by SUBJECT and by FROM order what COPY and MOVE bring into a mailbox, what APPEND adds before and after, and
     * forget what MOVE and EXPUNGE take out (SyncStore keeps these keys per mailbox entry, schema V26).
     */
    @Test
    void sortBySubjectAndFromFollowCopyMoveAppendAndExpunge() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE sorting"));
            ok(client.command("CREATE gathered"));
            appendSortable(client);
            appendAt(client, "gathered", "01-Feb-2023 00:00:00 +0000", "From: Mallory <m@x.org>\r\nSubject: Cherry\r\n\r\nx\r\n");
            ok(client.command("SELECT sorting"));
            ok(client.command("COPY 1:2 gathered"));
            ok(client.command("MOVE 4:5 gathered"));
            appendAt(client, "gathered", "02-Feb-2023 00:00:00 +0000", "From: Dave <dave@x.org>\r\nSubject: apricot\r\n\r\nx\r\n");

            // left: 1 BUDGET from zed, 2 APPLE from alice, 3 neither subject nor From
            assertThat(client.command("SORT (SUBJECT) UTF-8 ALL").get(0)).isEqualTo("* SORT 3 2 1");
            assertThat(client.command("SORT (REVERSE FROM) UTF-8 ALL").get(0)).isEqualTo("* SORT 1 2 3");
            assertThat(client.command("UID SORT (SUBJECT) UTF-8 ALL").get(0)).isEqualTo("* SORT 4 3 2");
            ok(client.command("SELECT gathered"));
            // 1 CHERRY from m, 2 BUDGET from zed, 3 APPLE from alice (copied), 4 BUDGET from c, 5 APPLE from bob (moved),
            // 6 APRICOT from dave
            assertThat(client.command("SORT (SUBJECT) UTF-8 ALL").get(0)).isEqualTo("* SORT 3 5 6 2 4 1");
            assertThat(client.command("SORT (REVERSE SUBJECT) UTF-8 ALL").get(0)).isEqualTo("* SORT 1 2 4 6 3 5");
            assertThat(client.command("SORT (FROM) UTF-8 ALL").get(0)).isEqualTo("* SORT 3 5 4 6 1 2");
            assertThat(client.command("SORT (FROM) UTF-8 NOT FROM bob").get(0)).isEqualTo("* SORT 3 4 6 1 2");
            ok(client.command("STORE 2 +FLAGS (\\Deleted)"));
            ok(client.command("EXPUNGE"));
            assertThat(client.command("SORT (SUBJECT) UTF-8 ALL").get(0)).isEqualTo("* SORT 2 4 5 3 1");
            assertThat(client.command("SORT (REVERSE FROM) UTF-8 ALL").get(0)).isEqualTo("* SORT 1 5 3 4 2");
        }
    }

    /**
     * RFC 3501 §7.4.1: SORT and THREAD by sequence number answer with numbers, so no EXPUNGE goes with them, whether
     * the search is ALL or not; the messages another connection expunged are left out, the others keep the numbers the
     * client knows until a command that may tell the EXPUNGE (NOOP) has.
     */
    @Test
    void sortAndThreadBySequenceNumberTellNoExpungeAndKeepTheNumbersTold() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user); RawImapClient other = connect(user)) {
            ok(client.command("CREATE told"));
            appendSortable(client, "told");
            ok(client.command("SELECT told"));
            ok(other.command("SELECT told"));
            ok(other.command("STORE 2,4 +FLAGS.SILENT (\\Deleted)"));
            ok(other.command("EXPUNGE"));
            // the expunge reaches this connection's view by an event: until then nothing is left out
            List<String> sorted = List.of();
            for (int i = 0; i < 100 && !sorted.contains("* SORT 5 1 3"); i++) {
                sorted = ok(client.command("SORT (ARRIVAL) UTF-8 ALL"));
                assertThat(sorted).as("SORT").noneMatch(line -> line.matches("\\* \\d+ EXPUNGE"))
                    .containsAnyOf("* SORT 5 2 1 4 3", "* SORT 5 1 3");
            }
            assertThat(sorted).contains("* SORT 5 1 3");
            for (String command : List.of("SORT (ARRIVAL) UTF-8 NOT FROM bob", "THREAD ORDEREDSUBJECT UTF-8 ALL",
                "THREAD REFERENCES UTF-8 NOT FROM bob", "SEARCH ALL", "FETCH 1:* (FLAGS)")) {
                assertThat(ok(client.command(command))).as(command).noneMatch(line -> line.matches("\\* \\d+ EXPUNGE"));
            }
            assertThat(client.command("SORT (ARRIVAL) UTF-8 NOT FROM bob").get(0)).isEqualTo("* SORT 1 3");
            assertThat(client.command("THREAD ORDEREDSUBJECT UTF-8 ALL").get(0)).isEqualTo("* THREAD (3)(1)(5)");
            assertThat(ok(client.command("NOOP"))).filteredOn(line -> line.matches("\\* \\d+ EXPUNGE")).hasSize(2);
            assertThat(client.command("SORT (ARRIVAL) UTF-8 ALL").get(0)).isEqualTo("* SORT 3 1 2");
        }
    }

    /** RFC 5267 §3.2: SORT RETURN answers with ESEARCH, MIN and MAX the first and last in sort order. */
    @Test
    void esortAnswersInSortOrder() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE esort"));
            appendSortable(client, "esort");
            ok(client.command("SELECT esort"));
            List<String> all = client.command("SORT RETURN (MIN MAX COUNT ALL) (SUBJECT) UTF-8 ALL");
            assertThat(all.get(0)).matches("\\* ESEARCH \\(TAG \"a\\d+\"\\) MIN 3 MAX 4 COUNT 5 ALL 3,2,5,1,4");
            assertThat(client.command("UID SORT RETURN (COUNT) (DATE) UTF-8 ALL").get(0))
                .matches("\\* ESEARCH \\(TAG \"a\\d+\"\\) UID COUNT 5");
            assertThat(client.command("SORT RETURN () (SIZE) UTF-8 ALL").get(0))
                .matches("\\* ESEARCH \\(TAG \"a\\d+\"\\) ALL 3,2,4:5,1");
            assertThat(client.command("SORT RETURN (MIN) (SUBJECT) UTF-8 SUBJECT " + literalPlus("nothing like it")).get(0))
                .matches("\\* ESEARCH \\(TAG \"a\\d+\"\\)");
        }
    }

    /**
     * RFC 7162 §3.1.5 and RFC 4731 §3.2: with a MODSEQ key, SORT ends with the highest mod-sequence of the messages it
     * answers; ESORT with MIN or MAX alone gives that message's, with both the higher of the two, else all messages'.
     */
    @Test
    void sortWithAModSeqKeyAnswersTheModSeqOfWhatItNames() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            Map<Integer, Long> modSeqs = sortableWithOneFlagged(client, "modsort", 2);
            long highest = Collections.max(modSeqs.values());
            assertThat(highest).isEqualTo(modSeqs.get(2));
            // subject order: 3 2 5 1 4
            assertThat(client.command("SORT (SUBJECT) UTF-8 MODSEQ 1").get(0)).isEqualTo("* SORT 3 2 5 1 4 (MODSEQ " + highest + ")");
            long unflagged = Math.max(Math.max(modSeqs.get(1), modSeqs.get(3)), Math.max(modSeqs.get(4), modSeqs.get(5)));
            assertThat(client.command("SORT (SUBJECT) UTF-8 UNFLAGGED MODSEQ 1").get(0))
                .isEqualTo("* SORT 3 5 1 4 (MODSEQ " + unflagged + ")");
            assertThat(client.command("SORT (SUBJECT) UTF-8 ALL").get(0)).isEqualTo("* SORT 3 2 5 1 4");
            assertThat(client.command("SORT (SUBJECT) UTF-8 MODSEQ " + (highest + 1)).get(0)).isEqualTo("* SORT");
            assertThat(client.command("SORT RETURN (MIN) (SUBJECT) UTF-8 MODSEQ 1").get(0))
                .matches(ESEARCH_OF_COMMAND + "MIN 3 MODSEQ " + modSeqs.get(3));
            assertThat(client.command("SORT RETURN (MAX) (SUBJECT) UTF-8 MODSEQ 1").get(0))
                .matches(ESEARCH_OF_COMMAND + "MAX 4 MODSEQ " + modSeqs.get(4));
            assertThat(client.command("SORT RETURN (MIN MAX) (SUBJECT) UTF-8 MODSEQ 1").get(0))
                .matches(ESEARCH_OF_COMMAND + "MIN 3 MAX 4 MODSEQ " + Math.max(modSeqs.get(3), modSeqs.get(4)));
            assertThat(client.command("SORT RETURN (MIN COUNT) (SUBJECT) UTF-8 MODSEQ 1").get(0))
                .matches(ESEARCH_OF_COMMAND + "MIN 3 COUNT 5 MODSEQ " + highest);
            assertThat(client.command("UID SORT RETURN (MIN) (SUBJECT) UTF-8 ALL").get(0)).matches(ESEARCH_OF_COMMAND + "UID MIN 4");
        }
    }

    /** RFC 4731 §3.2, RFC 7162 §3.1.5: SEARCH RETURN (MIN) with MODSEQ gives the MIN message's mod-sequence. */
    @Test
    void searchReturnMinOrMaxWithModSeqGivesTheirModSeq() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            Map<Integer, Long> modSeqs = sortableWithOneFlagged(client, "modsearch", 3);
            long highest = Collections.max(modSeqs.values());
            assertThat(client.command("SEARCH RETURN (MIN) MODSEQ 1").get(0)).matches(ESEARCH_OF_COMMAND + "MIN 1 MODSEQ " + modSeqs.get(1));
            assertThat(client.command("SEARCH RETURN (MAX) MODSEQ 1").get(0)).matches(ESEARCH_OF_COMMAND + "MAX 5 MODSEQ " + modSeqs.get(5));
            assertThat(client.command("UID SEARCH RETURN (MIN MAX) MODSEQ 1").get(0))
                .matches(ESEARCH_OF_COMMAND + "UID MIN 2 MAX 6 MODSEQ " + Math.max(modSeqs.get(1), modSeqs.get(5)));
            assertThat(client.command("SEARCH RETURN (MIN COUNT) MODSEQ 1").get(0)).matches(ESEARCH_OF_COMMAND + "MIN 1 COUNT 5 MODSEQ " + highest);
            assertThat(client.command("SEARCH MODSEQ 1").get(0)).isEqualTo("* SEARCH 1 2 3 4 5 (MODSEQ " + highest + ")");
            ok(client.command("NOOP"));
        }
    }

    private static final String ESEARCH_OF_COMMAND = "\\* ESEARCH \\(TAG \"a\\d+\"\\) ";

    /**
     * RFC 9394 §3.1: SEARCH RETURN (PARTIAL n:m) names the matches at those positions counted from the first, -n:-m
     * from the last; either order of the ends; beside MIN, MAX and COUNT of all matches; NIL when none is in range.
     */
    @Test
    void searchReturnPartialNamesAPageOfTheMatches() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            assertThat(client.command("CAPABILITY").get(0)).contains(" PARTIAL");
            ok(client.command("CREATE paged"));
            appendSortable(client, "paged");
            ok(client.command("SELECT paged"));
            // UIDs are 2..6: message n has UID n + 1
            assertThat(client.command("SEARCH RETURN (PARTIAL 1:2) ALL").get(0)).matches(ESEARCH_OF_COMMAND + "PARTIAL \\(1:2 1:2\\)");
            assertThat(client.command("UID SEARCH RETURN (PARTIAL -1:-2) ALL").get(0))
                .matches(ESEARCH_OF_COMMAND + "UID PARTIAL \\(-1:-2 5:6\\)");
            assertThat(client.command("UID SEARCH RETURN (PARTIAL -2:-1) ALL").get(0))
                .matches(ESEARCH_OF_COMMAND + "UID PARTIAL \\(-1:-2 5:6\\)");
            assertThat(client.command("SEARCH RETURN (PARTIAL 4:2) ALL").get(0)).matches(ESEARCH_OF_COMMAND + "PARTIAL \\(2:4 2:4\\)");
            // message 3 has no From:
            assertThat(client.command("SEARCH RETURN (MIN MAX COUNT PARTIAL 2:3) FROM x.org").get(0))
                .matches(ESEARCH_OF_COMMAND + "MIN 1 MAX 5 PARTIAL \\(2:3 2,4\\) COUNT 4");
            assertThat(client.command("UID SEARCH RETURN (PARTIAL -2:-3 COUNT) FROM x.org").get(0))
                .matches(ESEARCH_OF_COMMAND + "UID PARTIAL \\(-2:-3 3,5\\) COUNT 4");
            assertThat(client.command("SEARCH RETURN (PARTIAL 6:20) ALL").get(0)).matches(ESEARCH_OF_COMMAND + "PARTIAL \\(6:20 NIL\\)");
            assertThat(client.command("SEARCH RETURN (PARTIAL -3:-10) ALL").get(0)).matches(ESEARCH_OF_COMMAND + "PARTIAL \\(-3:-10 1:3\\)");
            assertThat(client.command("SEARCH RETURN (PARTIAL 1:4294967295) ALL").get(0))
                .matches(ESEARCH_OF_COMMAND + "PARTIAL \\(1:4294967295 1:5\\)");
            assertThat(client.command("SEARCH RETURN (COUNT PARTIAL 1:10) SUBJECT nothingmatches").get(0))
                .matches(ESEARCH_OF_COMMAND + "PARTIAL \\(1:10 NIL\\) COUNT 0");
            // RFC 5182 §2.1: SAVE keeps what the answer names, as with MIN and MAX
            ok(client.command("SEARCH RETURN (SAVE PARTIAL -1:-2) ALL"));
            assertThat(client.command("SEARCH $").get(0)).isEqualTo("* SEARCH 4 5");
        }
    }

    /** RFC 9394 §3.1 with RFC 7162 §3.1.5: with a MODSEQ key, the mod-sequence of the messages the answer names. */
    @Test
    void searchReturnPartialWithModSeqGivesThatOfThePage() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            Map<Integer, Long> modSeqs = sortableWithOneFlagged(client, "pagedmod", 4);
            long highest = Collections.max(modSeqs.values());
            assertThat(client.command("SEARCH RETURN (PARTIAL 1:2) MODSEQ 1").get(0))
                .matches(ESEARCH_OF_COMMAND + "PARTIAL \\(1:2 1:2\\) MODSEQ " + Math.max(modSeqs.get(1), modSeqs.get(2)));
            assertThat(client.command("SEARCH RETURN (COUNT PARTIAL 1:2) MODSEQ 1").get(0))
                .matches(ESEARCH_OF_COMMAND + "PARTIAL \\(1:2 1:2\\) COUNT 5 MODSEQ " + highest);
            // subject order: 3 2 5 1 4
            assertThat(client.command("SORT RETURN (PARTIAL 1:1) (SUBJECT) UTF-8 MODSEQ 1").get(0))
                .matches(ESEARCH_OF_COMMAND + "PARTIAL \\(1:1 3\\) MODSEQ " + modSeqs.get(3));
        }
    }

    /** RFC 9394 §3.1 and RFC 5267 §3.2: SORT RETURN (PARTIAL) pages through the sort order. */
    @Test
    void sortReturnPartialNamesAPageInSortOrder() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE sortpaged"));
            appendSortable(client, "sortpaged");
            ok(client.command("SELECT sortpaged"));
            // subject order: 3 2 5 1 4; size order 3 2 4 5 1 (UIDs 4 3 5 6 2)
            assertThat(client.command("SORT RETURN (PARTIAL 1:2) (SUBJECT) UTF-8 ALL").get(0))
                .matches(ESEARCH_OF_COMMAND + "PARTIAL \\(1:2 3,2\\)");
            assertThat(client.command("SORT RETURN (COUNT PARTIAL -1:-2) (SUBJECT) UTF-8 ALL").get(0))
                .matches(ESEARCH_OF_COMMAND + "PARTIAL \\(-1:-2 1,4\\) COUNT 5");
            assertThat(client.command("UID SORT RETURN (MIN PARTIAL 4:2) (SIZE) UTF-8 ALL").get(0))
                .matches(ESEARCH_OF_COMMAND + "UID MIN 4 PARTIAL \\(2:4 3,5:6\\)");
            assertThat(client.command("SORT RETURN (PARTIAL 9:10) (REVERSE DATE) UTF-8 ALL").get(0))
                .matches(ESEARCH_OF_COMMAND + "PARTIAL \\(9:10 NIL\\)");
        }
    }

    /** RFC 9394 §4: one PARTIAL, never with ALL, n:m or -n:-m of non-zero 32-bit numbers; anything else is BAD. */
    @Test
    void badPartialRangesAreRefusedAndTheConnectionStays() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE badpartial"));
            append(client, "badpartial", message("one"));
            ok(client.command("SELECT badpartial"));
            for (String options : List.of("PARTIAL 0:5", "PARTIAL 5:0", "PARTIAL -0:-5", "PARTIAL 1:*", "PARTIAL -1:5",
                    "PARTIAL 5", "PARTIAL", "PARTIAL \"1:5\"", "PARTIAL 1:4294967296", "PARTIAL 1:99999999999999999999999",
                    "PARTIAL 1:5 ALL", "ALL PARTIAL 1:5", "PARTIAL 1:5 PARTIAL 2:3", "PARTIAL 1:5:7", "PARTIAL 1:5,7")) {
                assertThat(RawImapClient.last(client.command("SEARCH RETURN (" + options + ") ALL")))
                    .as(options).matches("a\\d+ BAD .*");
                assertThat(RawImapClient.last(client.command("UID SORT RETURN (" + options + ") (DATE) UTF-8 ALL")))
                    .as(options).matches("a\\d+ BAD .*");
            }
            assertThat(client.command("SEARCH RETURN (PARTIAL 1:1) ALL").get(0)).matches(ESEARCH_OF_COMMAND + "PARTIAL \\(1:1 1\\)");
            assertThat(client.command("SEARCH RECENT").get(0)).startsWith("* SEARCH");
            assertThat(client.command("SEARCH RETURN (COUNT) ALL").get(0)).matches(ESEARCH_OF_COMMAND + "COUNT 1");
        }
    }

    /** Paged SEARCH and SORT share no state between connections: 6 at once, 15 rounds each, every answer the same. */
    @Test
    void concurrentPagedSearchesAnswerAlike() throws Exception {
        String user = newUser();
        try (RawImapClient setup = connect(user)) {
            ok(setup.command("CREATE pagedtogether"));
            appendSortable(setup, "pagedtogether");
        }
        for (List<String> answers : sixConnectionsAtOnce(user, "pagedtogether", "UID SEARCH RETURN (COUNT PARTIAL -1:-3) ALL",
                "SORT RETURN (PARTIAL 2:3) (SUBJECT) UTF-8 ALL")) {
            assertThat(answers).hasSize(30)
                .containsOnly("* ESEARCH UID PARTIAL (-1:-3 4:6) COUNT 5", "* ESEARCH PARTIAL (2:3 2,5)");
        }
    }

    /** The first line of each answer (an ESEARCH without its TAG) that 6 connections at once get in 15 rounds. */
    private List<List<String>> sixConnectionsAtOnce(String user, String mailbox, String... commands) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                answers.add(pool.submit(() -> {
                    List<String> lines = new ArrayList<>();
                    try (RawImapClient client = connect(user)) {
                        ok(client.command("EXAMINE " + mailbox));
                        for (int i = 0; i < 15; i++) {
                            for (String command : commands) {
                                lines.add(client.command(command).get(0).replaceFirst(" \\(TAG \"a\\d+\"\\)", ""));
                            }
                        }
                    }
                    return lines;
                }));
            }
            List<List<String>> all = new ArrayList<>();
            for (Future<List<String>> answer : answers) {
                all.add(answer.get(60, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The five sortable messages selected, one of them flagged last: the mod-sequence of each by sequence number. */
    private static Map<Integer, Long> sortableWithOneFlagged(RawImapClient client, String mailbox, int flagged) throws IOException {
        ok(client.command("CREATE " + mailbox));
        appendSortable(client, mailbox);
        ok(client.command("SELECT " + mailbox));
        ok(client.command("STORE " + flagged + " +FLAGS (\\Flagged)"));
        Map<Integer, Long> modSeqs = new HashMap<>();
        Matcher fetched = Pattern.compile("\\* (\\d+) FETCH \\(.*MODSEQ \\((\\d+)\\)")
            .matcher(String.join("\n", client.command("FETCH 1:5 (MODSEQ)")));
        while (fetched.find()) {
            modSeqs.put(Integer.parseInt(fetched.group(1)), Long.parseLong(fetched.group(2)));
        }
        assertThat(modSeqs).hasSize(5);
        return modSeqs;
    }

    @Test
    void badSortCommandsAreRefusedAndTheConnectionStays() throws Exception {
        String user = newUser();
        try (RawImapClient client = connect(user)) {
            ok(client.command("CREATE badsort"));
            append(client, "badsort", message("one"));
            assertThat(RawImapClient.last(client.command("SORT (SUBJECT) UTF-8 ALL"))).matches("a\\d+ (BAD|NO) .*");
            ok(client.command("SELECT badsort"));
            assertThat(RawImapClient.last(client.command("SORT (NAME) UTF-8 ALL"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("SORT () UTF-8 ALL"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("SORT (REVERSE) UTF-8 ALL"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("SORT SUBJECT UTF-8 ALL"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("SORT (SUBJECT) UTF-8"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("SORT (SUBJECT) UTF-8 NOSUCHKEY"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("SORT RETURN (SAVE) (SUBJECT) UTF-8 ALL"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("SORT (SUBJECT) X-NOPE ALL"))).matches("a\\d+ NO \\[BADCHARSET.*");
            ok(client.command("NOOP"));
            assertThat(client.command("SORT (SUBJECT) UTF-8 ALL").get(0)).isEqualTo("* SORT 1");
        }
    }

    /** SORT shares no state between connections: 6 at once, 15 SORTs each, every answer the same. */
    @Test
    void concurrentSortsAnswerAlike() throws Exception {
        String user = newUser();
        try (RawImapClient setup = connect(user)) {
            ok(setup.command("CREATE together"));
            appendSortable(setup, "together");
        }
        for (List<String> answers : sixConnectionsAtOnce(user, "together", "SORT (SUBJECT REVERSE DATE) UTF-8 ALL",
                "UID SORT (DISPLAYFROM) UTF-8 ALL")) {
            assertThat(answers).hasSize(30).containsOnly("* SORT 3 2 5 1 4", "* SORT 4 2 3 6 5");
        }
    }

    private static void appendSortable(RawImapClient client) throws IOException {
        appendSortable(client, "sorting");
    }

    /**
     * Five messages after an expunged one (so UID = number + 1). Base subjects BUDGET, APPLE, "", BUDGET, APPLE;
     * sizes grow 3 < 2 < 4 < 5 < 1 through the bodies.
     */
    private static void appendSortable(RawImapClient client, String mailbox) throws IOException {
        append(client, mailbox, message("expunged"));
        ok(client.command("SELECT " + mailbox));
        ok(client.command("STORE 1 +FLAGS (\\Deleted)"));
        ok(client.command("EXPUNGE"));
        ok(client.command("UNSELECT"));
        appendAt(client, mailbox, "10-Jan-2023 00:00:00 +0000", "From: Aaron <zed@x.org>\r\nTo: b@x.org\r\n"
            + "Date: Mon, 02 Jan 2023 10:00:00 +0000\r\nSubject: Re: [list] Fwd: Budget (fwd)\r\n\r\n" + "x".repeat(900) + "\r\n");
        appendAt(client, mailbox, "05-Jan-2023 00:00:00 +0000", "From: alice@x.org\r\nSubject: apple\r\n\r\n"
            + "x".repeat(100) + "\r\n");
        appendAt(client, mailbox, "12-Jan-2023 00:00:00 +0000", "Date: Sun, 01 Jan 2023 23:00:00 -0500\r\n\r\nx\r\n");
        appendAt(client, mailbox, "10-Jan-2023 00:00:00 +0000", "From: Carol <c@x.org>\r\nTo: Zoe <a@x.org>\r\n"
            + "Date: Mon, 02 Jan 2023 10:00:00 +0000\r\nSubject: [fwd:  budget]\r\n\r\n" + "x".repeat(300) + "\r\n");
        appendAt(client, mailbox, "01-Jan-2023 00:00:00 +0000", "From: Bob <bob@x.org>\r\nCc: a@x.org\r\n"
            + "Date: Tue, 03 Jan 2023 00:00:00 +0000\r\nSubject: RE: re:\tApple\r\n\r\n" + "x".repeat(500) + "\r\n");
    }

    private static void appendAt(RawImapClient client, String mailbox, String internalDate, String message) throws IOException {
        ok(client.command("APPEND " + mailbox + " \"" + internalDate + "\" " + literalPlus(message)));
    }

    /** The FETCH response of one message from its items on, in lower case. */
    private static String fetched(RawImapClient client, int number, String items) throws IOException {
        String response = single(client.command("FETCH " + number + " (" + items + ")"));
        return response.substring(response.indexOf('(')).toLowerCase(Locale.US);
    }

    private static String single(List<String> lines) {
        ok(lines);
        assertThat(lines).as(lines.toString()).hasSize(2);
        return lines.get(0);
    }

    protected static int indexOf(List<String> lines, String regex) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches(regex)) {
                return i;
            }
        }
        return -1;
    }

    protected static List<Integer> numbers(String searchLine) {
        Matcher matcher = Pattern.compile("\\d+").matcher(searchLine);
        List<Integer> numbers = new ArrayList<>();
        while (matcher.find()) {
            numbers.add(Integer.parseInt(matcher.group()));
        }
        return numbers;
    }
}
