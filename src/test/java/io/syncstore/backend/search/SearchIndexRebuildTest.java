package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.SearchQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.quota.QuotaUsageTest;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;

/**
 * The index lives with the messages: after a restart it answers without a rebuild; index rows missing (a database of
 * before the index) or of an older format are made again when the store opens; an expunged message leaves it.
 */
class SearchIndexRebuildTest {
    private static final String REPORT = "Subject: Quarterly =?UTF-8?Q?R=C3=A9port?=\r\nFrom: Ann <ann@example.org>\r\n\r\n"
        + "numbers\r\n";
    private static final String LUNCH = "Subject: lunch\r\nContent-Transfer-Encoding: base64\r\n\r\nYmFuYW5hIGJyZWFk\r\n";

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path folder;

    @Test
    void indexSurvivesRestartAndIsRebuiltWhenMissingOrOlder() throws Exception {
        SyncStoreConfiguration configuration = TestDatabases.configurationIn(folder, SyncPolicy.NORMAL);
        Database first = databases.open(configuration);
        Store store = new Store(first);
        MessageUid report = store.append("Subject: Quarterly =?UTF-8?Q?R=C3=A9port?=\r\n\r\nnumbers\r\n");
        MessageUid lunch = store.append("Subject: lunch\r\nContent-Transfer-Encoding: base64\r\n\r\nYmFuYW5hIGJyZWFk\r\n");
        MessageUid gone = store.append("Subject: old report\r\n\r\nbanana\r\n");
        store.mailbox.delete(List.of(gone), store.session);
        assertThat(store.search(SearchQuery.headerContains("Subject", "rÉport"))).containsExactly(report);
        first.close();

        Database second = databases.open(configuration);
        assertThat(indexed(second)).isEqualTo(2);
        Store reopened = new Store(second);
        assertThat(reopened.search(SearchQuery.bodyContains("BANANA"))).containsExactly(lunch);

        second.write(connection -> {
            Sql.update(connection, "DELETE FROM message_text");
            Sql.update(connection, "DELETE FROM message_search WHERE message_pk = (SELECT min(message_pk) FROM message_search)");
            Sql.update(connection, "UPDATE message_search SET format = 0");
            return null;
        });
        assertThat(SearchIndexRows.rebuild(second, new io.syncstore.backend.content.ContentStore(second), () -> false)).isEqualTo(2);
        assertThat(reopened.search(SearchQuery.headerContains("Subject", "réport"))).containsExactly(report);
        assertThat(reopened.search(SearchQuery.bodyContains("bread"))).containsExactly(lunch);
        assertThat(SearchIndexRows.rebuild(second, new io.syncstore.backend.content.ContentStore(second), () -> false)).isZero();
    }

