package io.syncstore.imap.mode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.Test;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.PythonScript;
import io.syncstore.imap.RawImapClient;

/**
 * UTF8=ACCEPT (RFC 6855) over real sockets: a connection that enabled it and one that did not, side by side, on the
 * same user's mailboxes; and Python's imaplib as a real client in UTF-8 mode. Each server's test class extends it.
 */
public abstract class Utf8AcceptContract extends ImapServerContract {
    protected static final String DOMAIN = "utf8.test";
    private static final String SUBJECT = "Grüße aus Köln – 日本語";
    private static final String UTF8_MESSAGE = "From: Jörg <joerg@example.com>\r\nSubject: " + SUBJECT
        + "\r\n\r\nHallo Welt\r\n";

    public static void useServer(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, DOMAIN);
    }

    /** Whether the server's search index reads 8-bit header text as UTF-8 (RFC 6532), as SyncStore's does. */
    protected boolean searchFindsUtf8HeaderText() {
        return true;
    }

    /** The lines as the server sent their octets, read as UTF-8 (RawImapClient reads ISO-8859-1). */
    private static List<String> utf8(List<String> lines) {
        return lines.stream().map(line -> new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8))
            .collect(Collectors.toList());
    }

    private static RawImapClient enabled(String user) throws Exception {
        RawImapClient client = connect(user);
        assertThat(ok(client.command("ENABLE UTF8=ACCEPT"))).contains("* ENABLED UTF8=ACCEPT");
        return client;
    }

    private static void bad(List<String> lines) {
        assertThat(RawImapClient.last(lines)).as(lines.toString()).matches("a\\d+ BAD .*");
    }

    private static int octets(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void utf8AcceptIsOfferedAndEnabledForThatConnectionOnly() throws Exception {
        String user = newUser();
        try (RawImapClient legacy = connect(user); RawImapClient client = enabled(user)) {
            assertThat(legacy.command("CAPABILITY").get(0)).contains(" UTF8=ACCEPT").contains(" ENABLE");
            ok(legacy.command("CREATE \"&ZeVnLIqe-\""));
            assertThat(utf8(ok(client.command("LIST \"\" \"*\"")))).contains("* LIST (\\HasNoChildren) \".\" \"日本語\"")
                .noneMatch(line -> line.contains("&ZeVnLIqe-"));
            assertThat(ok(legacy.command("LIST \"\" \"*\""))).contains("* LIST (\\HasNoChildren) \".\" \"&ZeVnLIqe-\"");
        }
    }

    @Test
    void namesTravelAsUtf8ToTheEnabledConnectionAndAsModifiedUtf7ToOthers() throws Exception {
        String user = newUser();
        try (RawImapClient legacy = connect(user); RawImapClient client = enabled(user)) {
            ok(client.command("CREATE \"Résumé\""));
            ok(client.command("CREATE \"Résumé.日本語\""));
            ok(client.command("CREATE \"R&D\""));
            ok(client.command("CREATE {" + octets("Öl") + "+}\r\nÖl"));
            assertThat(utf8(ok(client.command("STATUS \"Résumé\" (MESSAGES)")))).contains("* STATUS \"Résumé\" (MESSAGES 0)");
            assertThat(utf8(ok(client.command("LIST \"\" \"*\""))))
                .contains("* LIST (\\HasChildren) \".\" \"Résumé\"", "* LIST (\\HasNoChildren) \".\" \"Résumé.日本語\"",
                    "* LIST (\\HasNoChildren) \".\" \"R&D\"", "* LIST (\\HasNoChildren) \".\" \"Öl\"");
            assertThat(utf8(ok(client.command("LIST \"Résumé.\" \"日%\""))))
                .filteredOn(line -> line.startsWith("* ")).containsExactly("* LIST (\\HasNoChildren) \".\" \"Résumé.日本語\"");
            assertThat(utf8(ok(client.command("LIST \"\" (\"R&*\" \"Ö*\")"))))
                .filteredOn(line -> line.startsWith("* ")).containsExactlyInAnyOrder(
                    "* LIST (\\HasNoChildren) \".\" \"R&D\"", "* LIST (\\HasNoChildren) \".\" \"Öl\"");
            assertThat(utf8(ok(client.command("LIST \"\" \"Résumé\" RETURN (STATUS (MESSAGES))"))))
                .contains("* STATUS \"Résumé\" (MESSAGES 0)");
            ok(client.command("SUBSCRIBE \"Résumé.日本語\""));
            assertThat(utf8(ok(client.command("LSUB \"\" \"*\"")))).contains("* LSUB () \".\" \"Résumé.日本語\"");
            ok(client.command("RENAME \"Öl\" \"Äpfel\""));
            assertThat(ok(client.command("SELECT \"Résumé.日本語\""))).anyMatch(line -> line.contains("[READ-WRITE]"));

            assertThat(ok(legacy.command("LIST \"\" \"*\""))).contains("* LIST (\\HasChildren) \".\" \"R&AOk-sum&AOk-\"",
                "* LIST (\\HasNoChildren) \".\" \"R&AOk-sum&AOk-.&ZeVnLIqe-\"", "* LIST (\\HasNoChildren) \".\" \"R&-D\"",
                "* LIST (\\HasNoChildren) \".\" \"&AMQ-pfel\"");
            assertThat(ok(legacy.command("STATUS \"R&AOk-sum&AOk-\" (MESSAGES)"))).contains("* STATUS \"R&AOk-sum&AOk-\" (MESSAGES 0)");
            assertThat(legacy.command("LIST \"\" \"*\"")).allMatch(line -> line.chars().allMatch(c -> c < 128));
        }
    }

    /** NOTIFY's LIST and STATUS are written outside of commands, on the same modes. */
    @Test
    void notifyTellsUtf8NamesToTheEnabledConnection() throws Exception {
        String user = newUser();
        try (RawImapClient legacy = connect(user); RawImapClient client = enabled(user)) {
            ok(client.command("NOTIFY SET (personal (MailboxName))"));
            ok(legacy.command("CREATE \"&ZeVnLIqe-.Stra&AN8-e\""));
            List<String> told = new ArrayList<>();
            while (told.size() < 2) {
                told.add(RawImapClient.last(utf8(client.readUntil(line -> line.startsWith("* LIST"), Duration.ofSeconds(10)))));
            }
            assertThat(told).anyMatch(line -> line.startsWith("* LIST (") && line.endsWith("\".\" \"日本語\""))
                .anyMatch(line -> line.startsWith("* LIST (") && line.endsWith("\".\" \"日本語.Straße\""));
            ok(client.command("NOOP"));
        }
    }

    @Test
    void octetsThatAreNotUtf8AndControlCharactersInNamesAreBadAndTheConnectionGoesOn() throws Exception {
        String user = newUser();
        try (RawImapClient legacy = connect(user); RawImapClient client = enabled(user)) {
            client.write("a90 CREATE \"bad".getBytes(StandardCharsets.US_ASCII));
            client.write(new byte[] {(byte) 0xC3, '(', '"', '\r', '\n'});
            bad(client.readUntilTagged("a90"));
            bad(client.command("CREATE \"bell\u0085name\""));
            bad(client.command("CREATE \"line\u2028name\""));
            ok(client.command("NOOP"));
            assertThat(ok(client.command("LIST \"\" \"*\""))).noneMatch(line -> line.contains("bad") || line.contains("name"));
            bad(legacy.command("CREATE \"Résumé\""));
            ok(legacy.command("NOOP"));
        }
    }

    @Test
    void appendUtf8StoresTheMessageAndItsHeaderIsReadAndSearchedInUtf8() throws Exception {
        String user = newUser();
        try (RawImapClient legacy = connect(user); RawImapClient client = enabled(user)) {
            List<String> appended = ok(client.command("APPEND INBOX UTF8 (~{" + octets(UTF8_MESSAGE) + "+}\r\n" + UTF8_MESSAGE + ")"));
            assertThat(RawImapClient.last(appended)).contains("[APPENDUID ");
            ok(client.command("SELECT INBOX"));
            List<String> fetched = utf8(ok(client.command("FETCH 1 (ENVELOPE BODY.PEEK[HEADER.FIELDS (SUBJECT)])")));
            assertThat(fetched.get(0)).contains("\"" + SUBJECT + "\"").contains("\"Jörg\"").contains("Subject: " + SUBJECT);
            // the items alone: answered from what the store wrote at APPEND, in UTF-8 for this connection
            assertThat(utf8(ok(client.command("FETCH 1 (ENVELOPE BODYSTRUCTURE)"))).get(0))
                .contains("\"" + SUBJECT + "\"").contains("\"Jörg\"");
            List<String> bySubject = ok(client.command("SEARCH SUBJECT \"Köln\""));
            List<String> byFrom = ok(client.command("SEARCH FROM {" + octets("Jörg") + "+}\r\nJörg"));
            if (searchFindsUtf8HeaderText()) {
                assertThat(bySubject).contains("* SEARCH 1");
                assertThat(byFrom).contains("* SEARCH 1");
            }
            bad(client.command("SEARCH CHARSET UTF-8 SUBJECT \"Köln\""));
            bad(client.command("SEARCH CHARSET US-ASCII ALL"));

            ok(legacy.command("SELECT INBOX"));
            assertThat(legacy.command("FETCH 1 (ENVELOPE)").get(0)).as("no 8-bit octet in a quoted string")
                .matches("\\* 1 FETCH \\(ENVELOPE .*").matches("[\\x00-\\x7f]*");
            List<String> legacySearch = ok(legacy.command("SEARCH CHARSET UTF-8 SUBJECT {" + octets("Köln") + "+}\r\nKöln"));
            if (searchFindsUtf8HeaderText()) {
                assertThat(legacySearch).contains("* SEARCH 1");
            }
            ok(legacy.command("NOOP"));
        }
    }

    @Test
    void aConnectionThatDidNotEnableItIsRefusedUtf8Appends() throws Exception {
        String user = newUser();
        try (RawImapClient legacy = connect(user)) {
            bad(legacy.command("APPEND INBOX UTF8 (~{" + octets(UTF8_MESSAGE) + "+}\r\n" + UTF8_MESSAGE + ")"));
            assertThat(RawImapClient.last(legacy.command("APPEND INBOX {" + octets(UTF8_MESSAGE) + "+}\r\n" + UTF8_MESSAGE)))
                .as("RFC 6855 §4: 8-bit header fields from a connection that did not enable UTF8=ACCEPT")
                .matches("a\\d+ NO .*");
            String eightBitBody = "Subject: plain\r\n\r\nGrüße\r\n";
            ok(legacy.command("APPEND INBOX {" + octets(eightBitBody) + "+}\r\n" + eightBitBody));
            assertThat(ok(legacy.command("STATUS INBOX (MESSAGES)"))).contains("* STATUS \"INBOX\" (MESSAGES 1)");
        }
    }

    /** Python's imaplib: ENABLE UTF8=ACCEPT switches it to UTF-8 (its _mode_utf8); names go out and come back in UTF-8. */
    @Test
    void pythonImaplibInUtf8Mode() throws Exception {
        String user = newUser();
        String output = PythonScript.run(PYTHON_UTF8, port, user, PASSWORD);
        assertThat(output).contains("LIST (\\HasNoChildren) \".\" \"Café.日本語\"")
            .contains("STATUS \"Café.日本語\" (MESSAGES 0 UIDNEXT 1)")
            .contains("SELECT OK");
        try (RawImapClient legacy = connect(user)) {
            assertThat(legacy.command("LIST \"\" \"*\"")).contains("* LIST (\\HasNoChildren) \".\" \"Caf&AOk-.&ZeVnLIqe-\"");
        }
    }

    private static final String PYTHON_UTF8 = String.join("\n",
        "import imaplib, sys",
        "port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]",
        "m = imaplib.IMAP4('127.0.0.1', port)",
        "m.login(user, password)",
        "assert 'UTF8=ACCEPT' in m.capabilities, m.capabilities",
        "typ, data = m.enable('UTF8=ACCEPT')",
        "assert typ == 'OK' and m.utf8_enabled, (typ, data)",
        "assert m.create('\"Café.日本語\"')[0] == 'OK'",
        "typ, data = m.list('\"\"', '\"Caf*\"')",
        "assert typ == 'OK', data",
        "for line in data: print('LIST', line.decode('utf-8'))",
        "typ, data = m.status('\"Café.日本語\"', '(MESSAGES UIDNEXT)')",
        "assert typ == 'OK', data",
        "print('STATUS', data[0].decode('utf-8'))",
        "typ, data = m.select('\"Café.日本語\"')",
        "print('SELECT', typ)",
        "m.logout()",
        "");
}
