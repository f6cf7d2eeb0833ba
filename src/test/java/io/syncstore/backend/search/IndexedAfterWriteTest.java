package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.james.mailbox.MessageUid;
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
 * A message is indexed after its write, in the background: SEARCH finds it the same before and after, including while
 * messages are written and indexed beside it, and a message still waiting when the store stops is indexed at the next
 * start.
 */
class IndexedAfterWriteTest {
    private static final String SENT = "Date: 9 Mar 2024 23:30:00 -0800\r\n";

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path folder;

    @Test
    @Timeout(120)
    void searchesWhileMessagesAreWrittenAndIndexedFindEveryMessageWritten() throws Exception {
        Database database = databases.open();
        SyncStoreResources resources = SyncStoreResources.defaultResources(database);
        BackgroundRebuildTest.User user = new BackgroundRebuildTest.User(resources);
        Set<MessageUid> written = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int writer = thread;
                writers.add(threads.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        written.add(user.appendNow(user.inbox, "Subject: note " + writer + "-" + i + "\r\n\r\nshared w" + writer
                            + "x" + i + "\r\n"));
                    }
                    return null;
                }));
            }
            List<Future<Integer>> searchers = new ArrayList<>();
            for (int thread = 0; thread < 2; thread++) {
                searchers.add(threads.submit(() -> {
                    int searches = 0;
                    while (writing.get()) {
                        Set<MessageUid> before = Set.copyOf(written);
                        List<MessageUid> found = user.search(SearchQuery.bodyContains("shared"));
                        assertThat(found).containsAll(before).doesNotHaveDuplicates();
                        // a message written between the search's reads would be unknown to the one and unindexed to the other
                        assertThat(user.search(SearchQuery.not(SearchQuery.bodyContains("shared")))).isEmpty();
                        searches++;
                    }
                    return searches;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(90, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<Integer> searcher : searchers) {
                assertThat(searcher.get(30, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            writing.set(false);
            threads.shutdownNow();
        }
        resources.awaitIndexed();

        assertThat(user.search(SearchQuery.bodyContains("shared"))).containsExactlyInAnyOrderElementsOf(written);
        assertThat(user.search(SearchQuery.bodyContains("w3x39"))).hasSize(1);
        assertThat(rowsOfFormat(database, SearchText.FORMAT)).isEqualTo(160);
    }

    @Test
    @Timeout(120)
    void messagesNotYetIndexedAreFoundAsOnceIndexedAndAreIndexedAtTheNextStart() throws Exception {
        SyncStoreConfiguration configuration = TestDatabases.configurationIn(folder, SyncPolicy.NORMAL);
        Database first = databases.open(configuration);
        BackgroundRebuildTest.User before = new BackgroundRebuildTest.User(SyncStoreResources.defaultResources(first));
        MessageUid pie = before.appendNow(before.inbox, "From: Ann <ann@example.org>\r\nSubject: apple pie\r\n" + SENT
            + "\r\ncrumble\r\n");
        MessageUid sauce = before.appendNow(before.inbox, "From: Bob <bob@example.net>\r\nSubject: sauce\r\n\r\napple sauce\r\n");
        first.close();
        Database second = databases.open(configuration);
        // As a stop before the indexing's turn leaves them, whether or not it came
        second.write(connection -> {
            Sql.update(connection, "DELETE FROM message_text");
            return Sql.update(connection, "UPDATE message_search SET format = " + SearchIndexRows.NOT_YET_INDEXED);
        });
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holding = BackgroundRebuildTest.holdTheWriter(second, held, release);
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        SyncStoreResources resources = SyncStoreResources.defaultResources(second);
        BackgroundRebuildTest.User after = new BackgroundRebuildTest.User(resources);
        List<Criterion> criteria = List.of(SearchQuery.headerContains("Subject", "apple"), SearchQuery.bodyContains("APPLE"),
            SearchQuery.address(SearchQuery.AddressType.From, "bob"), SearchQuery.not(SearchQuery.bodyContains("sauce")),
            SearchQuery.headerDateOn("Date", new Date(1709942400000L), SearchQuery.DateResolution.Day));
        List<List<MessageUid>> expected = List.of(List.of(pie), List.of(sauce), List.of(sauce), List.of(pie), List.of(pie));

        List<List<MessageUid>> notYetIndexed = searchAll(after, criteria);
        long waiting = rowsOfFormat(second, SearchIndexRows.NOT_YET_INDEXED);
        release.countDown();
        holding.get(30, TimeUnit.SECONDS);
        int indexedAtStart = ((IndexedSearchIndex) resources.getSearchIndex()).rebuild().get(60, TimeUnit.SECONDS);

        assertThat(waiting).isEqualTo(2);
        assertThat(notYetIndexed).isEqualTo(expected);
        assertThat(indexedAtStart).isEqualTo(2);
        assertThat(rowsOfFormat(second, SearchText.FORMAT)).isEqualTo(2);
        assertThat(searchAll(after, criteria)).isEqualTo(expected);
    }

    private static List<List<MessageUid>> searchAll(BackgroundRebuildTest.User user, List<Criterion> criteria) throws Exception {
        List<List<MessageUid>> found = new ArrayList<>();
        for (Criterion criterion : criteria) {
            found.add(user.search(criterion));
        }
        return found;
    }

    private static long rowsOfFormat(Database database, int format) throws Exception {
        return database.read(connection -> Sql.count(connection, "SELECT count(*) FROM message_search WHERE format = ?", format));
    }
}