    @Test
    void indexOfThePreviousFormatIsCarriedForwardByTheMigration() throws Exception {
        SyncStoreConfiguration configuration = TestDatabases.configurationIn(folder, SyncPolicy.NORMAL);
        Database first = databases.open(configuration);
        Store store = new Store(first);
        MessageUid report = store.append(REPORT);
        MessageUid lunch = store.append(LUNCH);
        List<SearchText> texts = List.of(textOf(REPORT), textOf(LUNCH));
        first.write(connection -> {
            List<Long> pks = Sql.list(connection, "SELECT id FROM message ORDER BY id", row -> row.getLong(1));
            SortingColumnsTest.undoMigrationV25(connection);
            QuotaUsageTest.undoMigrationV24(connection);
            undoMigrationV23(connection);
            undoMigrationV21(connection);
            for (String statement : TestDatabases.POSTGRESQL ? POSTGRES_V14_INDEX : SQLITE_V14_INDEX) {
                Sql.update(connection, statement);
            }
            insertTexts(connection, pks, texts);
            Sql.update(connection, "DELETE FROM flyway_schema_history WHERE version = '18'");
            SortingColumnsTest.undoMigrationV20(connection);
            // V18 runs again only as the last migration: the later ones are undone with it
            Sql.update(connection, "DROP TABLE urlauth_key");
            Sql.update(connection, "DELETE FROM flyway_schema_history WHERE version = '19'");
            return null;
        });
        first.close();

        Database migrated = databases.open(configuration);
        long migrations = migrated.read(connection -> Sql.count(connection,
            "SELECT count(*) FROM flyway_schema_history WHERE version = '18'"));
        assertThat(migrations).isEqualTo(1);
        // The word index (SQLite's V21, PostgreSQL's V34) leaves the messages to be indexed again from their content
        assertThat(SearchIndexRows.rebuild(migrated, new io.syncstore.backend.content.ContentStore(migrated), () -> false))
            .isEqualTo(2);
        assertThat(SearchIndexRows.rebuild(migrated, new io.syncstore.backend.content.ContentStore(migrated), () -> false)).isZero();
        Store reopened = new Store(migrated);
        assertThat(reopened.search(SearchQuery.headerContains("Subject", "RÉPORT"))).containsExactly(report);
        assertThat(reopened.search(SearchQuery.address(SearchQuery.AddressType.From, "ann <ann@"))).containsExactly(report);
        assertThat(reopened.search(SearchQuery.bodyContains("nana bre"))).containsExactly(lunch);
        assertThat(reopened.search(SearchQuery.mailContains("lunch"))).containsExactly(lunch);
        reopened.mailbox.delete(List.of(lunch), reopened.session);
        assertThat(reopened.search(SearchQuery.bodyContains("banana"))).isEmpty();
    }

    @Test
    void wordsWithPrivateUseCharactersAreIndexedAgainByMigrationV22() throws Exception {
        SyncStoreConfiguration configuration = TestDatabases.configurationIn(folder, SyncPolicy.NORMAL);
        Database first = databases.open(configuration);
        Store store = new Store(first);
        MessageUid punctuation = store.append("Subject: dots\r\n\r\nsee a.b here\r\n");
        String privateUseMessage = "Subject: private\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nsee a\uE02Eb here\r\n";
        MessageUid privateUse = store.append(privateUseMessage);
        assertThat(store.search(SearchQuery.bodyContains("a.b"))).containsExactly(punctuation);
        assertThat(store.search(SearchQuery.bodyContains("A\uE02EB"))).containsExactly(privateUse);
        if (TestDatabases.POSTGRESQL) {
            return;
        }
        String oldDocument = IndexTerms.of(textOf(privateUseMessage)).document().replace("\uE080\uE02E", "\uE02E");
        first.write(connection -> {
            // As V21 indexed it: the private use character written as it is, which is the token of "a.b"
            long pk = Sql.count(connection, "SELECT message_id FROM mailbox_message WHERE uid = ?", privateUse.asLong());
            Sql.update(connection, "DELETE FROM message_text WHERE rowid = ?", pk);
            Sql.update(connection, "INSERT INTO message_text (rowid, terms) VALUES (?, ?)", pk, oldDocument);
            Sql.update(connection, "DELETE FROM flyway_schema_history WHERE version = '22'");
            return null;
        });
        assertThat(store.search(SearchQuery.bodyContains("a.b"))).containsExactly(punctuation, privateUse);
        first.write(connection -> {
            SortingColumnsTest.undoMigrationV25(connection);
            QuotaUsageTest.undoMigrationV24(connection);
            undoMigrationV23(connection);
            return null;
        });
        first.close();

        Store reopened = new Store(databases.open(configuration));
        assertThat(((IndexedSearchIndex) reopened.resources.getSearchIndex()).rebuild().get()).isEqualTo(2);
        assertThat(reopened.search(SearchQuery.bodyContains("a.b"))).containsExactly(punctuation);
        assertThat(reopened.search(SearchQuery.bodyContains("a\uE02Eb"))).containsExactly(privateUse);
        assertThat(reopened.search(SearchQuery.bodyContains("see"))).containsExactly(punctuation, privateUse);
    }

