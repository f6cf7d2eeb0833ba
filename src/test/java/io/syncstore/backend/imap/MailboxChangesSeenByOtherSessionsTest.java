package io.syncstore.backend.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.PostgresTestServer;
import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.RawImapClient;
import io.syncstore.server.SyncStoreTestServer;

/**
 * A mailbox is looked up once and kept between commands; a change one connection makes to it (its ACL, its name, its
 * existence) must reach another connection's very next command, over a socket, on the database the build selects.
 * Each test first has the other connection use the mailbox, so that what it changes is what was kept.
 */
class MailboxChangesSeenByOtherSessionsTest extends ImapServerContract {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = SyncStoreTestServer.onSelectedDatabase();

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, "changes.test");
    }

    @AfterAll
    static void releaseDatabase() {
        if (TestDatabases.POSTGRESQL) {
            PostgresTestServer.instance().releaseDatabases();
        }
    }

    /**
     * James 3.8.1's IMAP names no other user's mailbox, so the rights changed are the owner's own: a negative entry
     * takes the expunge right from the owner's full rights (EXPUNGE checks it on the selected mailbox as looked up for
     * the command), and removing the entry gives it back.
     */
    @Test
    void rightsRemovedAndGivenBackByAnotherConnectionTakeEffectAtTheNextCommand() throws Exception {
        String user = newUser();
        try (RawImapClient selecting = connect(user); RawImapClient changing = connect(user)) {
            selectedWithOneMessage(selecting, "Shared", "shared message");
            ok(selecting.command("STORE 1 +FLAGS.SILENT (\\Deleted)"));
            ok(selecting.command("FETCH 1 (FLAGS)"));

            ok(changing.command("SETACL Shared -" + user + " e"));
            assertThat(RawImapClient.last(selecting.command("EXPUNGE"))).matches("a\\d+ NO .*read only.*");
            assertThat(ok(selecting.command("FETCH 1 (FLAGS)"))).anyMatch(line -> line.startsWith("* 1 FETCH (FLAGS (\\Deleted"));

            ok(changing.command("DELETEACL Shared -" + user));
            assertThat(ok(selecting.command("EXPUNGE"))).contains("* 1 EXPUNGE");
        }
    }

    @Test
    void aMailboxRenamedByAnotherConnectionKeepsItsMessagesAndItsOldNameNamesTheNewMailbox() throws Exception {
        String user = newUser();
        try (RawImapClient selecting = connect(user); RawImapClient renaming = connect(user)) {
            selectedWithOneMessage(selecting, "Work", "first in Work");

            ok(renaming.command("RENAME Work Done"));
            ok(renaming.command("CREATE Work"));

            assertThat(ok(selecting.command("FETCH 1 (BODY.PEEK[TEXT])"))).anyMatch(line -> line.contains("first in Work"));
            append(selecting, "Work", "second, in the new Work");
            assertThat(ok(renaming.command("STATUS Work (MESSAGES)"))).contains("* STATUS \"Work\" (MESSAGES 1)");
            assertThat(ok(renaming.command("STATUS Done (MESSAGES)"))).contains("* STATUS \"Done\" (MESSAGES 1)");
            ok(renaming.command("SELECT Work"));
            assertThat(ok(renaming.command("FETCH 1 (BODY.PEEK[TEXT])"))).anyMatch(line -> line.contains("second, in the new Work"));
        }
    }

    @Test
    void aMailboxDeletedByAnotherConnectionIsGoneAtTheNextCommand() throws Exception {
        String user = newUser();
        try (RawImapClient selecting = connect(user); RawImapClient deleting = connect(user)) {
            selectedWithOneMessage(selecting, "Temp", "soon gone");

            ok(deleting.command("DELETE Temp"));

            assertThat(RawImapClient.last(selecting.command("FETCH 1 (FLAGS)"))).doesNotMatch("a\\d+ OK.*");
        }
        try (RawImapClient appending = connect(user)) {
            assertThat(RawImapClient.last(appending.command("APPEND Temp {5+}\r\nhello"))).contains("NO [TRYCREATE]");
            assertNo(appending.command("SELECT Temp"));
            ok(appending.command("CREATE Temp"));
            append(appending, "Temp", "in the new Temp");
            assertThat(ok(appending.command("STATUS Temp (MESSAGES)"))).contains("* STATUS \"Temp\" (MESSAGES 1)");
        }
    }

    /** The mailbox created with one message, selected, and that message used (its flags fetched). */
    private static void selectedWithOneMessage(RawImapClient client, String mailbox, String body) throws IOException {
        ok(client.command("CREATE " + mailbox));
        append(client, mailbox, body);
        ok(client.command("SELECT " + mailbox));
        ok(client.command("FETCH 1 (FLAGS)"));
    }

    private static void append(RawImapClient client, String mailbox, String body) throws IOException {
        String message = "Subject: test\r\n\r\n" + body + "\r\n";
        ok(client.command("APPEND " + mailbox + " {" + message.length() + "+}\r\n" + message));
    }

    private static void assertNo(List<String> lines) {
        assertThat(RawImapClient.last(lines)).as(lines.toString()).matches("a\\d+ NO.*");
    }
}
