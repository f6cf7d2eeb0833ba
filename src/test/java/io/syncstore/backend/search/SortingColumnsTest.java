package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MailboxPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.api.MessageSortingFields;
import io.syncstore.api.SortingFields;
import io.syncstore.api.ThreadingFields;
import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.quota.QuotaUsageTest;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;

import reactor.core.publisher.Mono;

/**
 * What SORT and THREAD compare is kept per message from the moment it is stored, and the messages of a database from
 * before schema V20 get it when the store opens.
 */
public class SortingColumnsTest {
    private static final Instant ARRIVAL = Instant.parse("2026-01-02T03:04:05Z");
    private static final String REPLY = "Date: Tue, 1 Dec 2026 10:00:00 +0100\r\n"
        + "Subject: Re: [list] Fwd: Lunch (fwd)\r\n"
        + "From: =?UTF-8?Q?Ann_B=C3=A9r?= <ann@example.org>, bob@example.org\r\n"
        + "To: team: carl@example.org, dan@example.org;\r\n"
        + "Message-ID: <reply@example.org>\r\n"
        + "In-Reply-To: <ignored@example.org>\r\n"
        + "References: <first@example.org>\r\n <second@example.org>\r\n"
        + "\r\nbody\r\n";
    private static final String BARE = "X-Nothing: here\r\n\r\nbody\r\n";
    /**
     * A subject with characters of two, three and four octets in UTF-8 and a NUL (kept as U+FFFD: PostgreSQL's text
     * holds none), sent before 1970, IDs only in In-Reply-To, a body that decodes to a NUL too.
     */
    private static final String ODD = "Date: 1 Jan 1960 00:00:00 +0000\r\n"
        + "Subject: =?UTF-8?Q?one_=C3=A9_=E2=82=AC_two_=F0=9F=98=80=00_three?= \r\n"
        + "In-Reply-To: <reply@example.org> <other@example.org>\r\n"
        + "Content-Transfer-Encoding: quoted-printable\r\n"
        + "\r\nbo=00dy\r\n";

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path folder;

    @Test
    void fieldsAreKeptWhenStoredAndLeaveWithTheMessage() throws Exception {
        Store store = new Store(databases.open(TestDatabases.configurationIn(folder, SyncPolicy.NORMAL)));
        MessageUid reply = store.append(REPLY);
        MessageUid bare = store.append(BARE);
        MessageUid expunged = store.append(BARE);
        store.mailbox.delete(List.of(expunged), store.session);

        Map<MessageUid, SortingFields> fields = store.sortingFields(List.of(reply, bare, expunged));

        assertThat(fields).containsOnlyKeys(reply, bare);
        assertReply(fields.get(reply));
        assertBare(fields.get(bare));
        assertThat(copies(store.database)).isEqualTo(messageRows(store.database));
    }

    /** THREAD's columns, read joined in one text, say what each message's sorting fields say. */
    @Test
    void threadingFieldsAreTheSortingFieldsOfTheMessagesHeld() throws Exception {
        Store store = new Store(databases.open(TestDatabases.configurationIn(folder, SyncPolicy.NORMAL)));
        MessageUid reply = store.append(REPLY);
        MessageUid left = store.append(BARE);
        MessageUid odd = store.append(ODD);
        MessageUid expunged = store.append(BARE);
        MessageUid bare = store.append(BARE);
        store.mailbox.delete(List.of(expunged), store.session);
        List<MessageUid> asked = List.of(reply, odd, expunged, bare);

        ThreadingFields threading = store.threadingFields(asked).orElseThrow();

        Map<MessageUid, SortingFields> sorting = store.sortingFields(asked);
        assertThat(sorting).containsOnlyKeys(reply, odd, bare).doesNotContainKey(left);
        assertThat(threading.size()).isEqualTo(3);
        List<MessageUid> held = List.of(reply, odd, bare);
        for (int i = 0; i < held.size(); i++) {
            SortingFields fields = sorting.get(held.get(i));
            assertThat(threading.uid(i)).isEqualTo(held.get(i).asLong());
            assertThat(threading.sent(i)).isEqualTo(fields.sent().toEpochMilli());
            assertThat(threading.baseSubject(i)).isEqualTo(fields.baseSubject());
            assertThat(threading.replyOrForward(i)).isEqualTo(fields.replyOrForward());
            assertThat(Optional.ofNullable(threading.messageId(i))).isEqualTo(fields.messageId());
            assertThat(threading.references(i)).containsExactlyElementsOf(fields.references());
        }
        assertThat(threading.baseSubject(1))
            .isEqualTo("ONE é € TWO \uD83D\uDE00\uFFFD THREE");
        assertThat(threading.sent(1)).isNegative();
        assertThat(threading.references(1)).containsExactly("reply@example.org");
    }

