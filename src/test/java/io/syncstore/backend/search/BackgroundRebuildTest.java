package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.Criterion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;

/**
 * Messages without index rows (as migration V21 leaves every message) are indexed in the background after the store
 * opens; a SEARCH meanwhile finds exactly what it finds once they are indexed.
 */
class BackgroundRebuildTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path folder;

    @Test
    @Timeout(120)
    void searchesDuringTheRebuildAnswerAsAfterIt() throws Exception {
        Database database = databases.open();
        User before = new User(SyncStoreResources.defaultResources(database));
        MessageUid pie = before.append(before.inbox, "From: Ann <ann@example.org>\r\nSubject: apple pie\r\n"
            + "Date: 9 Mar 2024 23:30:00 -0800\r\n\r\ncrumble\r\n");
        MessageUid banana = before.append(before.inbox, "From: Bob <bob@example.net>\r\nSubject: banana\r\n"
            + "Date: 11 Mar 2024 10:00:00 +0000\r\n\r\napple sauce\r\n");
        MessageUid cherry = before.append(before.inbox, "From: Cy <cy@example.net>\r\nSubject: cherry\r\n"
            + "Date: 11 Mar 2024 10:00:00 +0000\r\n\r\nnothing\r\n");
        MessageUid tart = before.append(before.inbox, "From: Di <di@example.org>\r\nSubject: apple\r\nX-Tag: fruit\r\n"
            + "Date: 12 Mar 2024 10:00:00 +0000\r\n\r\npie\r\n");
        before.append(before.archive, "Subject: apple tart\r\n\r\nold\r\n");
        before.append(before.archive, "Subject: plum\r\n\r\nold apple\r\n");
        List<Criterion> criteria = List.of(SearchQuery.headerContains("Subject", "apple"), SearchQuery.bodyContains("APPLE"),
            SearchQuery.mailContains("apple"), SearchQuery.address(SearchQuery.AddressType.From, "bob"),
            SearchQuery.headerContains("X-Tag", "fru"), SearchQuery.not(SearchQuery.bodyContains("apple")),
            SearchQuery.headerDateOn("Date", new Date(1709942400000L), SearchQuery.DateResolution.Day),
            SearchQuery.bodyContains("e sau"), SearchQuery.or(SearchQuery.headerContains("Subject", "cherry"),
                SearchQuery.address(SearchQuery.AddressType.From, "ann")));
        List<List<MessageUid>> expected = List.of(List.of(pie, tart), List.of(banana), List.of(pie, banana, tart),
            List.of(banana), List.of(tart), List.of(pie, cherry, tart), List.of(pie), List.of(banana), List.of(pie, cherry));
        for (int i = 0; i < criteria.size(); i++) {
            assertThat(before.search(criteria.get(i))).as("indexed: %s", criteria.get(i)).isEqualTo(expected.get(i));
        }
        List<MessageId> everywhere = before.searchBoth(SearchQuery.headerContains("Subject", "apple"));
        assertThat(everywhere).hasSize(3);

        // As V21 leaves them: the index rows of banana, of the X-Tag message and of both of the archive's gone
        int unindexed = database.write(connection -> {
            List<Long> stored = Sql.list(connection, "SELECT id FROM message ORDER BY id", row -> row.getLong(1));
            List<Long> gone = List.of(stored.get(1), stored.get(3), stored.get(4), stored.get(5));
            dropIndexRows(connection, gone);
            return gone.size();
        });
        assertThat(unindexed).isEqualTo(4);

        // The rebuild's writes wait while the test holds a write
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holding = holdTheWriter(database, held, release);
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

        User during = new User(SyncStoreResources.defaultResources(database));
        IndexedSearchIndex index = (IndexedSearchIndex) during.resources.getSearchIndex();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < criteria.size(); i++) {
                assertThat(during.search(criteria.get(i))).as("during the rebuild: %s", criteria.get(i)).isEqualTo(expected.get(i));
            }
            assertThat(during.searchBoth(SearchQuery.headerContains("Subject", "apple"))).containsExactlyInAnyOrderElementsOf(everywhere);
        }
        assertThat(index.rebuild()).isNotDone();
        assertThat(indexed(database)).isEqualTo(6 - unindexed);

        release.countDown();
        holding.get(30, TimeUnit.SECONDS);
        assertThat(index.rebuild().get(60, TimeUnit.SECONDS)).isEqualTo(unindexed);
        assertThat(indexed(database)).isEqualTo(6);
        for (int i = 0; i < criteria.size(); i++) {
            assertThat(during.search(criteria.get(i))).as("after the rebuild: %s", criteria.get(i)).isEqualTo(expected.get(i));
        }
        assertThat(during.searchBoth(SearchQuery.headerContains("Subject", "apple"))).containsExactlyInAnyOrderElementsOf(everywhere);
    }

    @Test
    @Timeout(120)
    void closingTheStoreStopsTheRebuildAndTheNextStartGoesOn() throws Exception {
        SyncStoreConfiguration configuration = TestDatabases.configurationIn(folder, SyncPolicy.NORMAL);
        Database database = databases.open(configuration);
        User before = new User(SyncStoreResources.defaultResources(database));
        int messages = 200;
        for (int i = 0; i < messages; i++) {
            before.append(before.inbox, "Subject: note " + i + "\r\n\r\napple " + i + "\r\n");
        }
        database.write(connection -> Sql.update(connection, "DELETE FROM message_search"));

        IndexedSearchIndex index = (IndexedSearchIndex) SyncStoreResources.defaultResources(database).getSearchIndex();
        database.close();
        // Stopped after the batch it was writing, not failed on the closed store
        int indexedBeforeClose = index.rebuild().get(1, TimeUnit.SECONDS);

        Database reopened = databases.open(configuration);
        assertThat(indexed(reopened)).isEqualTo(indexedBeforeClose);
        User after = new User(SyncStoreResources.defaultResources(reopened));
        assertThat(((IndexedSearchIndex) after.resources.getSearchIndex()).rebuild().get(60, TimeUnit.SECONDS))
            .isEqualTo(messages - indexedBeforeClose);
        assertThat(indexed(reopened)).isEqualTo(messages);
        assertThat(after.search(SearchQuery.bodyContains("apple"))).hasSize(messages);
    }

    /** The messages as a migration that empties the index, or a format bump, leaves them: for the rebuild to index. */
    static void dropIndexRows(java.sql.Connection connection, List<Long> messagePks) throws java.sql.SQLException {
        for (long pk : messagePks) {
            Sql.update(connection, "DELETE FROM message_text WHERE rowid = ?", pk);
            Sql.update(connection, "DELETE FROM message_search WHERE message_pk = ?", pk);
        }
    }

    /** Holds a write (and on PostgreSQL the index table) until released: the rebuild cannot commit meanwhile. */
    static CompletableFuture<Void> holdTheWriter(Database database, CountDownLatch held, CountDownLatch release) {
        return CompletableFuture.runAsync(() -> {
            try {
                database.write(connection -> {
                    if (TestDatabases.POSTGRESQL) {
                        Sql.update(connection, "LOCK TABLE message_search IN EXCLUSIVE MODE");
                    }
                    held.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.sql.SQLException(e);
                    }
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static long indexed(Database database) throws Exception {
        return database.read(connection -> Sql.count(connection, "SELECT count(*) FROM message_search WHERE format = ?",
            SearchText.FORMAT));
    }

    static final class User {
        final SyncStoreResources resources;
        final MailboxSession session;
        final MessageManager inbox;
        final MessageManager archive;

        User(SyncStoreResources resources) throws Exception {
            this.resources = resources;
            session = resources.getMailboxManager().createSystemSession(Username.of("user"));
            inbox = mailbox(MailboxPath.inbox(session));
            archive = mailbox(MailboxPath.forUser(Username.of("user"), "Archive"));
        }

        private MessageManager mailbox(MailboxPath path) throws Exception {
            if (!reactor.core.publisher.Mono.from(resources.getMailboxManager().mailboxExists(path, session)).block()) {
                resources.getMailboxManager().createMailbox(path, session);
            }
            return resources.getMailboxManager().getMailbox(path, session);
        }

        /** Appends the message and waits until it is indexed, as it is before the rows are dropped. */
        MessageUid append(MessageManager mailbox, String message) throws Exception {
            MessageUid uid = appendNow(mailbox, message);
            resources.awaitIndexed();
            return uid;
        }

        /** Appends the message, which is indexed later. */
        MessageUid appendNow(MessageManager mailbox, String message) throws Exception {
            return mailbox.appendMessage(MessageManager.AppendCommand.builder().build(message), session).getId().getUid();
        }

        List<MessageUid> search(Criterion criterion) throws Exception {
            return resources.getSearchIndex().search(session, inbox.getMailboxEntity(), SearchQuery.of(criterion))
                .collectList().block();
        }

        List<MessageId> searchBoth(Criterion criterion) throws Exception {
            List<org.apache.james.mailbox.model.MailboxId> both = new ArrayList<>(List.of(inbox.getId(), archive.getId()));
            return resources.getSearchIndex().search(session, both, SearchQuery.of(criterion), 100).collectList().block()
                .stream().collect(Collectors.toList());
        }
    }
}
