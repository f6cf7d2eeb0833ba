package io.syncstore.imap.urlauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import io.syncstore.imap.append.CatenateContract;

/**
 * URLAUTH (RFC 4467) over real sockets: URLs signed by their owner with GENURLAUTH and read by the users their
 * access identifier names with URLFETCH or in a CATENATE, and by no one else; tampered, expired and reset URLs read
 * as NIL. Runs on servers that keep mailbox access keys (SyncStore's).
 */
public abstract class UrlAuthContract extends ImapServerContract {
    private static final String DOMAIN = "urlauth.test";
    private static final Pattern SIGNED = Pattern.compile("\\* GENURLAUTH \"([^\"]+)\"");
    private static final Pattern FETCHED = Pattern.compile("\\* URLFETCH \"([^\"]+)\" (?:NIL|\\{(\\d+)}\r\n)", Pattern.DOTALL);
    private static final String MULTIPART = CatenateContract.MULTIPART;

    public static void useServer(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, DOMAIN);
    }

    private static String encoded(String user) {
        return user.replace("@", "%40");
    }

    /** A rump naming message 1 of the owner's mailbox, to be read by the access identifier. */
    private static String rump(String owner, String mailbox, String rest, String access) {
        return "imap://" + encoded(owner) + "@localhost/" + mailbox + "/;UID=1" + rest + ";URLAUTH=" + access;
    }

    private static RawImapClient withSource(String owner, String mailbox) throws Exception {
        RawImapClient client = connect(owner);
        ok(client.command("CREATE " + mailbox));
        ok(client.command("APPEND " + mailbox + " {" + MULTIPART.length() + "+}\r\n" + MULTIPART));
        return client;
    }

    static String sign(RawImapClient owner, String rump) throws Exception {
        List<String> lines = ok(owner.command("GENURLAUTH \"" + rump + "\" INTERNAL"));
        Matcher matcher = SIGNED.matcher(lines.get(0));
        assertThat(matcher.matches()).as(lines.toString()).isTrue();
        assertThat(matcher.group(1)).startsWith(rump + ":INTERNAL:").matches(".*:INTERNAL:[0-9a-f]{40}");
        return matcher.group(1);
    }

    /** The octets URLFETCH answers for the URL, null for NIL. */
    static String fetch(RawImapClient reader, String url) throws Exception {
        List<String> lines = ok(reader.command("URLFETCH \"" + url + "\""));
        assertThat(lines).hasSize(2);
        Matcher matcher = FETCHED.matcher(lines.get(0));
        assertThat(matcher.lookingAt()).as(lines.get(0)).isTrue();
        assertThat(matcher.group(1)).isEqualTo(url);
        if (matcher.group(2) == null) {
            assertThat(lines.get(0)).endsWith(" NIL");
            return null;
        }
        String octets = lines.get(0).substring(matcher.end());
        assertThat(octets).hasSize(Integer.parseInt(matcher.group(2)));
        return octets;
    }

    private static String tampered(String url) {
        char last = url.charAt(url.length() - 1);
        return url.substring(0, url.length() - 1) + (last == '0' ? '1' : '0');
    }

    /** URLMECH (RFC 4467 §6.4) names INTERNAL, the mechanism GENURLAUTH signs with; it takes no argument. */
    @Test
    void urlauthIsAdvertisedWithItsMechanism() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            assertThat(client.command("CAPABILITY").get(0)).contains(" URLAUTH");
            List<String> mechanisms = ok(client.command("URLMECH"));
            assertThat(mechanisms).hasSize(2);
            assertThat(mechanisms.get(0)).isEqualTo("* URLMECH INTERNAL");
            assertThat(RawImapClient.last(client.command("URLMECH INTERNAL"))).matches("a\\d+ BAD .*");
            ok(client.command("SELECT INBOX"));
            assertThat(ok(client.command("URLMECH")).get(0)).isEqualTo("* URLMECH INTERNAL");
        }
    }

    @Test
    void userPlusIsReadByThatUserAloneByteForByte() throws Exception {
        String owner = newUser();
        String reader = newUser();
        String other = newUser();
        try (RawImapClient ownerClient = withSource(owner, "src"); RawImapClient readerClient = connect(reader);
             RawImapClient otherClient = connect(other)) {
            String whole = sign(ownerClient, rump(owner, "src", "", "user+" + encoded(reader)));
            String part = sign(ownerClient, rump(owner, "src", "/;SECTION=2/;PARTIAL=3.6", "user+" + encoded(reader)));
            assertThat(fetch(readerClient, whole)).isEqualTo(MULTIPART);
            assertThat(fetch(readerClient, part)).isEqualTo("second");
            assertThat(fetch(otherClient, whole)).isNull();
            assertThat(fetch(ownerClient, whole)).isNull();
        }
    }

    @Test
    void submitPlusIsReadByThatUserAndAuthuserByAnyUser() throws Exception {
        String owner = newUser();
        String submitter = newUser();
        String other = newUser();
        try (RawImapClient ownerClient = withSource(owner, "Queued"); RawImapClient submitterClient = connect(submitter);
             RawImapClient otherClient = connect(other)) {
            String submit = sign(ownerClient, rump(owner, "Queued", "/;SECTION=1", "submit+" + encoded(submitter)));
            assertThat(fetch(submitterClient, submit)).isEqualTo("first part");
            assertThat(fetch(otherClient, submit)).isNull();
            String anyUser = sign(ownerClient, rump(owner, "Queued", "/;SECTION=1", "authuser"));
            assertThat(fetch(otherClient, anyUser)).isEqualTo("first part");
            assertThat(fetch(ownerClient, anyUser)).isEqualTo("first part");
        }
    }

    @Test
    void severalUrlsInOneUrlFetchEachWithItsOctetsOrNil() throws Exception {
        String owner = newUser();
        try (RawImapClient ownerClient = withSource(owner, "src")) {
            String first = sign(ownerClient, rump(owner, "src", "/;SECTION=1", "authuser"));
            String second = sign(ownerClient, rump(owner, "src", "/;SECTION=2", "authuser"));
            List<String> lines = ok(ownerClient.command("URLFETCH \"" + first + "\" \"" + tampered(second) + "\" \""
                + second + "\" \"/src/;UID=1\""));
            assertThat(lines.get(0)).isEqualTo("* URLFETCH \"" + first + "\" {10}\r\nfirst part \"" + tampered(second)
                + "\" NIL \"" + second + "\" {18}\r\n<p>second part</p> \"/src/;UID=1\" NIL");
        }
    }

    @Test
    void aTamperedTokenOrUrlIsNil() throws Exception {
        String owner = newUser();
        try (RawImapClient ownerClient = withSource(owner, "src")) {
            ok(ownerClient.command("APPEND src {" + MULTIPART.length() + "+}\r\n" + MULTIPART));
            String url = sign(ownerClient, rump(owner, "src", "/;SECTION=1", "authuser"));
            assertThat(fetch(ownerClient, url)).isEqualTo("first part");
            assertThat(fetch(ownerClient, tampered(url))).isNull();
            assertThat(fetch(ownerClient, url.replace("/;UID=1", "/;UID=2"))).isNull();
            assertThat(fetch(ownerClient, url.replace("/;SECTION=1", "/;SECTION=2"))).isNull();
            assertThat(fetch(ownerClient, url.replace(";URLAUTH=authuser", ";URLAUTH=anonymous"))).isNull();
            String token = url.substring(url.lastIndexOf(':') + 1);
            assertThat(fetch(ownerClient, url.replace(token, token.substring(0, 32)))).isNull();
            assertThat(fetch(ownerClient, url.replace(":INTERNAL:", ":OTHER:"))).isNull();
        }
    }

    @Test
    void anExpiredUrlIsNilAndOneNotYetExpiredIsRead() throws Exception {
        String owner = newUser();
        try (RawImapClient ownerClient = withSource(owner, "src")) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String past = sign(ownerClient, rump(owner, "src", "/;SECTION=1;EXPIRE=" + now.minusSeconds(60), "authuser"));
            String future = sign(ownerClient, rump(owner, "src", "/;SECTION=1;EXPIRE=" + now.plusSeconds(3600), "authuser"));
            assertThat(fetch(ownerClient, past)).isNull();
            assertThat(fetch(ownerClient, future)).isEqualTo("first part");
            assertThat(fetch(ownerClient, future.replace(";EXPIRE=" + now.plusSeconds(3600), ";EXPIRE=" + now.plusSeconds(7200))))
                .isNull();
        }
    }

    @Test
    void resetKeyOfTheMailboxOrOfAllInvalidatesItsUrls() throws Exception {
        String owner = newUser();
        try (RawImapClient ownerClient = withSource(owner, "src")) {
            ok(ownerClient.command("CREATE other"));
            ok(ownerClient.command("APPEND other {" + MULTIPART.length() + "+}\r\n" + MULTIPART));
            String src = sign(ownerClient, rump(owner, "src", "", "authuser"));
            String other = sign(ownerClient, rump(owner, "other", "", "authuser"));

            ok(ownerClient.command("RESETKEY src"));
            assertThat(fetch(ownerClient, src)).isNull();
            assertThat(fetch(ownerClient, other)).isEqualTo(MULTIPART);
            String again = sign(ownerClient, rump(owner, "src", "", "authuser"));
            assertThat(again).isNotEqualTo(src);
            assertThat(fetch(ownerClient, again)).isEqualTo(MULTIPART);

            ok(ownerClient.command("RESETKEY"));
            assertThat(fetch(ownerClient, again)).isNull();
            assertThat(fetch(ownerClient, other)).isNull();
            ok(ownerClient.command("RESETKEY src INTERNAL"));
            assertThat(RawImapClient.last(ownerClient.command("RESETKEY src OTHER"))).matches("a\\d+ NO .*");
            assertThat(RawImapClient.last(ownerClient.command("RESETKEY nowhere"))).matches("a\\d+ NO .*");
        }
    }

    @Test
    void aDeletedMailboxOrMessageIsNil() throws Exception {
        String owner = newUser();
        try (RawImapClient ownerClient = withSource(owner, "src")) {
            String url = sign(ownerClient, rump(owner, "src", "", "authuser"));
            ok(ownerClient.command("DELETE src"));
            assertThat(fetch(ownerClient, url)).isNull();
            ok(ownerClient.command("CREATE src"));
            ok(ownerClient.command("APPEND src {" + MULTIPART.length() + "+}\r\n" + MULTIPART));
            assertThat(fetch(ownerClient, url)).isNull();
        }
    }

    @Test
    void genUrlAuthRefusesWhatItCannotSignAndTheConnectionGoesOn() throws Exception {
        String owner = newUser();
        String other = newUser();
        try (RawImapClient ownerClient = withSource(owner, "src")) {
            String signed = sign(ownerClient, rump(owner, "src", "", "authuser"));
            for (String arguments : List.of(
                "\"" + rump(other, "src", "", "authuser") + "\" INTERNAL",
                "\"" + rump(owner, "nowhere", "", "authuser") + "\" INTERNAL",
                "\"" + rump(owner, "src", "", "authuser") + "\" OTHER",
                "\"" + signed + "\" INTERNAL",
                "\"/src/;UID=1;URLAUTH=authuser\" INTERNAL",
                "\"imap://" + encoded(owner) + "@localhost/src/;UID=1\" INTERNAL",
                "\"" + rump(owner, "src", "", "authuser") + "\" INTERNAL \"" + rump(owner, "nowhere", "", "authuser") + "\" INTERNAL")) {
                List<String> lines = ownerClient.command("GENURLAUTH " + arguments);
                assertThat(lines).as(arguments).hasSize(1);
                assertThat(lines.get(0)).as(arguments).matches("a\\d+ NO .*");
                ok(ownerClient.command("NOOP"));
            }
            for (String malformed : List.of("GENURLAUTH", "GENURLAUTH \"" + rump(owner, "src", "", "authuser") + "\"",
                "URLFETCH", "RESETKEY src (x")) {
                assertThat(RawImapClient.last(ownerClient.command(malformed))).as(malformed).matches("a\\d+ BAD.*");
                ok(ownerClient.command("NOOP"));
            }
        }
    }

    @Test
    void catenateTakesAnAuthorizedUrlOfAnotherUser() throws Exception {
        String owner = newUser();
        String reader = newUser();
        try (RawImapClient ownerClient = withSource(owner, "src"); RawImapClient readerClient = connect(reader)) {
            String url = sign(ownerClient, rump(owner, "src", "/;SECTION=1", "user+" + encoded(reader)));
            ok(readerClient.command("CREATE dst"));
            String header = "Subject: forwarded\r\n\r\n";
            ok(readerClient.command("APPEND dst CATENATE (TEXT {" + header.length() + "+}\r\n" + header
                + " URL \"" + url + "\")"));
            for (String refused : List.of(tampered(url), url.replace("/;SECTION=1", ""))) {
                assertThat(RawImapClient.last(readerClient.command("APPEND dst CATENATE (URL \"" + refused + "\")")))
                    .matches("a\\d+ NO \\[BADURL \\Q" + refused + "\\E].*");
            }
            assertThat(RawImapClient.last(ownerClient.command("APPEND src CATENATE (URL \"" + url + "\")")))
                .contains("NO [BADURL ");
            ok(readerClient.command("SELECT dst"));
            List<String> fetch = ok(readerClient.command("FETCH 1:* BODY.PEEK[]"));
            assertThat(fetch).hasSize(2);
            assertThat(fetch.get(0)).endsWith("{" + (header.length() + 10) + "}\r\n" + header + "first part)");
        }
    }

    /**
     * 4 owners each with 2 connections signing URLs of one new mailbox at once (the mailbox's key made concurrently),
     * and their readers fetching them at once, 3 rounds: every URL signed the same way reads back whole.
     */
    @Test
    void manyConnectionsSigningAndFetchingAtOnce() throws Exception {
        List<String> owners = new ArrayList<>();
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            owners.add(newUser());
            readers.add(newUser());
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            for (int round = 0; round < 3; round++) {
                String mailbox = "round" + round;
                for (String owner : owners) {
                    withSource(owner, mailbox).close();
                }
                List<Future<String>> signed = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String owner = owners.get(i % 4);
                    String reader = readers.get(i % 4);
                    signed.add(pool.submit(() -> {
                        try (RawImapClient client = connect(owner)) {
                            return sign(client, rump(owner, mailbox, "", "user+" + encoded(reader)));
                        }
                    }));
                }
                List<String> urls = new ArrayList<>();
                for (Future<String> url : signed) {
                    urls.add(url.get(2, TimeUnit.MINUTES));
                }
                for (int i = 0; i < 4; i++) {
                    assertThat(urls.get(i + 4)).as("one key per mailbox").isEqualTo(urls.get(i));
                }
                List<Future<String>> fetched = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    String url = urls.get(i % 8);
                    String reader = readers.get(i % 4);
                    fetched.add(pool.submit(() -> {
                        try (RawImapClient client = connect(reader)) {
                            return fetch(client, url) + fetch(client, tampered(url));
                        }
                    }));
                }
                for (Future<String> octets : fetched) {
                    assertThat(octets.get(2, TimeUnit.MINUTES)).isEqualTo(MULTIPART + "null");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
