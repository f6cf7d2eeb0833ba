package io.syncstore.imap.mode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.james.GuiceJamesServer;
import org.apache.james.imap.api.display.ModifiedUtf7;
import org.junit.jupiter.api.Test;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.PythonScript;
import io.syncstore.imap.RawImapClient;

/**
 * IMAP4rev2 (RFC 9051) beside IMAP4rev1 over real sockets: a connection that ENABLEs IMAP4rev2 gets its semantics
 * (no \Recent, ESEARCH answers, LIST in SELECT, [CLOSED], UTF-8 names) while an IMAP4rev1 connection of the same user
 * keeps IMAP4rev1's; and the extensions RFC 9051 folds in answer. Each server's test class extends it.
 */
public abstract class Imap4Rev2Contract extends ImapServerContract {
    protected static final String DOMAIN = "rev2.test";
    private static final String MESSAGE = "Subject: hello\r\n\r\nbody\r\n";

    public static void useServer(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, DOMAIN);
    }

    private static RawImapClient rev2(String user) throws Exception {
        RawImapClient client = connect(user);
        assertThat(ok(client.command("ENABLE IMAP4rev2"))).as("capability names are case-insensitive")
            .anyMatch(line -> line.equalsIgnoreCase("* ENABLED IMAP4rev2"));
        return client;
    }

    private static void append(RawImapClient client, String mailbox) throws Exception {
        ok(client.command("APPEND " + mailbox + " {" + MESSAGE.length() + "+}\r\n" + MESSAGE));
    }

    /** Lines as UTF-8 (the client reads them as ISO-8859-1). */
    private static List<String> utf8(List<String> lines) {
        return lines.stream().map(line -> new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8))
            .collect(Collectors.toList());
    }

    private static boolean mentionsRecent(String line) {
        return line.contains("RECENT") || line.contains("\\Recent");
    }

    @Test
    void imap4rev2IsOfferedBesideImap4rev1() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            assertThat(client.command("CAPABILITY").get(0).toUpperCase()).contains(" IMAP4REV1").contains(" IMAP4REV2")
                .contains(" ENABLE").contains(" ESEARCH").contains(" LIST-STATUS").contains(" UNSELECT").contains(" MOVE")
                .contains(" NAMESPACE").contains(" BINARY").contains(" STATUS=SIZE").containsPattern(" LITERAL[+-]");
        }
    }

    @Test
    void anImap4rev2ConnectionIsToldNoRecentWhileAnImap4rev1OneIs() throws Exception {
        String user = newUser();
        try (RawImapClient rev1 = connect(user); RawImapClient rev2 = rev2(user); RawImapClient other = connect(user)) {
            append(other, "INBOX");
            append(other, "INBOX");
            assertThat(ok(rev1.command("SELECT INBOX"))).contains("* 2 RECENT").noneMatch(line -> line.startsWith("* LIST"));
            assertThat(ok(rev1.command("FETCH 1:* (FLAGS)"))).anyMatch(line -> line.contains("\\Recent"));
            List<String> selected = ok(rev2.command("SELECT INBOX"));
            assertThat(selected).contains("* 2 EXISTS", "* LIST (\\HasNoChildren) \".\" \"INBOX\"")
                .noneMatch(Imap4Rev2Contract::mentionsRecent);

            append(other, "INBOX");
            assertThat(ok(rev1.command("NOOP"))).contains("* 3 EXISTS", "* 3 RECENT");
            assertThat(ok(rev2.command("NOOP"))).contains("* 3 EXISTS").noneMatch(Imap4Rev2Contract::mentionsRecent);
            assertThat(ok(rev2.command("FETCH 1:* (FLAGS)"))).hasSize(4).noneMatch(Imap4Rev2Contract::mentionsRecent);
            assertThat(ok(rev1.command("FETCH 3 (FLAGS)")).get(0)).contains("\\Recent");
        }
    }

    @Test
    void searchIsAnsweredWithEsearchOnImap4rev2Only() throws Exception {
        String user = newUser();
        try (RawImapClient rev1 = connect(user); RawImapClient rev2 = rev2(user)) {
            append(rev1, "INBOX");
            append(rev1, "INBOX");
            ok(rev1.command("SELECT INBOX"));
            ok(rev2.command("SELECT INBOX"));
            assertThat(ok(rev1.command("SEARCH ALL"))).contains("* SEARCH 1 2");

            List<String> all = ok(rev2.command("SEARCH ALL"));
            assertThat(all).hasSize(2);
            assertThat(all.get(0)).matches("\\* ESEARCH \\(TAG \"a\\d+\"\\) ALL 1:2");
            assertThat(ok(rev2.command("UID SEARCH ALL")).get(0)).matches("\\* ESEARCH \\(TAG \"a\\d+\"\\) UID ALL 1:2");
            assertThat(ok(rev2.command("SEARCH RETURN (COUNT) ALL")).get(0)).matches("\\* ESEARCH \\(TAG \"a\\d+\"\\) COUNT 2");
            List<String> none = ok(rev2.command("SEARCH SUBJECT nothing-like-this"));
            assertThat(none.get(0)).matches("\\* ESEARCH \\(TAG \"a\\d+\"\\)");
            assertThat(RawImapClient.last(rev2.command("SEARCH CHARSET UTF-8 ALL"))).matches("a\\d+ BAD .*");
        }
    }

    @Test
    void theExtensionsImap4rev2FoldsInAnswer() throws Exception {
        String user = newUser();
        try (RawImapClient client = rev2(user)) {
            ok(client.command("CREATE \"Résumé\""));
            append(client, "\"Résumé\"");
            List<String> status = ok(client.command("STATUS \"Résumé\" (MESSAGES SIZE)"));
            assertThat(new String(status.get(0).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8))
                .isEqualTo("* STATUS \"Résumé\" (MESSAGES 1 SIZE " + MESSAGE.length() + ")");
            assertThat(ok(client.command("LIST \"\" \"*\" RETURN (STATUS (MESSAGES))")))
                .anyMatch(line -> line.startsWith("* STATUS") && line.endsWith("(MESSAGES 1)"));
            assertThat(ok(client.command("NAMESPACE")).get(0)).startsWith("* NAMESPACE ((\"");

            ok(client.command("CREATE Gone"));
            ok(client.command("SUBSCRIBE Gone"));
            ok(client.command("DELETE Gone"));
            assertThat(ok(client.command("LIST (SUBSCRIBED) \"\" \"Gone\""))).anyMatch(line -> line.contains("\\NonExistent"));

            ok(client.command("SELECT INBOX"));
            assertThat(ok(client.command("SELECT \"Résumé\""))).anyMatch(line -> line.startsWith("* OK [CLOSED]"));
            ok(client.command("MOVE 1 INBOX"));
            ok(client.command("UNSELECT"));
            String binary = "Subject: nul\r\n\r\na\u0000b\r\n";
            ok(client.command("APPEND INBOX ~{" + binary.length() + "+}\r\n" + binary));
            assertThat(ok(client.command("STATUS INBOX (MESSAGES)"))).contains("* STATUS \"INBOX\" (MESSAGES 2)");
        }
    }

    @Test
    void selectAndExamineTellAnImap4rev2ConnectionNoUnseenButTheMailboxAsListed() throws Exception {
        String user = newUser();
        try (RawImapClient rev1 = connect(user); RawImapClient rev2 = rev2(user)) {
            ok(rev1.command("CREATE \"Sent Items\" (USE (\\Sent))"));
            ok(rev1.command("CREATE \"Sent Items.2026\""));
            append(rev1, "\"Sent Items\"");
            append(rev1, "\"Sent Items\"");
            ok(rev1.command("SELECT \"Sent Items\""));
            ok(rev1.command("STORE 1 +FLAGS (\\Seen)"));
            assertThat(ok(rev1.command("EXAMINE \"Sent Items\""))).anyMatch(line -> line.startsWith("* OK [UNSEEN 2]"));
            for (String command : List.of("SELECT", "EXAMINE")) {
                assertThat(ok(rev2.command(command + " \"Sent Items\"")))
                    .contains("* LIST (\\HasChildren \\Sent) \".\" \"Sent Items\"")
                    .noneMatch(line -> line.contains("UNSEEN")).noneMatch(Imap4Rev2Contract::mentionsRecent);
            }
            assertThat(ok(rev2.command("SELECT \"Sent Items.2026\""))).contains("* LIST (\\HasNoChildren) \".\" \"Sent Items.2026\"");
        }
    }

    @Test
    void theImap4rev1GrammarOfRecentIsBadOnImap4rev2AndTheConnectionGoesOn() throws Exception {
        String user = newUser();
        List<String> removed = List.of("STATUS INBOX (RECENT)", "STATUS INBOX (MESSAGES RECENT UIDNEXT)", "SEARCH RECENT",
            "SEARCH NEW", "SEARCH OLD", "SEARCH NOT OLD", "UID SEARCH OR NEW SEEN", "SEARCH (ALL (FLAGGED RECENT))",
            "SEARCH RETURN (COUNT) NEW", "SORT (ARRIVAL) UTF-8 RECENT", "THREAD ORDEREDSUBJECT UTF-8 NOT OLD",
            "LIST \"\" \"*\" RETURN (STATUS (MESSAGES RECENT))", "LIST \"\" (INBOX Other) RETURN (STATUS (RECENT))");
        try (RawImapClient rev1 = connect(user); RawImapClient rev2 = rev2(user)) {
            ok(rev1.command("CREATE Other"));
            append(rev1, "INBOX");
            ok(rev1.command("SELECT INBOX"));
            ok(rev2.command("SELECT INBOX"));
            for (String command : removed) {
                assertThat(RawImapClient.last(rev1.command(command))).as(command).matches("a\\d+ OK.*");
                List<String> answer = rev2.command(command);
                assertThat(answer).as(command).hasSize(1);
                assertThat(answer.get(0)).as(command).matches("a\\d+ BAD .*");
                ok(rev2.command("NOOP"));
            }
            assertThat(ok(rev2.command("STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN DELETED SIZE)")).get(0))
                .startsWith("* STATUS \"INBOX\" (").contains("MESSAGES 1", "UIDNEXT 2", "UIDVALIDITY ", "UNSEEN 1", "DELETED 0",
                    "SIZE " + MESSAGE.length()).doesNotContain("RECENT");
            assertThat(ok(rev2.command("SEARCH UNSEEN")).get(0)).matches("\\* ESEARCH \\(TAG \"a\\d+\"\\) ALL 1");
            // LSUB is deprecated by RFC 9051 (appendix E), not removed from what servers answer
            ok(rev2.command("SUBSCRIBE Other"));
            ok(rev2.command("CREATE Loose"));
            assertThat(ok(rev2.command("LSUB \"\" \"*\""))).anyMatch(line -> line.startsWith("* LSUB") && line.endsWith("\"Other\""));
            assertThat(ok(rev2.command("LIST \"\" \"*\" RETURN (SUBSCRIBED)")))
                .anyMatch(line -> line.startsWith("* LIST (") && line.contains("\\Subscribed") && line.endsWith("\"Other\""))
                .anyMatch(line -> line.startsWith("* LIST (") && !line.contains("\\Subscribed") && line.endsWith("\"Loose\""));
        }
    }

    /**
     * A message/global part (RFC 6532 §3.7) is described as the message it holds, envelope, structure and lines, on
     * an IMAP4rev2 connection (RFC 9051 §9, media-message); IMAP4rev1's grammar (RFC 3501 §9) has it as a basic part,
     * as Dovecot 2.3 writes it. A transfer-encoded one is a basic part on both; message/rfc822 is a message on both.
     */
    @Test
    void messageGlobalIsDescribedAsAMessageOnImap4rev2() throws Exception {
        String user = newUser();
        String inner = "From: Inner <inner@x.org>\r\nSubject: inner\r\nContent-Type: text/plain\r\n\r\ninner body\r\nline2\r\n";
        String message = "From: a@x.org\r\nSubject: outer\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: message/global\r\n\r\n" + inner
            + "--b\r\nContent-Type: message/global\r\nContent-Transfer-Encoding: base64\r\n\r\nRnJvbTogaUB4Lm9yZw0KDQpp\r\n"
            + "--b\r\nContent-Type: message/rfc822\r\n\r\n" + inner + "--b--\r\n";
        String envelope = "(NIL \"inner\" ((\"Inner\" NIL \"inner\" \"x.org\")) ((\"Inner\" NIL \"inner\" \"x.org\")) "
            + "((\"Inner\" NIL \"inner\" \"x.org\")) NIL NIL NIL NIL NIL)";
        String text = "(\"TEXT\" \"PLAIN\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 17 1)";
        String encoded = "(\"MESSAGE\" \"GLOBAL\" NIL NIL NIL \"BASE64\" 24)";
        String rfc822 = "(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 88 " + envelope + " " + text + " 5)";
        try (RawImapClient rev1 = connect(user); RawImapClient rev2 = rev2(user)) {
            ok(rev1.command("APPEND INBOX {" + message.length() + "+}\r\n" + message));
            ok(rev1.command("SELECT INBOX"));
            ok(rev2.command("SELECT INBOX"));
            assertThat(rev1.command("FETCH 1 (BODY)").get(0)).isEqualTo("* 1 FETCH (BODY ("
                + "(\"MESSAGE\" \"GLOBAL\" NIL NIL NIL \"7BIT\" 88)" + encoded + rfc822 + " \"MIXED\"))");
            assertThat(rev2.command("FETCH 1 (BODY)").get(0)).isEqualTo("* 1 FETCH (BODY ("
                + "(\"MESSAGE\" \"GLOBAL\" NIL NIL NIL \"7BIT\" 88 " + envelope + " " + text + " 5)" + encoded + rfc822 + " \"MIXED\"))");
            assertThat(rev2.command("FETCH 1 (BODYSTRUCTURE)").get(0)).startsWith("* 1 FETCH (BODYSTRUCTURE ("
                + "(\"MESSAGE\" \"GLOBAL\" NIL NIL NIL \"7BIT\" 88 " + envelope
                + " (\"TEXT\" \"PLAIN\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 17 1 NIL NIL NIL NIL) 5 NIL NIL NIL NIL)");
            assertThat(ok(rev2.command("FETCH 1 (BODY.PEEK[1.1])"))).anyMatch(line -> line.contains("inner body"));
        }
    }

    /**
     * RFC 9051 §5.1, §6.3.4, §6.3.6 (RFC 6855 §3): a UTF-8 connection's mailbox names are taken in NFC; CREATE and
     * RENAME of a name written otherwise store it in NFC and tell an IMAP4rev2 connection with an untagged LIST
     * carrying OLDNAME (the name as written), before the tagged OK. A UTF8=ACCEPT connection gets the same names,
     * without the LIST; the decomposed name then names the mailbox everywhere (SELECT, STATUS, DELETE).
     */
    @Test
    void aNameNotInNfcIsStoredInNfcAndToldWithOldname() throws Exception {
        String user = newUser();
        String decomposed = "Cafe\u0301";
        String composed = "Caf\u00e9";
        try (RawImapClient rev2 = rev2(user); RawImapClient utf8 = connect(user)) {
            ok(utf8.command("ENABLE UTF8=ACCEPT"));
            List<String> created = utf8(ok(rev2.command("CREATE \"" + decomposed + "\"")));
            assertThat(created).hasSize(2);
            assertThat(created.get(0)).isEqualTo("* LIST () \".\" \"" + composed + "\" (\"OLDNAME\" (\"" + decomposed + "\"))");
            List<String> listed = utf8(ok(rev2.command("LIST \"\" \"Caf*\"")));
            assertThat(listed).hasSize(2);
            assertThat(listed.get(0)).isEqualTo("* LIST (\\HasNoChildren) \".\" \"" + composed + "\"");
            assertThat(ok(rev2.command("CREATE \"" + composed + ".x\""))).as("a name in NFC: no LIST").hasSize(1);
            ok(rev2.command("SELECT \"" + decomposed + "\""));
            ok(utf8.command("STATUS \"" + decomposed + "\" (MESSAGES)"));

            List<String> renamed = utf8(ok(rev2.command("RENAME \"" + composed + ".x\" \"Re\u0301sume\u0301\"")));
            assertThat(renamed).hasSize(2);
            assertThat(renamed.get(0)).isEqualTo("* LIST () \".\" \"R\u00e9sum\u00e9\" (\"OLDNAME\" (\"Re\u0301sume\u0301\"))");

            assertThat(ok(utf8.command("CREATE \"Nai\u0308ve\""))).as("UTF8=ACCEPT alone: no LIST").hasSize(1);
            assertThat(utf8(ok(utf8.command("LIST \"\" \"Na*\""))).get(0)).endsWith(" \"Na\u00efve\"");
            ok(utf8.command("DELETE \"Nai\u0308ve\""));
            assertThat(ok(rev2.command("LIST \"\" \"Na*\""))).hasSize(1);
        }
    }

    /**
     * A mailbox stored with a decomposed name (by a modified UTF-7 connection, which is not normalized, or before
     * SyncStore normalized names) is reached from UTF-8 connections by the name as listed and by its composed form;
     * SELECT, EXAMINE and DELETE of a name taken in another form tell it with OLDNAME on IMAP4rev2 (RFC 9051 §6.3.2,
     * §6.3.3, §6.3.5).
     */
    @Test
    void aMailboxStoredDecomposedIsReachedByEitherFormAndToldWithOldname() throws Exception {
        String user = newUser();
        String decomposed = "Cafe\u0301";
        String composed = "Caf\u00e9";
        try (RawImapClient legacy = connect(user); RawImapClient rev2 = rev2(user); RawImapClient utf8 = connect(user)) {
            ok(utf8.command("ENABLE UTF8=ACCEPT"));
            String encoded = ModifiedUtf7.encodeModifiedUTF7(decomposed);
            ok(legacy.command("CREATE " + encoded));
            append(legacy, encoded);
            assertThat(utf8(ok(rev2.command("LIST \"\" \"Caf*\"")))).first().isEqualTo("* LIST (\\HasNoChildren) \".\" \"" + decomposed + "\"");

            List<String> asListed = utf8(ok(rev2.command("SELECT \"" + decomposed + "\"")));
            assertThat(asListed).contains("* 1 EXISTS", "* LIST (\\HasNoChildren) \".\" \"" + decomposed + "\"");
            String told = "* LIST (\\HasNoChildren) \".\" \"" + decomposed + "\" (\"OLDNAME\" (\"" + composed + "\"))";
            assertThat(utf8(ok(rev2.command("SELECT \"" + composed + "\"")))).contains("* 1 EXISTS", told);
            assertThat(utf8(ok(rev2.command("EXAMINE \"" + composed + "\"")))).contains("* 1 EXISTS", told);
            assertThat(utf8(ok(utf8.command("STATUS \"" + composed + "\" (MESSAGES)")))).anyMatch(line -> line.endsWith("(MESSAGES 1)"));
            assertThat(RawImapClient.last(utf8.command("CREATE \"" + composed + "\""))).as("the same name in NFC").contains(" NO ");

            ok(legacy.command("CREATE " + ModifiedUtf7.encodeModifiedUTF7(decomposed + ".sub")));
            ok(utf8.command("SELECT \"" + composed + ".sub\""));
            ok(rev2.command("UNSELECT"));
            ok(rev2.command("DELETE \"" + decomposed + ".sub\""));
            List<String> deleted = utf8(ok(rev2.command("DELETE \"" + composed + "\"")));
            assertThat(deleted).hasSize(2);
            assertThat(deleted.get(0)).isEqualTo("* LIST (\\NonExistent) \".\" \"" + decomposed + "\" (\"OLDNAME\" (\"" + composed + "\"))");
            assertThat(ok(legacy.command("LIST \"\" \"Caf*\""))).hasSize(1);
        }
    }

    @Test
    void aChildCreatedUnderAParentStoredDecomposedGoesUnderIt() throws Exception {
        String user = newUser();
        String decomposed = "Cafe\u0301";
        String composed = "Caf\u00e9";
        try (RawImapClient legacy = connect(user); RawImapClient utf8 = connect(user)) {
            ok(utf8.command("ENABLE UTF8=ACCEPT"));
            ok(legacy.command("CREATE " + ModifiedUtf7.encodeModifiedUTF7(decomposed)));
            ok(utf8.command("CREATE \"Archive." + composed + ".x\""));
            ok(utf8.command("CREATE \"" + composed + ".Menu\""));
            ok(utf8.command("CREATE \"" + composed + ".Menu.D\u00e9j\u00e0\""));

            List<String> listed = utf8(ok(utf8.command("LIST \"\" \"*\"")));
            assertThat(listed).filteredOn(line -> line.endsWith("\"" + decomposed + "\"") || line.endsWith("\"" + composed + "\""))
                .as("one Café, the one stored").containsExactly("* LIST (\\HasChildren) \".\" \"" + decomposed + "\"");
            assertThat(listed).contains("* LIST (\\HasChildren) \".\" \"" + decomposed + ".Menu\"",
                "* LIST (\\HasNoChildren) \".\" \"" + decomposed + ".Menu.D\u00e9j\u00e0\"",
                "* LIST (\\HasNoChildren) \".\" \"Archive." + composed + ".x\"");
            assertThat(utf8(ok(utf8.command("STATUS \"" + composed + ".Menu\" (MESSAGES)")))).anyMatch(line -> line.endsWith("(MESSAGES 0)"));
        }
    }

    /**
     * Commands with a non-ASCII name (decoded again off the event loop, then on it again) pipelined between ASCII ones
     * (decoded on the event loop, no hop), on many UTF-8 connections of one user at once: every command answered
     * once, in order, and every name taken under the parent as stored.
     */
    @Test
    void pipelinedNonAsciiAndAsciiCommandsOfManyUtf8ConnectionsAreAnsweredInOrder() throws Exception {
        String user = newUser();
        String decomposed = "Cafe\u0301";
        int connections = 6;
        int rounds = 15;
        try (RawImapClient legacy = connect(user)) {
            ok(legacy.command("CREATE " + ModifiedUtf7.encodeModifiedUTF7(decomposed)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<List<String>>> answered = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int connection = c;
                answered.add(pool.submit(() -> {
                    try (RawImapClient client = connect(user)) {
                        ok(client.command("ENABLE UTF8=ACCEPT"));
                        StringBuilder pipeline = new StringBuilder();
                        for (int r = 0; r < rounds; r++) {
                            String child = "\"Caf\u00e9.c" + connection + "r" + r + "\"";
                            pipeline.append("r").append(r).append("a CREATE ").append(child).append("\r\n")
                                .append("r").append(r).append("b NOOP\r\n")
                                .append("r").append(r).append("c SELECT ").append(child).append("\r\n")
                                .append("r").append(r).append("d STATUS INBOX (MESSAGES)\r\n");
                        }
                        client.write(pipeline.toString());
                        return client.readUntilTagged("r" + (rounds - 1) + "d").stream()
                            .filter(line -> line.startsWith("r")).collect(Collectors.toList());
                    }
                }));
            }
            List<String> expected = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (String command : List.of("a OK", "b OK", "c OK", "d OK")) {
                    expected.add("r" + r + command);
                }
            }
            for (Future<List<String>> tagged : answered) {
                assertThat(tagged.get(60, TimeUnit.SECONDS)).map(line -> line.substring(0, line.indexOf(' ') + 3))
                    .containsExactlyElementsOf(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        try (RawImapClient legacy = connect(user)) {
            List<String> listed = ok(legacy.command("LIST \"\" \"*\""));
            assertThat(listed).filteredOn(line -> line.contains("Caf")).hasSize(1 + connections * rounds)
                .allMatch(line -> line.contains(ModifiedUtf7.encodeModifiedUTF7(decomposed)));
        }
    }

    /**
     * An APPEND whose literal the server spools to a file (larger than inMemorySizeLimit) to a non-ASCII name stored
     * decomposed: decoded again from its file, off the event loop, it lands in the mailbox stored.
     */
    @Test
    void aSpooledAppendToANonAsciiNameStoredDecomposedLandsInIt() throws Exception {
        String user = newUser();
        String decomposed = "Cafe\u0301";
        String message = "Subject: large\r\n\r\n" + "x".repeat(70).concat("\r\n").repeat(600);
        try (RawImapClient legacy = connect(user); RawImapClient utf8 = connect(user)) {
            ok(utf8.command("ENABLE UTF8=ACCEPT"));
            String encoded = ModifiedUtf7.encodeModifiedUTF7(decomposed);
            ok(legacy.command("CREATE " + encoded));
            utf8.write("a1 APPEND \"Caf\u00e9\" {" + message.length() + "}\r\n");
            assertThat(utf8.readResponse()).startsWith("+");
            utf8.write(message + "\r\n");
            ok(utf8.readUntilTagged("a1"));
            assertThat(ok(legacy.command("STATUS " + encoded + " (MESSAGES)"))).anyMatch(line -> line.endsWith("(MESSAGES 1)"));
            assertThat(ok(legacy.command("LIST \"\" \"Caf*\""))).as("no composed twin").hasSize(2);
        }
    }

    @Test
    void appendAnswersWithUidplusCodesOnImap4rev2() throws Exception {
        try (RawImapClient rev2 = rev2(newUser())) {
            assertThat(RawImapClient.last(ok(rev2.command("APPEND INBOX {" + MESSAGE.length() + "+}\r\n" + MESSAGE))))
                .matches("a\\d+ OK \\[APPENDUID \\d+ 1\\] .*");
            assertThat(RawImapClient.last(rev2.command("APPEND Missing {" + MESSAGE.length() + "+}\r\n" + MESSAGE)))
                .matches("a\\d+ NO \\[TRYCREATE\\] .*");
        }
    }

    /**
     * Several IMAP4rev1 and IMAP4rev2 connections select one mailbox while another appends: each message is \Recent in
     * exactly one IMAP4rev1 connection (RFC 3501 §2.3.2), and no IMAP4rev2 connection ever hears of \Recent.
     */
    @Test
    void recentGoesToExactlyOneImap4rev1ConnectionWhileImap4rev2OnesNeverHearOfIt() throws Exception {
        int rounds = 3;
        int perRound = 6;
        for (int round = 0; round < rounds; round++) {
            String user = newUser();
            List<RawImapClient> rev1s = new ArrayList<>();
            List<RawImapClient> rev2s = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(7);
            try {
                for (int i = 0; i < 3; i++) {
                    rev1s.add(connect(user));
                    rev2s.add(rev2(user));
                }
                for (RawImapClient client : rev1s) {
                    ok(client.command("SELECT INBOX"));
                }
                for (RawImapClient client : rev2s) {
                    ok(client.command("SELECT INBOX"));
                }
                List<Future<List<String>>> heard = new ArrayList<>();
                heard.add(pool.submit(() -> {
                    try (RawImapClient appender = connect(user)) {
                        for (int i = 0; i < perRound; i++) {
                            append(appender, "INBOX");
                        }
                    }
                    return List.of();
                }));
                for (RawImapClient client : rev1s) {
                    heard.add(pool.submit(polling(client, perRound)));
                }
                for (RawImapClient client : rev2s) {
                    heard.add(pool.submit(polling(client, perRound)));
                }
                int[] recentIn = new int[perRound + 1];
                List<List<String>> rev1Lines = new ArrayList<>();
                for (int i = 1; i < heard.size(); i++) {
                    List<String> lines = heard.get(i).get(60, TimeUnit.SECONDS);
                    if (i <= rev1s.size()) {
                        rev1Lines.add(lines);
                        recentMessages(lines).forEach(msn -> recentIn[msn]++);
                    } else {
                        assertThat(lines).as("round " + round).noneMatch(Imap4Rev2Contract::mentionsRecent);
                    }
                }
                heard.get(0).get(60, TimeUnit.SECONDS);
                for (int msn = 1; msn <= perRound; msn++) {
                    assertThat(recentIn[msn]).as("round " + round + ": message " + msn + " \\Recent in exactly one IMAP4rev1 connection: "
                            + rev1Lines)
                        .isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
                for (RawImapClient client : rev1s) {
                    client.close();
                }
                for (RawImapClient client : rev2s) {
                    client.close();
                }
            }
        }
    }

    /** NOOPs until the connection was told of {@code count} messages, then the flags of all of them (the last lines). */
    private static Callable<List<String>> polling(RawImapClient client, int count) {
        return () -> {
            List<String> lines = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
            while (lines.stream().noneMatch(line -> line.equals("* " + count + " EXISTS")) && System.nanoTime() < deadline) {
                lines.addAll(ok(client.command("NOOP")));
            }
            lines.addAll(ok(client.command("FETCH 1:* (FLAGS)")));
            return lines;
        };
    }

    /** The sequence numbers the answer to the last FETCH gives \\Recent. */
    private static Set<Integer> recentMessages(List<String> lines) {
        Pattern fetch = Pattern.compile("\\* (\\d+) FETCH \\(FLAGS \\(([^)]*)\\)\\)");
        Set<Integer> recent = new HashSet<>();
        for (int i = lines.size() - 2; i >= 0 && !lines.get(i).matches("a\\d+ OK.*"); i--) {
            Matcher matcher = fetch.matcher(lines.get(i));
            if (matcher.matches() && matcher.group(2).contains("\\Recent")) {
                recent.add(Integer.parseInt(matcher.group(1)));
            }
        }
        return recent;
    }

    @Test
    void pythonImaplibSpeaksImap4rev2() throws Exception {
        String user = newUser();
        try (RawImapClient rev1 = connect(user)) {
            append(rev1, "INBOX");
            append(rev1, "INBOX");
        }
        String output = PythonScript.run(PYTHON_REV2, port, user, PASSWORD);
        assertThat(output).contains("ENABLE OK").contains("LIST [b'(\\\\HasNoChildren) \".\" \"INBOX\"']")
            .contains("RECENT None").contains("UNSEEN None").contains("ESEARCH [b'(TAG \"")
            .contains("FLAGS [b'1 (FLAGS ())', b'2 (FLAGS ())']").contains("STATUS RECENT BAD").contains("LOGOUT BYE");
    }

    private static final String PYTHON_REV2 = String.join("\n",
        "import imaplib, sys",
        "port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]",
        "m = imaplib.IMAP4('127.0.0.1', port)",
        "m.login(user, password)",
        "assert 'IMAP4REV2' in m.capabilities, m.capabilities",
        "typ, data = m.enable('IMAP4rev2')",
        "print('ENABLE', typ)",
        "typ, data = m.select('INBOX')",
        "assert typ == 'OK', data",
        "print('LIST', m.untagged_responses.get('LIST'))",
        "print('RECENT', m.untagged_responses.get('RECENT'))",
        "print('UNSEEN', m.untagged_responses.get('UNSEEN'))",
        "typ, data = m._simple_command('SEARCH', 'ALL')",
        "assert typ == 'OK', data",
        "print('ESEARCH', m._untagged_response(typ, data, 'ESEARCH')[1])",
        "typ, data = m.fetch('1:*', '(FLAGS)')",
        "print('FLAGS', data)",
        "try:",
        "    m.status('INBOX', '(RECENT)')",
        "except imaplib.IMAP4.error as e:",
        "    print('STATUS RECENT BAD', e)",
        "print('LOGOUT', m.logout()[0])",
        "");
}
