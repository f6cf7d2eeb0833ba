package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.Criterion;
import org.apache.james.mailbox.store.extractor.DefaultTextExtractor;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.MessageMapperFactory;
import org.apache.james.utils.UpdatableTickingClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreMailboxSessionMapperFactory;
import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.jmap.SavedChangeAccounts;
import io.syncstore.backend.model.SyncStoreMessageId;
import reactor.core.publisher.Flux;

/**
 * Which messages a search reads rather than asks the index about: only those the index does not hold whole for a text
 * key (beyond the index, or not yet indexed during the rebuild), each checked against its text (counted on the
 * connection), in one mailbox and across several (James's multimailbox search, JMAP's Email/query); none for keys SQL
 * answers alone. James's scanning index (counted on the message mapper it reads through) reads none.
 */
class ScannedMessagesTest {
    private static final int MESSAGES = 20;

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Test
    void aSearchOfSeveralMailboxesScansOnlyTheMessagesBeyondTheIndex() throws Exception {
        Database database = databases.open();
        Store store = new Store(database);
        List<MessageId> apples = store.appendNotes();
        String filler = "lorem ipsum dolor sit amet\r\n".repeat(SearchText.INDEXED_BODY_LIMIT / 20);
        MessageId longBody = store.append(store.archive, "Subject: long\r\n\r\n" + filler + "zanzibar apple\r\n");
        String longField = IntStream.range(0, SearchText.INDEXED_HEADER_LIMIT / 5).mapToObj(i -> "word" + i)
            .collect(Collectors.joining("\r\n "));
        MessageId longHeader = store.append(store.inbox, "X-Data: " + longField + "\r\nSubject: zanzibar\r\n\r\napple\r\n");
        apples.add(longBody);
        apples.add(longHeader);
        store.resources.awaitIndexed();
        Counting counting = new Counting(database);

        assertThat(counting.searchBoth(store, SearchQuery.bodyContains("apple"))).containsExactlyInAnyOrderElementsOf(apples);
        assertThat(counting.searchBoth(store, SearchQuery.mailContains("zanzibar"))).containsExactlyInAnyOrder(longBody, longHeader);
        assertThat(counting.searchBoth(store, SearchQuery.headerContains("Subject", "zanzibar"))).containsExactly(longHeader);
        assertThat(counting.searchBoth(store, SearchQuery.not(SearchQuery.mailContains("e")))).isEmpty();
        assertThat(counting.searchBoth(store, SearchQuery.sizeLessThan(100))).hasSize(2 * MESSAGES);
        assertThat(counting.search(store, SearchQuery.bodyContains("apple"))).hasSize(MESSAGES + 1);
        assertThat(counting.search(store, SearchQuery.address(SearchQuery.AddressType.From, "x"))).isEmpty();
        assertThat(counting.read.get()).as("messages read by the scanning index").isZero();

        List<Long> both = store.mailboxIds();
        assertThat(checked(database, both, SearchQuery.bodyContains("apple"))).as("messages checked for BODY").isEqualTo(1);
        assertThat(checked(database, both, SearchQuery.mailContains("apple"))).as("messages checked for TEXT").isEqualTo(2);
        assertThat(checked(database, both, SearchQuery.headerContains("Subject", "x"))).as("for SUBJECT").isEqualTo(1);
        assertThat(checked(database, both.subList(0, 1), SearchQuery.bodyContains("apple"))).as("for BODY in INBOX").isZero();
    }

    /**
     * The messages read to check the criterion among those the index does not hold whole in the mailboxes, every
     * message having its row: found the same from the rows marked outside as from every entry.
     */
    private static int checked(Database database, List<Long> mailboxIds, Criterion criterion) throws Exception {
        int fromRowsOutside = checked(database, mailboxIds, criterion, true);
        assertThat(fromRowsOutside).as("checked from the rows marked outside").isEqualTo(checked(database, mailboxIds, criterion, false));
        return fromRowsOutside;
    }

    private static int checked(Database database, List<Long> mailboxIds, Criterion criterion, boolean everyMessageHasARow)
        throws Exception {
        ContentStore contentStore = new ContentStore(database);
        return database.read(connection -> {
            CountedConnection counted = new CountedConnection(OutsideIndex.CONTENT);
            OutsideIndex.read(counted.around(connection), contentStore, TextMatching.of(database.dialect(), contentStore),
                mailboxIds, everyMessageHasARow).found(criterion);
            return counted.queriesOfText;
        });
    }