    /** A message whose copy is not made yet (the start-up fill) leaves THREAD to read the sorting fields. */
    @Test
    void threadingFieldsAreNotReadWhileAMessageHasNoCopy() throws Exception {
        Store store = new Store(databases.open(TestDatabases.configurationIn(folder, SyncPolicy.NORMAL)));
        MessageUid reply = store.append(REPLY);
        MessageUid bare = store.append(BARE);
        store.database.write(connection -> Sql.update(connection, "DELETE FROM message_sorting WHERE message_id = "
            + "(SELECT max(message_id) FROM message_sorting)"));

        assertThat(store.threadingFields(List.of(reply, bare))).isEmpty();
        assertThat(store.threadingFields(List.of())).get().extracting(ThreadingFields::size).isEqualTo(0);
    }

    @Test
    void messagesStoredBeforeV25AreCopiedToTheNarrowTableByTheMigration() throws Exception {
        Reopened reopened = storedThenReopenedAfter(SortingColumnsTest::undoMigrationV25);

        assertThat(copies(reopened.database)).isEqualTo(2);
        Map<MessageUid, SortingFields> fields = new Store(reopened.database)
            .sortingFields(List.of(reopened.reply, reopened.bare));
        assertReply(fields.get(reopened.reply));
        assertBare(fields.get(reopened.bare));
    }

    /**
     * The database as it was before V25, which runs again at the next opening. A test undoing an earlier migration
     * undoes this one first: Flyway runs an undone migration only as the last.
     */
    public static void undoMigrationV25(Connection connection) throws SQLException {
        undoMigrationV26(connection);
        Sql.update(connection, "DROP TABLE message_sorting");
        Sql.update(connection, "DELETE FROM flyway_schema_history WHERE version = '25'");
    }

    /** The database as it was before V26, which runs again at the next opening. */
    public static void undoMigrationV26(Connection connection) throws SQLException {
        FlaggedEntriesIndexTest.undoMigrationV28(connection);
        if (connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            Sql.update(connection, "DROP FUNCTION mailbox_message_sorting_kept() CASCADE");
            Sql.update(connection, "DROP FUNCTION message_sorting_entered() CASCADE");
        } else {
            for (String trigger : List.of("mailbox_message_sorting_entered", "mailbox_message_sorting_left",
                    "mailbox_message_sorting_moved", "message_sorting_entered")) {
                Sql.update(connection, "DROP TRIGGER " + trigger);
            }
        }
        Sql.update(connection, "DROP TABLE mailbox_message_sorting");
        Sql.update(connection, "DELETE FROM flyway_schema_history WHERE version = '26'");
    }

    @Test
    void messagesStoredBeforeV20GetTheirFieldsWhenTheStoreOpens() throws Exception {
        Reopened before = storedThenReopenedAfter(connection -> {
            undoMigrationV25(connection);
            QuotaUsageTest.undoMigrationV24(connection);
            SearchIndexRebuildTest.undoMigrationV23(connection);
            SearchIndexRebuildTest.undoMigrationV21(connection);
            undoMigrationV20(connection);
        });
        Database migrated = before.database;
        MessageUid reply = before.reply;
        MessageUid bare = before.bare;
        assertThat(unfilled(migrated)).isEqualTo(2);
        Store reopened = new Store(migrated);

        assertThat(unfilled(migrated)).isZero();
        assertThat(migrated.<Long>read(connection -> Sql.count(connection, "SELECT count(*) FROM mailbox_message_sorting")))
            .as("each entry's keys for SORT by SUBJECT and FROM (V26), copied when its message's copy is made")
            .isEqualTo(2);
        Map<MessageUid, SortingFields> fields = reopened.sortingFields(List.of(reply, bare));
        assertReply(fields.get(reply));
        assertBare(fields.get(bare));
        assertThat(SortingColumns.backfill(migrated)).isZero();
    }

    /**
     * On PostgreSQL an entry written beside the fill of its message's copy can be left without its SORT keys (V26): the
     * fill gives them to every such entry once it has filled the messages it found.
     */
    @Test
    void entriesLeftWithoutTheirKeysWhileTheFillRanGetThemAfterIt() throws Exception {
        Store store = new Store(databases.open(TestDatabases.configurationIn(folder, SyncPolicy.NORMAL)));
        MessageUid raced = store.append(REPLY);
        MessageUid unfilled = store.append(BARE);
        store.database.write(connection -> {
            Sql.update(connection, "DELETE FROM mailbox_message_sorting WHERE uid IN (?, ?)", raced.asLong(),
                unfilled.asLong());
            String message = "(SELECT message_id FROM mailbox_message WHERE uid = ?)";
            Sql.update(connection, "DELETE FROM message_sorting WHERE message_id = " + message, unfilled.asLong());
            return Sql.update(connection, "UPDATE message SET sort_subject = NULL WHERE id = " + message,
                unfilled.asLong());
        });

        assertThat(SortingColumns.backfill(store.database)).isEqualTo(1);

        assertThat(store.database.<List<Long>>read(connection -> Sql.list(connection,
            "SELECT uid FROM mailbox_message_sorting ORDER BY uid", row -> row.getLong(1))))
            .containsExactly(raced.asLong(), unfilled.asLong());
    }