    @Test
    void rowsOfTheIndexBeforeV23AreCarriedForward() throws Exception {
        SyncStoreConfiguration configuration = TestDatabases.configurationIn(folder, SyncPolicy.NORMAL);
        Database first = databases.open(configuration);
        Store store = new Store(first);
        String filler = "lorem ipsum dolor sit amet\r\n".repeat(SearchText.INDEXED_BODY_LIMIT / 20);
        MessageUid longOne = store.append("Subject: long\r\n\r\n" + filler + "zanzibar at the end\r\n");
        MessageUid shortOne = store.append("Subject: short zanzibar\r\nX-Tag: fruit\r\n\r\nhere\r\n");
        first.write(connection -> {
            SortingColumnsTest.undoMigrationV25(connection);
            QuotaUsageTest.undoMigrationV24(connection);
            undoMigrationV23(connection);
            return null;
        });
        first.close();

        Database migrated = databases.open(configuration);
        long indexedWhole = migrated.read(connection -> Sql.count(connection, "SELECT count(*) FROM message_search "
            + "WHERE headers_beyond_index = 0 AND format = ?", SearchText.FORMAT));
        long bodiesBeyond = migrated.read(connection -> Sql.count(connection, "SELECT count(*) FROM message_search "
            + "WHERE body_beyond_index = 1"));
        // On SQLite the short message's row carried forward, the long one's (beyond the body limit) marked by V33 to be
        // indexed again; on PostgreSQL V34 (undone with V23, as migrations run again only as the last) left no row
        assertThat(indexedWhole).isEqualTo(TestDatabases.POSTGRESQL ? 0 : 1);
        assertThat(bodiesBeyond).isEqualTo(TestDatabases.POSTGRESQL ? 0 : 1);
        Store reopened = new Store(migrated);
        assertThat(((IndexedSearchIndex) reopened.resources.getSearchIndex()).rebuild().get())
            .isEqualTo(TestDatabases.POSTGRESQL ? 2 : 1);
        assertThat(reopened.search(SearchQuery.mailContains("zanzibar"))).containsExactly(longOne, shortOne);
        assertThat(reopened.search(SearchQuery.headerContains("X-Tag", "frui"))).containsExactly(shortOne);
    }

    @Test
    void textIndexOfV33IsReplacedByWordsByMigrationV34OnPostgresql() throws Exception {
        SyncStoreConfiguration configuration = TestDatabases.configurationIn(folder, SyncPolicy.NORMAL);
        Database first = databases.open(configuration);
        Store store = new Store(first);
        MessageUid report = store.append(REPORT);
        MessageUid lunch = store.append(LUNCH);
        if (!TestDatabases.POSTGRESQL) {
            return;
        }
        List<SearchText> texts = List.of(textOf(REPORT), textOf(LUNCH));
        first.write(connection -> {
            undoMigrationV34(connection);
            insertTexts(connection, Sql.list(connection, "SELECT id FROM message ORDER BY id", row -> row.getLong(1)), texts);
            return null;
        });
        first.close();

        Database migrated = databases.open(configuration);
        long indexedBeforeStart = migrated.read(connection -> Sql.count(connection, "SELECT count(*) FROM message_search"));
        assertThat(indexedBeforeStart).isZero();
        Store reopened = new Store(migrated);
        assertThat(indexed(migrated)).isEqualTo(2);
        long analyzed = migrated.read(connection -> Sql.count(connection, "SELECT count(*) FROM pg_stat_user_tables "
            + "WHERE relname IN ('message_text', 'search_term') AND last_analyze IS NOT NULL"));
        assertThat(analyzed).isEqualTo(2);
        assertThat(reopened.search(SearchQuery.headerContains("Subject", "RÉPORT"))).containsExactly(report);
        assertThat(reopened.search(SearchQuery.address(SearchQuery.AddressType.From, "ann <ann@"))).containsExactly(report);
        assertThat(reopened.search(SearchQuery.bodyContains("nana bre"))).containsExactly(lunch);
        assertThat(reopened.search(SearchQuery.bodyContains("bread"))).containsExactly(lunch);
        assertThat(reopened.search(SearchQuery.mailContains("um"))).containsExactly(report);
        reopened.mailbox.delete(List.of(lunch), reopened.session);
        assertThat(reopened.search(SearchQuery.bodyContains("banana"))).isEmpty();
        long keys = migrated.read(connection -> Sql.count(connection, "SELECT count(*) FROM message_text"));
        assertThat(keys).isEqualTo(1);
    }

