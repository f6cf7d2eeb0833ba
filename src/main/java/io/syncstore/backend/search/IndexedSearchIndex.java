package io.syncstore.backend.search;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.mailbox.AttachmentContentLoader;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.extractor.TextExtractor;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.ConjunctionCriterion;
import org.apache.james.mailbox.model.SearchQuery.Criterion;
import org.apache.james.mailbox.store.mail.MailboxMapperFactory;
import org.apache.james.mailbox.store.mail.MessageMapperFactory;

import com.google.common.base.Preconditions;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlDialect;
import io.syncstore.backend.db.UncheckedStorageException;
import io.syncstore.backend.model.SyncStoreMailboxId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SEARCH answered from the search index (docs/search.md): one SQL query over the mailbox entries, the message rows
 * and the trigram-indexed text, in UID order. What the index does not hold is left to the scanning index this class
 * extends: the content and names of attachments (only for those criteria, as a set of UIDs), and results in another
 * order than by UID (SORT).
 *
 * <p>Messages are indexed after their write, in the background ({@link BackgroundIndexing}), as are, after start-up,
 * messages without an index row of the current format (a database upgraded by a migration that empties the index,
 * or a format bump). Until a message is indexed, and for messages whose header or body goes beyond what the index takes, each key on the indexed text checks those
 * messages against their whole text ({@link OutsideIndex}) and asks the index for the others: the answers are exact,
 * only slower in proportion to those messages; keys SQL answers alone (flags, UIDs, dates, sizes) read none.</p>
 */
public class IndexedSearchIndex extends ConformantSearchIndex {
    private final Database database;
    private final ContentStore contentStore;
    private final MessageId.Factory messageIdFactory;
    private final TextMatching matching;
    private final BackgroundIndexing indexing;

    @Inject
    public IndexedSearchIndex(MessageMapperFactory messageMapperFactory, MailboxMapperFactory mailboxMapperFactory,
                              TextExtractor textExtractor, AttachmentContentLoader attachmentContentLoader,
                              Database database, ContentStore contentStore, MessageId.Factory messageIdFactory) {
        super(messageMapperFactory, mailboxMapperFactory, textExtractor, attachmentContentLoader);
        this.database = database;
        this.contentStore = contentStore;
        this.messageIdFactory = messageIdFactory;
        this.matching = TextMatching.of(database.dialect(), contentStore);
        UncheckedStorageException.unchecked(() -> SortingColumns.backfill(database));
        this.indexing = new BackgroundIndexing(database, contentStore);
    }

    /**
     * Whether the start-up rebuild has given every message of the store its index row: a message it could not read has
     * one of format 0, which keeps it among those read whole.
     */
    private boolean everyMessageHasARow() {
        CompletableFuture<Integer> rebuilt = indexing.rebuilt();
        return rebuilt.isDone() && !rebuilt.isCompletedExceptionally();
    }

    /** The start-up rebuild of the index: how many messages it indexed, once done or stopped. */
    CompletableFuture<Integer> rebuild() {
        return indexing.rebuilt();
    }

    /** Completes once every message written before this call is indexed (or deleted). */
    public CompletableFuture<Void> caughtUp() {
        return indexing.caughtUp();
    }

    @Override
    public Flux<MessageUid> search(MailboxSession session, Mailbox mailbox, SearchQuery query) {
        Preconditions.checkArgument(session != null, "'session' is mandatory");
        if (!query.getSorts().equals(SearchQuery.DEFAULT_SORTS)) {
            return super.search(session, mailbox, query);
        }
        List<Long> mailboxIds = List.of(SyncStoreMailboxId.from(mailbox.getMailboxId()).value());
        return scanned(session, mailbox, query.getCriteria())
            .flatMap(scanned -> database.readReactiveAtOneMoment(connection -> {
                SearchConditions conditions = conditions(connection, mailboxIds, scanned, query);
                String condition = conditions.all(query.getCriteria());
                List<Object> parameters = new ArrayList<>();
                parameters.add(mailboxIds.get(0));
                parameters.addAll(conditions.parameters());
                return Sql.list(connection, uidsQuery(database.dialect(), conditions, condition), row -> MessageUid.of(row.getLong(1)),
                    parameters.toArray());
            }))
            .flatMapMany(Flux::fromIterable);
    }