    @Test
    @Timeout(120)
    void duringTheRebuildOnlyTextKeysScanAndOnlyTheMessagesNotYetIndexed() throws Exception {
        Database database = databases.open();
        Store store = new Store(database);
        List<MessageId> apples = store.appendNotes();
        store.inbox.setFlags(new Flags(Flags.Flag.FLAGGED), MessageManager.FlagsUpdateMode.ADD,
            MessageRange.range(MessageUid.of(1), MessageUid.of(4)), store.session);
        int unindexed = database.write(connection -> {
            List<Long> pks = Sql.list(connection, "SELECT mm.message_id FROM mailbox_message mm JOIN mailbox b ON b.id = "
                + "mm.mailbox_id WHERE b.name = 'INBOX' AND mm.uid IN (2, 3, 9)", row -> row.getLong(1));
            BackgroundRebuildTest.dropIndexRows(connection, pks);
            return pks.size();
        });
        assertThat(unindexed).isEqualTo(3);

        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holding = BackgroundRebuildTest.holdTheWriter(database, held, release);
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        Counting counting = new Counting(database);

        assertThat(counting.search(store, SearchQuery.flagIsSet(Flags.Flag.FLAGGED))).hasSize(4);
        assertThat(counting.search(store, SearchQuery.uid(new SearchQuery.UidRange(MessageUid.of(2), MessageUid.of(9)))))
            .hasSize(8);
        assertThat(counting.search(store, SearchQuery.sizeGreaterThan(10))).hasSize(MESSAGES);
        assertThat(counting.search(store, SearchQuery.and(SearchQuery.bodyContains("apple"),
            SearchQuery.flagIsSet(Flags.Flag.FLAGGED)))).hasSize(4);
        assertThat(counting.searchBoth(store, SearchQuery.bodyContains("apple"))).containsExactlyInAnyOrderElementsOf(apples);
        assertThat(counting.searchBoth(store, SearchQuery.sizeGreaterThan(10))).hasSize(2 * MESSAGES);
        assertThat(counting.read.get()).as("messages read by the scanning index").isZero();
        List<Long> both = store.mailboxIds();
        assertThat(checked(database, both, SearchQuery.bodyContains("apple"), false)).isEqualTo(unindexed);
        assertThat(checked(database, both, SearchQuery.headerContains("Subject", "x"), false)).isEqualTo(unindexed);
        assertThat(counting.index.rebuild()).isNotDone();

        release.countDown();
        holding.get(30, TimeUnit.SECONDS);
        assertThat(counting.index.rebuild().get(60, TimeUnit.SECONDS)).isEqualTo(unindexed);
        assertThat(counting.searchBoth(store, SearchQuery.bodyContains("apple"))).containsExactlyInAnyOrderElementsOf(apples);
        assertThat(counting.read.get()).isZero();
    }

    /** A search index over the store that counts the messages its scanning index reads. */
    private static final class Counting {
        final AtomicInteger read = new AtomicInteger();
        final IndexedSearchIndex index;

        Counting(Database database) {
            ContentStore contentStore = new ContentStore(database);
            SyncStoreMailboxSessionMapperFactory mappers = new SyncStoreMailboxSessionMapperFactory(database, contentStore,
                new UpdatableTickingClock(Instant.now()), new SavedChangeAccounts());
            MessageMapperFactory counted = session -> counting(mappers.getMessageMapper(session));
            index = new IndexedSearchIndex(counted, mappers, new DefaultTextExtractor(), (attachment, session) -> {
                throw new IllegalStateException("no attachment is searched here");
            }, database, contentStore, new SyncStoreMessageId.Factory());
        }

        private MessageMapper counting(MessageMapper mapper) {
            return (MessageMapper) Proxy.newProxyInstance(MessageMapper.class.getClassLoader(), new Class<?>[] {MessageMapper.class},
                (proxy, method, arguments) -> {
                    Object result;
                    try {
                        result = method.invoke(mapper, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (!method.getName().startsWith("findInMailbox")) {
                        return result;
                    }
                    if (result instanceof Iterator) {
                        Iterator<?> messages = (Iterator<?>) result;
                        return new Iterator<Object>() {
                            @Override
                            public boolean hasNext() {
                                return messages.hasNext();
                            }

                            @Override
                            public Object next() {
                                read.incrementAndGet();
                                return messages.next();
                            }
                        };
                    }
                    return result instanceof Flux ? ((Flux<?>) result).doOnNext(message -> read.incrementAndGet()) : result;
                });
        }

        List<MessageUid> search(Store store, Criterion criterion) throws Exception {
            return index.search(store.session, store.inbox.getMailboxEntity(), SearchQuery.of(criterion)).collectList().block();
        }

        List<MessageId> searchBoth(Store store, Criterion criterion) throws Exception {
            List<MailboxId> both = List.of(store.inbox.getId(), store.archive.getId());
            return index.search(store.session, both, SearchQuery.of(criterion), 1000).collectList().block();
        }
    }

    private static final class Store {
        final SyncStoreResources resources;
        final MailboxSession session;
        final MessageManager inbox;
        final MessageManager archive;

        Store(Database database) throws Exception {
            resources = SyncStoreResources.defaultResources(database);
            session = resources.getMailboxManager().createSystemSession(Username.of("user"));
            MailboxPath archivePath = MailboxPath.forUser(Username.of("user"), "Archive");
            resources.getMailboxManager().createMailbox(MailboxPath.inbox(session), session);
            resources.getMailboxManager().createMailbox(archivePath, session);
            inbox = resources.getMailboxManager().getMailbox(MailboxPath.inbox(session), session);
            archive = resources.getMailboxManager().getMailbox(archivePath, session);
            ((IndexedSearchIndex) resources.getSearchIndex()).rebuild().get();
        }

        /** Notes of apples in INBOX (returned) and of pears in Archive, of {@link #MESSAGES} each, indexed. */
        List<MessageId> appendNotes() throws Exception {
            List<MessageId> apples = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                apples.add(append(inbox, "Subject: note " + i + "\r\n\r\napple " + i + "\r\n"));
                append(archive, "Subject: old " + i + "\r\n\r\npear " + i + "\r\n");
            }
            resources.awaitIndexed();
            return apples;
        }

        List<Long> mailboxIds() {
            return List.of(inbox.getId(), archive.getId()).stream()
                .map(id -> ((io.syncstore.backend.model.SyncStoreMailboxId) id).value()).collect(Collectors.toList());
        }

        MessageId append(MessageManager mailbox, String message) throws Exception {
            return mailbox.appendMessage(MessageManager.AppendCommand.builder().build(message), session).getId().getMessageId();
        }
    }
}