    /**
     * Back to V33's schema on PostgreSQL (SQLite has no V34): the decoded text of each message in message_text, one
     * pg_trgm GIN index over it (V18), no vocabulary; V34 runs again when the database is opened. The rows are left to
     * the caller ({@link #insertTexts}). A test undoing an earlier migration undoes this one first (through V33's), and V35 before it.
     */
    public static void undoMigrationV34(java.sql.Connection connection) throws java.sql.SQLException {
        undoMigrationV35(connection);
        if (!connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            return;
        }
        Sql.update(connection, "DROP TABLE message_text");
        Sql.update(connection, "DROP FUNCTION search_keys");
        Sql.update(connection, "DROP TABLE search_term");
        Sql.update(connection, "CREATE TABLE message_text (rowid BIGINT NOT NULL PRIMARY KEY REFERENCES message (id) "
            + "ON DELETE CASCADE, headers TEXT NOT NULL, body TEXT NOT NULL, hdr_subject TEXT NOT NULL, hdr_from TEXT NOT NULL, "
            + "hdr_to TEXT NOT NULL, hdr_cc TEXT NOT NULL, hdr_bcc TEXT NOT NULL)");
        Sql.update(connection, "CREATE INDEX message_text_all ON message_text "
            + "USING gin ((headers || hdr_from || hdr_to || hdr_cc || hdr_bcc || body) gin_trgm_ops)");
        Sql.update(connection, "DELETE FROM flyway_schema_history WHERE version = '34'");
    }

    /** Back to V34's schema: no index of the messages not yet indexed; V35 runs again when the database is opened. */
    static void undoMigrationV35(java.sql.Connection connection) throws java.sql.SQLException {
        Sql.update(connection, "DROP INDEX message_search_not_yet_indexed");
        Sql.update(connection, "DELETE FROM flyway_schema_history WHERE version = '35'");
    }

    /** The rows of the text index before the word index (SQLite's V14 to V20, PostgreSQL's V14 to V33). */
    private static void insertTexts(java.sql.Connection connection, List<Long> pks, List<SearchText> texts)
        throws java.sql.SQLException {
        for (int i = 0; i < pks.size(); i++) {
            SearchText text = texts.get(i);
            Sql.update(connection, "INSERT INTO message_text (rowid, headers, body, hdr_subject, hdr_from, hdr_to, hdr_cc, "
                + "hdr_bcc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", pks.get(i), text.headers(), text.body(), text.subject(),
                text.from(), text.to(), text.cc(), text.bcc());
        }
    }

    /** Back to V22's schema (index rows without the mark of a header beyond the index); V23 runs again at the next opening. */
    static void undoMigrationV23(java.sql.Connection connection) throws java.sql.SQLException {
        Sql.update(connection, "ALTER TABLE message_search DROP COLUMN headers_beyond_index");
        Sql.update(connection, "DELETE FROM flyway_schema_history WHERE version = '23'");
    }

    /**
     * Back to V20's schema on SQLite (PostgreSQL has no V21): V21's vocabulary goes, and V21 runs again when the
     * database is opened (V22, which only marks rows, with it). The index table, whichever its form, is left to the caller.
     */
    static void undoMigrationV21(java.sql.Connection connection) throws java.sql.SQLException {
        if (TestDatabases.POSTGRESQL) {
            return;
        }
        Sql.update(connection, "DROP TRIGGER search_term_added");
        Sql.update(connection, "DROP TABLE search_term_trigrams");
        Sql.update(connection, "DROP TABLE search_term");
        Sql.update(connection, "DELETE FROM flyway_schema_history WHERE version IN ('21', '22')");
    }