    @Override
    public Flux<MessageId> search(MailboxSession session, Collection<MailboxId> mailboxIds, SearchQuery query, long limit) throws MailboxException {
        if (!query.getSorts().equals(SearchQuery.DEFAULT_SORTS) || !query.getCriteria().stream().allMatch(SearchConditions::indexed)) {
            return super.search(session, mailboxIds, query, limit);
        }
        List<Long> ids = mailboxIds.stream().map(id -> SyncStoreMailboxId.from(id).value()).collect(Collectors.toList());
        return database.readReactiveAtOneMoment(connection -> {
                List<Object> parameters = new ArrayList<>();
                SearchConditions conditions = conditions(connection, ids, Map.of(), query);
                String condition = conditions.all(query.getCriteria());
                String inMailboxes = matching.in(mailboxColumn(database.dialect(), conditions), ids, parameters);
                parameters.addAll(conditions.parameters());
                return Sql.list(connection, "SELECT mm.uid, mm.mailbox_id, m.message_id" + conditions.from(true) + " WHERE "
                    + inMailboxes + " AND " + condition, row -> new Hit(row.getLong(1), ids.indexOf(row.getLong(2)), row.getString(3)), parameters.toArray());
            })
            .map(hits -> hits.stream()
                // As the scanning index orders them: by UID, then in the order the mailboxes were given.
                .sorted(Comparator.comparingLong((Hit hit) -> hit.uid).thenComparingInt(hit -> hit.mailboxOrder))
                .map(hit -> hit.messageId)
                .collect(Collectors.toCollection(LinkedHashSet::new)))
            .flatMapMany(Flux::fromIterable)
            .take(limit)
            .map(messageIdFactory::fromString);
    }

    /** The UIDs of the mailbox (the first parameter) that meet the condition, ascending. */
    static String uidsQuery(SqlDialect dialect, SearchConditions conditions, String condition) {
        return "SELECT mm.uid" + conditions.from(false) + " WHERE " + mailboxColumn(dialect, conditions) + " = ? AND "
            + condition + " ORDER BY mm.uid";
    }

    private static String mailboxColumn(SqlDialect dialect, SearchConditions conditions) {
        return conditions.narrowedByText() ? dialect.notIndexed("mm.mailbox_id") : "mm.mailbox_id";
    }

    /**
     * The SQL conditions of the query; the messages the index does not hold whole are read only when the query has a
     * key on the indexed text.
     */
    private SearchConditions conditions(Connection connection, List<Long> mailboxIds, Map<Criterion, Collection<Long>> scanned,
                                        SearchQuery query) throws SQLException {
        List<Criterion> onText = new ArrayList<>();
        collectLeaves(query.getCriteria(), criterion -> SearchConditions.IndexedText.of(criterion).isPresent(), onText);
        OutsideIndex outside = onText.isEmpty() ? OutsideIndex.none()
            : OutsideIndex.read(connection, contentStore, matching, mailboxIds, everyMessageHasARow());
        return new SearchConditions(matching, matching.scope(connection, mailboxIds), new SearchConditions.Resolver() {
            @Override
            public Collection<Long> scanned(Criterion criterion) {
                return scanned.get(criterion);
            }

            @Override
            public Optional<List<Long>> foundOutsideIndex(Criterion criterion) throws SQLException {
                return outside.found(criterion);
            }
        }, query.getRecentMessageUids());
    }

    /** The UIDs the scanning index finds for each criterion the index does not hold (attachments), before the SQL. */
    private Mono<Map<Criterion, Collection<Long>>> scanned(MailboxSession session, Mailbox mailbox, List<Criterion> criteria) {
        List<Criterion> unindexed = new ArrayList<>();
        collectLeaves(criteria, criterion -> !SearchConditions.indexed(criterion), unindexed);
        Map<Criterion, Collection<Long>> result = new IdentityHashMap<>();
        return Flux.fromIterable(unindexed)
            .concatMap(criterion -> scan(session, mailbox, criterion).doOnNext(found -> result.put(criterion, found)))
            .then(Mono.fromSupplier(() -> result));
    }

    private Mono<Collection<Long>> scan(MailboxSession session, Mailbox mailbox, Criterion criterion) {
        return super.search(session, mailbox, SearchQuery.of(criterion))
            .map(MessageUid::asLong)
            .collect(Collectors.toSet());
    }

    /** The criteria, at any depth of the query, that are not conjunctions and pass the test. */
    private static void collectLeaves(List<Criterion> criteria, Predicate<Criterion> test, List<Criterion> found) {
        for (Criterion criterion : criteria) {
            if (criterion instanceof ConjunctionCriterion) {
                collectLeaves(((ConjunctionCriterion) criterion).getCriteria(), test, found);
            } else if (test.test(criterion)) {
                found.add(criterion);
            }
        }
    }

    private static final class Hit {
        final long uid;
        final int mailboxOrder;
        final String messageId;

        Hit(long uid, int mailboxOrder, String messageId) {
            this.uid = uid;
            this.mailboxOrder = mailboxOrder;
            this.messageId = messageId;
        }
    }
}