    /** {@link #REPLY} and {@link #BARE} stored, the schema taken back by {@code undo}, the database opened again. */
    private Reopened storedThenReopenedAfter(Undo undo) throws Exception {
        SyncStoreConfiguration configuration = TestDatabases.configurationIn(folder, SyncPolicy.NORMAL);
        Database before = databases.open(configuration);
        Store store = new Store(before);
        MessageUid reply = store.append(REPLY);
        MessageUid bare = store.append(BARE);
        before.write(connection -> {
            undo.apply(connection);
            return null;
        });
        before.close();
        return new Reopened(databases.open(configuration), reply, bare);
    }

    private interface Undo {
        void apply(Connection connection) throws SQLException;
    }

    private static final class Reopened {
        final Database database;
        final MessageUid reply;
        final MessageUid bare;

        Reopened(Database database, MessageUid reply, MessageUid bare) {
            this.database = database;
            this.reply = reply;
            this.bare = bare;
        }
    }

    /** The database as it was before V20, which runs again at the next opening. */
    static void undoMigrationV20(Connection connection) throws SQLException {
        Sql.update(connection, "DROP INDEX message_without_sorting_fields");
        for (String column : List.of("sort_sent", "sort_subject", "sort_reply", "sort_message_id", "sort_references",
                "sort_from", "sort_to", "sort_cc", "sort_display_from", "sort_display_to")) {
            Sql.update(connection, "ALTER TABLE message DROP COLUMN " + column);
        }
        Sql.update(connection, "DELETE FROM flyway_schema_history WHERE version = '20'");
    }

    private static void assertReply(SortingFields reply) {
        assertThat(reply.sent()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(reply.arrival()).isEqualTo(ARRIVAL);
        assertThat(reply.baseSubject()).isEqualTo("LUNCH");
        assertThat(reply.replyOrForward()).isTrue();
        assertThat(reply.messageId()).contains("reply@example.org");
        assertThat(reply.references()).containsExactly("first@example.org", "second@example.org");
        assertThat(reply.addresses().fromMailbox()).isEqualTo("ANN");
        assertThat(reply.addresses().fromDisplay()).isEqualTo("ANN BéR");
        assertThat(reply.addresses().toMailbox()).isEqualTo("CARL");
        assertThat(reply.addresses().toDisplay()).isEqualTo("CARL@EXAMPLE.ORG");
        assertThat(reply.addresses().ccMailbox()).isEmpty();
        assertThat(reply.size()).isEqualTo(REPLY.length());
    }

    private static void assertBare(SortingFields bare) {
        assertThat(bare.sent()).isEqualTo(ARRIVAL);
        assertThat(bare.baseSubject()).isEmpty();
        assertThat(bare.replyOrForward()).isFalse();
        assertThat(bare.messageId()).isEmpty();
        assertThat(bare.references()).isEmpty();
        assertThat(bare.addresses().fromMailbox()).isEmpty();
        assertThat(bare.addresses().fromDisplay()).isEmpty();
    }

    private static long copies(Database database) throws Exception {
        return database.read(connection -> Sql.count(connection, "SELECT count(*) FROM message_sorting"));
    }

    private static long messageRows(Database database) throws Exception {
        return database.read(connection -> Sql.count(connection, "SELECT count(*) FROM message"));
    }

    private static long unfilled(Database database) throws Exception {
        return database.read(connection -> Sql.count(connection, "SELECT count(*) FROM message WHERE sort_subject IS NULL"));
    }

    /** INBOX of a user of the database's store. */
    static final class Store {
        final Database database;
        final MailboxSession session;
        final MessageManager mailbox;
        final IndexedSearchIndex searchIndex;

        Store(Database database) throws Exception {
            this.database = database;
            SyncStoreResources resources = SyncStoreResources.defaultResources(database);
            searchIndex = (IndexedSearchIndex) resources.getSearchIndex();
            session = resources.getMailboxManager().createSystemSession(Username.of("user"));
            MailboxPath inbox = MailboxPath.inbox(session);
            if (!Mono.from(resources.getMailboxManager().mailboxExists(inbox, session)).block()) {
                resources.getMailboxManager().createMailbox(inbox, session);
            }
            mailbox = resources.getMailboxManager().getMailbox(inbox, session);
        }

        /** Appends the message and waits until the search index holds it. */
        MessageUid append(String message) throws Exception {
            MessageUid uid = mailbox.appendMessage(MessageManager.AppendCommand.builder().withInternalDate(Date.from(ARRIVAL))
                .build(message), session).getId().getUid();
            searchIndex.caughtUp().get(60, java.util.concurrent.TimeUnit.SECONDS);
            return uid;
        }

        Map<MessageUid, SortingFields> sortingFields(List<MessageUid> uids) {
            return ((MessageSortingFields) mailbox).sortingFields(uids, session).block();
        }

        Optional<ThreadingFields> threadingFields(List<MessageUid> uids) {
            long[] ascending = uids.stream().mapToLong(MessageUid::asLong).sorted().toArray();
            return ((MessageSortingFields) mailbox).threadingFields(ascending, session).block();
        }
    }
}