    private static SearchText textOf(String message) throws java.io.IOException {
        return SearchText.read(new java.io.ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    }

    /** Migration V14's form of message_text (before V18), its rows made by the test. */
    private static final List<String> SQLITE_V14_INDEX = List.of(
        "DROP TRIGGER message_search_released",
        "DROP TABLE message_text",
        "CREATE VIRTUAL TABLE message_text USING fts5(headers, body, hdr_subject, hdr_from, hdr_to, hdr_cc, hdr_bcc, "
            + "tokenize = 'trigram case_sensitive 0')",
        "CREATE TRIGGER message_search_released AFTER DELETE ON message BEGIN "
            + "DELETE FROM message_text WHERE rowid = OLD.id; DELETE FROM message_search WHERE message_pk = OLD.id; END");

    /** Migration V14's indexes on message_text (before V18); the table itself is unchanged. */
    private static final List<String> POSTGRES_V14_INDEX = List.of(
        "DROP INDEX message_text_all",
        "CREATE INDEX message_text_headers ON message_text USING gin (headers gin_trgm_ops)",
        "CREATE INDEX message_text_body ON message_text USING gin (body gin_trgm_ops)",
        "CREATE INDEX message_text_subject ON message_text USING gin (hdr_subject gin_trgm_ops)",
        "CREATE INDEX message_text_from ON message_text USING gin (hdr_from gin_trgm_ops)",
        "CREATE INDEX message_text_to ON message_text USING gin (hdr_to gin_trgm_ops)",
        "CREATE INDEX message_text_cc ON message_text USING gin (hdr_cc gin_trgm_ops)",
        "CREATE INDEX message_text_bcc ON message_text USING gin (hdr_bcc gin_trgm_ops)");

    @Test
    void textBeyondTheIndexedPartOfALongBodyIsFoundByScanning() throws Exception {
        Database database = databases.open(TestDatabases.configurationIn(folder, SyncPolicy.NORMAL));
        Store store = new Store(database);
        String filler = "lorem ipsum dolor sit amet\r\n".repeat(SearchText.INDEXED_BODY_LIMIT / 20);
        MessageUid longOne = store.append("Subject: long\r\n\r\n" + filler + "zanzibar at the end\r\n");
        MessageUid shortOne = store.append("Subject: short\r\n\r\nzanzibar here\r\n");
        MessageUid neither = store.append("Subject: none\r\n\r\nlorem\r\n");

        assertThat(store.search(SearchQuery.bodyContains("ZANZIBAR"))).containsExactly(longOne, shortOne);
        assertThat(store.search(SearchQuery.mailContains("zanzibar at"))).containsExactly(longOne);
        assertThat(store.search(SearchQuery.not(SearchQuery.bodyContains("zanzibar")))).containsExactly(neither);
        assertThat(store.search(SearchQuery.or(SearchQuery.bodyContains("zanzibar at"), SearchQuery.headerContains("Subject", "none"))))
            .containsExactly(longOne, neither);
    }

    private static long indexed(Database database) throws Exception {
        return database.read(connection -> Sql.count(connection, "SELECT count(*) FROM message_search WHERE format = ?",
            SearchText.FORMAT));
    }

    private static final class Store {
        final MailboxSession session;
        final MessageManager mailbox;
        final SyncStoreResources resources;

        Store(Database database) throws Exception {
            resources = SyncStoreResources.defaultResources(database);
            session = resources.getMailboxManager().createSystemSession(Username.of("user"));
            MailboxPath inbox = MailboxPath.inbox(session);
            if (!reactor.core.publisher.Mono.from(resources.getMailboxManager().mailboxExists(inbox, session)).block()) {
                resources.getMailboxManager().createMailbox(inbox, session);
            }
            mailbox = resources.getMailboxManager().getMailbox(inbox, session);
            ((IndexedSearchIndex) resources.getSearchIndex()).rebuild().get();
        }

        /** Appends the message and waits until it is indexed, as these tests' stores hold it before they change them. */
        MessageUid append(String message) throws Exception {
            MessageUid uid = mailbox.appendMessage(MessageManager.AppendCommand.builder().build(message), session).getId().getUid();
            resources.awaitIndexed();
            return uid;
        }

        List<MessageUid> search(SearchQuery.Criterion criterion) throws Exception {
            return resources.getSearchIndex().search(session, mailbox.getMailboxEntity(), SearchQuery.of(criterion))
                .collectList().block();
        }
    }
}
