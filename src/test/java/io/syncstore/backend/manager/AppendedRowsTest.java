package io.syncstore.backend.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreMailboxManager;
import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;

/**
 * Every row an APPEND writes for a message (the message row with its header, summary and sorting fields, its narrow
 * sorting copy, its search index rows and words, its body and attachments' contents, its attachments, its thread keys,
 * its mailbox entry) is the same as the code of commit 7dfea91 wrote (0a27649's APPEND, with the two dates V31 adds to
 * the sorting copy), for a corpus of varied messages: nested multiparts, message/rfc822 parts, encoded words, 8-bit
 * text, base64 and quoted-printable parts, broken MIME. The expected rows are that code's, kept in
 * {@code src/test/resources/appended-rows/} (written by this test run with {@code -Dappended.rows.write=FOLDER} on that
 * commit's tree), but for PostgreSQL's word index (V34: its words by column, {@link #POSTGRES_WORDS}) and a word
 * longer than {@code IndexTerms.LONGEST_WORD} (left out of the vocabulary, its body searched by scanning), written by
 * the fifteenth session's code; values made at random (message, thread and attachment
 * ids) and row ids are replaced by their order of first appearance, the save date (the clock's) by a mark.
 */
class AppendedRowsTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private static final Path DIFFERENTIAL = Path.of("integration-tests/src/test/resources/differential/messages");
    private static final Set<String> RANDOM = Set.of("message_id", "thread_id", "attachment_id");
    /** Row ids (a PostgreSQL database of the test server may not start its sequences at 1): numbered as they come. */
    private static final Set<String> ROW_IDS = Set.of("message.id", "message_pk", "rowid", "message_id", "mailbox_id");
    /** The tables an APPEND writes a message's rows to, each with the query of its rows in an order this test fixes. */
    private static final Map<String, String> TABLES = tables();
    /**
     * PostgreSQL's rows of the word index (V34) hold the ids the vocabulary's sequence gave, which a reused test
     * database does not start at 1: its words by column instead, decoded from the keys ({@code IndexTerms.key}).
     */
    private static final String POSTGRES_WORDS = "SELECT t.rowid, (SELECT string_agg(w.term || ' in ' || k % 8, ', ' "
        + "ORDER BY k % 8, w.term) FROM unnest(search_keys(t.keys)) AS k JOIN search_term w ON w.id = k / 8) AS words "
        + "FROM message_text t ORDER BY t.rowid";

    private static Map<String, String> tables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("message", ordered("message", "id"));
        tables.put("message_sorting", ordered("message_sorting", "message_id"));
        tables.put("message_search", ordered("message_search", "message_pk"));
        tables.put("content", ordered("content", "hash"));
        tables.put("attachment", ordered("attachment", "content_hash, content_type, size"));
        tables.put("message_attachment", ordered("message_attachment", "message_id, position"));
        tables.put("thread_key", ordered("thread_key",
            "mime_message_id, (SELECT id FROM message WHERE message.message_id = thread_key.message_id)"));
        tables.put("mailbox_message", ordered("mailbox_message", "uid"));
        tables.put("mailbox_message_sorting", ordered("mailbox_message_sorting", "uid"));
        tables.put("search_term", TestDatabases.POSTGRESQL ? "SELECT term FROM search_term ORDER BY term"
            : ordered("search_term", "term"));
        tables.put("message_text", TestDatabases.POSTGRESQL ? POSTGRES_WORDS : ordered("message_text", "rowid"));
        return tables;
    }

    private static String ordered(String table, String order) {
        return "SELECT * FROM " + table + " ORDER BY " + order;
    }

    @Test
    void everyRowIsTheOneTheFormerCodeWrote() throws Exception {
        Database database = DATABASES.open();
        SyncStoreResources resources = SyncStoreResources.builder(database).build();
        SyncStoreMailboxManager manager = resources.getMailboxManager();
        MailboxSession session = manager.createSystemSession(Username.of("alice"));
        MailboxPath inbox = MailboxPath.inbox(Username.of("alice"));
        manager.createMailbox(inbox, session);
        MessageManager mailbox = manager.getMailbox(inbox, session);
        Date internalDate = new Date(1_796_000_000_000L);
        for (byte[] message : corpus()) {
            mailbox.appendMessage(MessageManager.AppendCommand.builder().withInternalDate(internalDate)
                .withFlags(new Flags(Flags.Flag.SEEN)).build(message), session);
        }
        // The index rows are written after the messages, by the background indexing
        resources.awaitIndexed();
        String rows = database.read(this::rows);
        String name = (TestDatabases.POSTGRESQL ? "postgresql" : "sqlite") + ".txt";
        String folder = System.getProperty("appended.rows.write");
        if (folder != null) {
            Files.writeString(Path.of(folder, name), rows);
        }
        String expected = new String(getClass().getResourceAsStream("/appended-rows/" + name).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rows).isEqualTo(expected);
    }

    private String rows(Connection connection) throws SQLException {
        Map<String, String> randomValues = new HashMap<>();
        StringBuilder rows = new StringBuilder();
        for (Map.Entry<String, String> table : TABLES.entrySet()) {
            rows.append("# ").append(table.getKey()).append('\n');
            appendRows(connection, table.getKey(), table.getValue(), randomValues, rows);
        }
        return rows.toString();
    }

    private static void appendRows(Connection connection, String table, String query, Map<String, String> randomValues,
                                   StringBuilder rows) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            ResultSetMetaData columns = result.getMetaData();
            while (result.next()) {
                for (int column = 1; column <= columns.getColumnCount(); column++) {
                    String name = columns.getColumnLabel(column).toLowerCase();
                    Object value = result.getObject(column);
                    String written = value instanceof byte[] ? Base64.getEncoder().encodeToString((byte[]) value) : String.valueOf(value);
                    if (value != null && name.equals("save_date")) {
                        written = "(a date)";
                    } else if (value instanceof Number && (ROW_IDS.contains(name) || ROW_IDS.contains(table + "." + name))) {
                        String kind = name.equals("mailbox_id") ? "mailbox " : "message ";
                        written = randomValues.computeIfAbsent(kind + written, any -> kind + randomValues.size());
                    } else if (value != null && (RANDOM.contains(name) || name.equals("id") && !(value instanceof Number))) {
                        written = randomValues.computeIfAbsent(written, any -> "random-" + randomValues.size());
                    }
                    rows.append(name).append('=').append(written).append(column < columns.getColumnCount() ? " | " : "\n");
                }
            }
        }
    }

    /** The messages of the differential IMAP test, then messages made for what they lack. */
    static List<byte[]> corpus() throws Exception {
        List<byte[]> messages = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIFFERENTIAL)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                // as the differential test sends them (CRLF), and as written (bare line feeds: no CRLF CRLF ends the header)
                String message = Files.readString(file, StandardCharsets.ISO_8859_1);
                messages.add(message.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                messages.add(message.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        for (String message : List.of(
            // nested multiparts with a message/rfc822 holding a multipart, a quoted-printable part and an inline image
            "From: =?UTF-8?B?SsO8cmdlbg==?= <j@example.org>\r\nTo: a@example.org, \"B, C\" <bc@example.org>\r\n"
                + "Cc: Group: x@example.org, y@example.org;\r\nSubject: =?ISO-8859-1?Q?Gr=FC=DFe?= and Re: [list] Fwd: more\r\n"
                + "Date: Sun, 6 Dec 2026 10:00:00 +0100\r\nMessage-ID: <n1@example.org>\r\nReferences: <r0@example.org> <r1@example.org>\r\n"
                + "In-Reply-To: <r1@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=outer\r\n\r\n"
                + "preamble text\r\n--outer\r\nContent-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n--inner\r\n"
                + "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Gr=FC=DFe aus K=F6ln, a soft=\r\nbreak\r\n--inner\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                + "<p>Gr\u00fc\u00dfe</p>\r\n--inner--\r\n--outer\r\nContent-Type: message/rfc822\r\n\r\n"
                + "From: inner@example.org\r\nSubject: encapsulated\r\nContent-Type: multipart/mixed; boundary=deep\r\n\r\n"
                + "--deep\r\nContent-Type: text/plain\r\n\r\ndeep text\r\n--deep\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"a.bin\"\r\n\r\n"
                + "AAECAwQFBgcICQ==\r\n--deep--\r\n--outer\r\nContent-Type: image/png\r\nContent-ID: <img1@example.org>\r\n"
                + "Content-Disposition: inline\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--outer--\r\n"
                + "epilogue text\r\n",
            // 8-bit text without a charset, a UTF-8 header (RFC 6532)
            "From: Ren\u00e9e <renee@example.org>\r\nSubject: caf\u00e9 cr\u00e8me\r\nDate: 6 Dec 2026 11:00 GMT\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nd\u00e9j\u00e0 vu, na\u00efve fa\u00e7ade\r\n",
            // broken: a multipart without boundary, a boundary never closed, a header line without a colon
            "From: a@example.org\r\nSubject: no boundary\r\nContent-Type: multipart/mixed\r\n\r\n--x\r\ntext\r\n",
            "From: a@example.org\r\nnot a field\r\nSubject: unclosed\r\nContent-Type: multipart/mixed; boundary=u\r\n\r\n"
                + "--u\r\nContent-Type: text/plain\r\n\r\nfirst\r\n--u\r\nContent-Type: text/plain; charset=\"bogus-charset\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n!!not base64!!\r\n",
            // broken: line feeds only, no empty line at all, a bad date, bad encoded words
            "From: lf@example.org\nSubject: =?UTF-8?Q?bad=ZZ?= =?x?y?\nDate: yesterday\n\nbody with line feeds\nonly\n",
            "From: nobody@example.org\r\nSubject: header only, no body",
            // a PGP signature, a disposition notification, a calendar inline
            "From: s@example.org\r\nSubject: signed\r\nContent-Type: multipart/signed; boundary=s; protocol=\"application/pgp-signature\"\r\n\r\n"
                + "--s\r\nContent-Type: text/plain\r\n\r\nsigned text\r\n--s\r\nContent-Type: application/pgp-signature\r\n\r\n"
                + "-----BEGIN PGP SIGNATURE-----\r\nxyz\r\n-----END PGP SIGNATURE-----\r\n--s--\r\n",
            "From: mdn@example.org\r\nSubject: read\r\nContent-Type: message/disposition-notification\r\n\r\n"
                + "Final-Recipient: rfc822; a@example.org\r\nDisposition: manual-action/MDN-sent-manually; displayed\r\n",
            "From: cal@example.org\r\nSubject: meeting\r\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\r\n"
                + "Content-Disposition: inline\r\n\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")) {
            messages.add(message.getBytes(StandardCharsets.UTF_8));
        }
        messages.add(io.syncstore.backend.AppendPassesCost.text());
        messages.add(io.syncstore.backend.AppendPassesCost.withAttachments());
        messages.add(io.syncstore.backend.AppendPassesCost.words(35 * 1024));
        return messages;
    }
}
