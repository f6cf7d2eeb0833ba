package io.syncstore.imap.append;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
import java.util.stream.Stream;

import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.Test;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.RawImapClient;

/**
 * CATENATE (RFC 4469) with IMAP URLs (RFC 5092) and URL-PARTIAL (RFC 5550) over real sockets: messages put together
 * byte for byte from text and from messages or parts of them the user may read, and refused with nothing stored
 * when a URL names anything else. Each server's test class extends it.
 */
public abstract class CatenateContract extends ImapServerContract {
    private static final String DOMAIN = "catenate.test";
    private static final Pattern UIDVALIDITY = Pattern.compile("UIDVALIDITY (\\d+)");
    /** A message of two parts, the source of the URLs of this contract and of URLAUTH's. */
    public static final String MULTIPART = "From: a@b.c\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/mixed; boundary=\"xx\"\r\n\r\n"
        + "--xx\r\nContent-Type: text/plain\r\n\r\nfirst part\r\n"
        + "--xx\r\nContent-Type: text/html\r\n\r\n<p>second part</p>\r\n"
        + "--xx--\r\n";

    public static void useServer(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, DOMAIN);
    }

    private static String text(String octets) {
        return "TEXT {" + octets.length() + "+}\r\n" + octets;
    }

    private static long uidValidity(RawImapClient client, String mailbox) throws Exception {
        Matcher matcher = UIDVALIDITY.matcher(ok(client.command("STATUS " + mailbox + " (UIDVALIDITY)")).get(0));
        assertThat(matcher.find()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** The octets of message {@code number} of the selected mailbox, as BODY.PEEK[] answers them. */
    private static String body(RawImapClient client, int number) throws Exception {
        String fetch = ok(client.command("FETCH " + number + " BODY.PEEK[]")).get(0);
        int start = fetch.indexOf("}\r\n") + 3;
        int size = Integer.parseInt(fetch.substring(fetch.indexOf("BODY[] {") + 8, start - 3));
        return fetch.substring(start, start + size);
    }

    private static RawImapClient withSource(String user) throws Exception {
        RawImapClient client = connect(user);
        ok(client.command("CREATE src"));
        ok(client.command("CREATE dst"));
        ok(client.command("APPEND src {" + MULTIPART.length() + "+}\r\n" + MULTIPART));
        return client;
    }

    private static void assertNothingStored(RawImapClient client) throws Exception {
        assertThat(client.command("STATUS dst (MESSAGES UIDNEXT)").get(0)).contains("MESSAGES 0").contains("UIDNEXT 1");
    }

    @Test
    void catenateAndUrlPartialAreAdvertised() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            assertThat(client.command("CAPABILITY").get(0)).contains(" CATENATE").contains(" URL-PARTIAL");
        }
    }

    @Test
    void textAndUrlPartsArePutTogetherByteForByte() throws Exception {
        try (RawImapClient client = withSource(newUser())) {
            String header = "From: x@y.z\r\nSubject: built\r\n\r\n";
            List<String> append = ok(client.command("APPEND dst (\\Seen) CATENATE (" + text(header)
                + " URL \"/src/;UID=1/;SECTION=1\" " + text("\r\n--\r\n") + " URL \"/src/;UID=1/;SECTION=2.MIME\")"));
            assertThat(RawImapClient.last(append)).contains("[APPENDUID ").contains(" 1]");
            ok(client.command("SELECT dst"));
            assertThat(body(client, 1)).isEqualTo(header + "first part\r\n--\r\nContent-Type: text/html\r\n\r\n");
            assertThat(ok(client.command("FETCH 1 FLAGS")).get(0)).contains("\\Seen");
        }
    }

    @Test
    void aWholeMessageFromAnotherMailboxWithItsUidValidity() throws Exception {
        try (RawImapClient client = withSource(newUser())) {
            long uidValidity = uidValidity(client, "src");
            ok(client.command("APPEND dst CATENATE (URL \"/src;UIDVALIDITY=" + uidValidity + "/;UID=1\")"));
            ok(client.command("SELECT dst"));
            assertThat(body(client, 1)).isEqualTo(MULTIPART);
        }
    }

    @Test
    void sectionsAndPartialRangesAsFetchReadsThem() throws Exception {
        try (RawImapClient client = withSource(newUser())) {
            ok(client.command("APPEND dst CATENATE (URL \"/src/;UID=1/;SECTION=HEADER.FIELDS%20(SUBJECT)\""
                + " URL \"/src/;UID=1/;SECTION=2/;PARTIAL=3.6\" URL \"/src/;UID=1/;PARTIAL=6.2\""
                + " URL \"/src/;UID=1/;SECTION=1;PARTIAL=6\" URL \"/src/;UID=1/;SECTION=1/;PARTIAL=500.4\")"));
            ok(client.command("SELECT dst"));
            assertThat(body(client, 1)).isEqualTo("Subject: parts\r\n\r\n" + "second" + "a@" + "part");
        }
    }

    @Test
    void oneMultiAppendOfAPlainMessageAndACatenation() throws Exception {
        try (RawImapClient client = withSource(newUser())) {
            String plain = "Subject: plain\r\n\r\nplain\r\n";
            List<String> append = ok(client.command("APPEND dst {" + plain.length() + "+}\r\n" + plain
                + " (\\Flagged) CATENATE (" + text("Subject: cat\r\n\r\n") + " URL \"/src/;UID=1/;SECTION=1\")"));
            assertThat(RawImapClient.last(append)).contains(" 1:2]");
            ok(client.command("SELECT dst"));
            assertThat(body(client, 1)).isEqualTo(plain);
            assertThat(body(client, 2)).isEqualTo("Subject: cat\r\n\r\nfirst part");
        }
    }

    @Test
    void aWrongUidValidityOrAMissingMessageOrMailboxIsABadUrlAndNothingIsStored() throws Exception {
        try (RawImapClient client = withSource(newUser())) {
            long uidValidity = uidValidity(client, "src");
            for (String url : List.of("/src;UIDVALIDITY=" + (uidValidity + 1) + "/;UID=1", "/src/;UID=2",
                "/nowhere/;UID=1", "/src/;UID=1/;SECTION=BOGUS", "/src", "imap://someone@localhost/src/;UID=1",
                "/src/;UID=1/;URLAUTH=anonymous:internal:0123456789abcdef0123456789abcdef")) {
                String plain = "Subject: plain\r\n\r\nplain\r\n";
                List<String> append = client.command("APPEND dst {" + plain.length() + "+}\r\n" + plain
                    + " CATENATE (" + text("Subject: x\r\n\r\n") + " URL \"" + url + "\")");
                assertThat(RawImapClient.last(append)).as(url).matches("a\\d+ NO \\[BADURL \\Q" + url + "\\E].*");
                assertNothingStored(client);
            }
        }
    }

    /** James 3.8.1 names no other user's mailbox over IMAP: a URL to one is refused, whatever rights are granted. */
    @Test
    void anotherUsersMailboxIsRefusedEvenWhenShared() throws Exception {
        String owner = newUser();
        String reader = newUser();
        try (RawImapClient ownerClient = withSource(owner); RawImapClient readerClient = connect(reader)) {
            ok(readerClient.command("CREATE dst"));
            ok(ownerClient.command("SETACL src " + reader + " lr"));
            for (String url : List.of("/#user." + owner + ".src/;UID=1", "/#user/" + owner + "/src/;UID=1",
                "/%23user." + owner.replace("@", "%40") + ".src/;UID=1")) {
                List<String> append = readerClient.command("APPEND dst CATENATE (URL \"" + url + "\")");
                assertThat(RawImapClient.last(append)).as(url).contains("NO [BADURL ");
            }
            assertNothingStored(readerClient);
            ok(ownerClient.command("APPEND dst CATENATE (URL \"/src/;UID=1\")"));
        }
    }

    @Test
    void aNulOctetInATextLiteralIsRefusedButNotInALiteral8() throws Exception {
        try (RawImapClient client = withSource(newUser())) {
            String withNul = "Subject: nul\r\n\r\na\u0000b\r\n";
            List<String> refused = client.command("APPEND dst CATENATE (" + text(withNul) + ")");
            assertThat(RawImapClient.last(refused)).matches("a\\d+ NO .*");
            assertNothingStored(client);
            ok(client.command("APPEND dst CATENATE (TEXT ~{" + withNul.length() + "+}\r\n" + withNul + ")"));
            ok(client.command("SELECT dst"));
            assertThat(body(client, 1)).isEqualTo(withNul);
        }
    }

    @Test
    void malformedCatenationsAreBadAndTheConnectionStaysUsable() throws Exception {
        try (RawImapClient client = withSource(newUser())) {
            for (String arguments : List.of("CATENATE ()", "CATENATE (FOO \"x\")", "CATENATE (URL)", "CATENATE URL \"/src/;UID=1\"",
                "CATENATE (URL \"/src/;UID=1\"", "CATENATE (TEXT \"quoted\")", "CATENATES (URL \"/src/;UID=1\")")) {
                List<String> append = client.command("APPEND dst " + arguments);
                assertThat(RawImapClient.last(append)).as(arguments).matches("a\\d+ BAD.*");
                ok(client.command("NOOP"));
            }
            assertNothingStored(client);
        }
    }

    /**
     * A CATENATE larger than the server's {@code inMemorySizeLimit} (16 KiB in the test configuration) is put together
     * in a file: stored byte for byte, the file gone afterwards, and no file left by one refused with BADURL.
     */
    @Test
    void aCatenationLargerThanTheInMemoryLimitIsStoredByteForByte() throws Exception {
        StringBuilder large = new StringBuilder();
        for (int line = 0; large.length() < 60_000; line++) {
            large.append("line ").append(line).append(" of a long first part\r\n");
        }
        String source = "From: a@b.c\r\nSubject: large\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"xx\"\r\n\r\n"
            + "--xx\r\nContent-Type: text/plain\r\n\r\n" + large + "\r\n--xx--\r\n";
        String header = "From: x@y.z\r\nSubject: built\r\n\r\n";
        String text = large.substring(0, 20_000);
        try (RawImapClient client = connect(newUser())) {
            ok(client.command("CREATE src"));
            ok(client.command("CREATE dst"));
            ok(client.command("APPEND src {" + source.length() + "+}\r\n" + source));
            ok(client.command("APPEND dst CATENATE (" + text(header) + " URL \"/src/;UID=1\" URL \"/src/;UID=1/;PARTIAL=100.30000\""
                + " URL \"/src/;UID=1/;SECTION=1\" " + text(text) + ")"));
            List<String> refused = client.command("APPEND dst CATENATE (" + text(text) + " URL \"/src/;UID=1\" URL \"/src/;UID=9\")");
            assertThat(RawImapClient.last(refused)).contains("NO [BADURL /src/;UID=9]");
            ok(client.command("SELECT dst"));
            assertThat(body(client, 1)).isEqualTo(header + source + source.substring(100, 30_100) + large + text);
            assertThat(ok(client.command("FETCH 1:* RFC822.SIZE"))).hasSize(2);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> catenateSpoolFiles() == 0);
    }

    private static long catenateSpoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(Paths.get(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("syncstore-imap-catenate")).count();
        }
    }

    /** 4 connections × 5 CATENATEs from one source into one mailbox at once, 3 rounds: each stored whole, once. */
    @Test
    void concurrentCatenationsFromOneSourceAreEachStoredWhole() throws Exception {
        String user = newUser();
        try (RawImapClient setup = withSource(user)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (int round = 0; round < 3; round++) {
                    int base = round * 4;
                    List<Future<Set<Long>>> appends = new ArrayList<>();
                    for (int c = 0; c < 4; c++) {
                        int connection = base + c;
                        appends.add(pool.submit(() -> {
                            Set<Long> uids = new TreeSet<>();
                            try (RawImapClient client = connect(user)) {
                                for (int i = 0; i < 5; i++) {
                                    List<String> append = ok(client.command("APPEND dst CATENATE ("
                                        + text("Subject: c" + connection + "-" + i + "\r\n\r\n")
                                        + " URL \"/src/;UID=1/;SECTION=1\")"));
                                    uids.addAll(AppendContract.appendUids(append));
                                }
                            }
                            return uids;
                        }));
                    }
                    Set<Long> all = new TreeSet<>();
                    for (Future<Set<Long>> append : appends) {
                        Set<Long> uids = append.get(2, TimeUnit.MINUTES);
                        assertThat(all).doesNotContainAnyElementsOf(uids);
                        all.addAll(uids);
                    }
                    assertThat(all).hasSize(20);
                }
            } finally {
                pool.shutdownNow();
            }
            ok(setup.command("SELECT dst"));
            for (int number = 1; number <= 60; number++) {
                assertThat(body(setup, number)).matches("Subject: c\\d+-\\d\r\n\r\nfirst part");
            }
        }
    }
}
