package io.syncstore.backend.search;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
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
import org.apache.james.mailbox.model.SearchQuery.TextCriterion;
import org.apache.james.mailbox.store.mail.MailboxMapperFactory;
import org.apache.james.mailbox.store.mail.MessageMapperFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.base.Preconditions;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
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
 * <p>Messages without an index row of the current format (a database upgraded by a migration that empties the index,
 * or a format bump) are indexed in the background after start-up. Until that ends, the messages of a mailbox not yet
 * indexed are searched by the scanning index, the whole query on each of them, and the others by the index: the
 * answers are exact during the rebuild, only slower.</p>
 */
public class IndexedSearchIndex extends ConformantSearchIndex {
    private static final Logger LOGGER = LoggerFactory.getLogger(IndexedSearchIndex.class);
    private static final String FROM = " FROM mailbox_message mm JOIN message m ON m.id = mm.message_id "
        + "LEFT JOIN message_search s ON s.message_pk = mm.message_id WHERE ";
    private static final String NOT_YET_INDEXED = "SELECT mm.uid FROM mailbox_message mm LEFT JOIN message_search s "
        + "ON s.message_pk = mm.message_id WHERE mm.mailbox_id = ? AND (s.message_pk IS NULL OR s.format < ?) ORDER BY mm.uid";
    private static final String BEYOND_INDEX = "SELECT mm.uid FROM mailbox_message mm "
        + "JOIN message_search s ON s.message_pk = mm.message_id WHERE mm.mailbox_id = ? AND s.body_beyond_index = 1";

    private final Database database;
    private final MessageId.Factory messageIdFactory;
    private final TextMatching matching;
    private final CompletableFuture<Integer> rebuild;

    @Inject
    public IndexedSearchIndex(MessageMapperFactory messageMapperFactory, MailboxMapperFactory mailboxMapperFactory,
                              TextExtractor textExtractor, AttachmentContentLoader attachmentContentLoader,
                              Database database, ContentStore contentStore, MessageId.Factory messageIdFactory) {
        super(messageMapperFactory, mailboxMapperFactory, textExtractor, attachmentContentLoader);
        this.database = database;
        this.messageIdFactory = messageIdFactory;
        this.matching = TextMatching.of(database.dialect(), contentStore);
        UncheckedStorageException.unchecked(() -> SortingColumns.backfill(database));
        this.rebuild = CompletableFuture.supplyAsync(
            () -> UncheckedStorageException.unchecked(() -> SearchIndexRows.rebuild(database, contentStore)),
            task -> {
                Thread thread = new Thread(task, "search-index-rebuild");
                thread.setDaemon(true);
                thread.start();
            });
        rebuild.whenComplete((indexed, failure) -> {
            if (failure != null) {
                LOGGER.error("Search index: the rebuild stopped; messages not yet indexed are searched by reading them", failure);
            }
        });
    }

    /** The start-up rebuild of the index: how many messages it indexed, once done. */
    public CompletableFuture<Integer> rebuild() {
        return rebuild;
    }

    private boolean rebuilt() {
        return rebuild.isDone() && !rebuild.isCompletedExceptionally();
    }

    @Override
    public Flux<MessageUid> search(MailboxSession session, Mailbox mailbox, SearchQuery query) {
        Preconditions.checkArgument(session != null, "'session' is mandatory");
        if (!query.getSorts().equals(SearchQuery.DEFAULT_SORTS)) {
            return super.search(session, mailbox, query);
        }
        long mailboxId = SyncStoreMailboxId.from(mailbox.getMailboxId()).value();
        Mono<List<Long>> notYetIndexed = rebuilt() ? Mono.just(List.of()) : database.readReactive(connection ->
            Sql.list(connection, NOT_YET_INDEXED, row -> row.getLong(1), mailboxId, SearchText.FORMAT));
        return notYetIndexed.flatMapMany(unindexed -> {
            Flux<MessageUid> indexed = fromIndex(session, mailbox, mailboxId, query, !unindexed.isEmpty());
            if (unindexed.isEmpty()) {
                return indexed;
            }
            SearchQuery onThem = SearchQuery.builder()
                .andCriteria(onlyUids(unindexed))
                .andCriteria(query.getCriteria())
                .addRecentMessageUids(query.getRecentMessageUids())
                .build();
            return Flux.merge(indexed, super.search(session, mailbox, onThem))
                .collect(Collectors.toCollection(TreeSet::new))
                .flatMapMany(Flux::fromIterable);
        });
    }

    /** The UIDs the index finds, in order; only among the messages it holds when some are not yet indexed. */
    private Flux<MessageUid> fromIndex(MailboxSession session, Mailbox mailbox, long mailboxId, SearchQuery query,
                                       boolean onlyIndexed) {
        return scanned(session, mailbox, query.getCriteria())
            .flatMap(scanned -> database.readReactive(connection -> {
                List<Object> parameters = new ArrayList<>();
                parameters.add(mailboxId);
                SearchConditions conditions = conditions(connection, List.of(mailboxId), scanned, query);
                String condition = conditions.all(query.getCriteria());
                parameters.addAll(conditions.parameters());
                if (onlyIndexed) {
                    condition += " AND s.format = ?";
                    parameters.add(SearchText.FORMAT);
                }
                return Sql.list(connection, "SELECT mm.uid" + FROM + "mm.mailbox_id = ? AND " + condition + " ORDER BY mm.uid",
                    row -> MessageUid.of(row.getLong(1)), parameters.toArray());
            }))
            .flatMapMany(Flux::fromIterable);
    }

    @Override
    public Flux<MessageId> search(MailboxSession session, Collection<MailboxId> mailboxIds, SearchQuery query, long limit) throws MailboxException {
        if (!query.getSorts().equals(SearchQuery.DEFAULT_SORTS) || !query.getCriteria().stream().allMatch(SearchConditions::indexed)) {
            return super.search(session, mailboxIds, query, limit);
        }
        List<Long> ids = mailboxIds.stream().map(id -> SyncStoreMailboxId.from(id).value()).collect(Collectors.toList());
        if (!textCriteria(query.getCriteria()).isEmpty() && anyBeyondIndex(ids) || !rebuilt() && anyNotYetIndexed(ids)) {
            return super.search(session, mailboxIds, query, limit);
        }
        return database.readReactive(connection -> {
                List<Object> parameters = new ArrayList<>();
                String inMailboxes = matching.in("mm.mailbox_id", ids, parameters);
                SearchConditions conditions = conditions(connection, ids, Map.of(), query);
                String condition = conditions.all(query.getCriteria());
                parameters.addAll(conditions.parameters());
                List<Hit> hits = Sql.list(connection, "SELECT mm.uid, mm.mailbox_id, m.message_id" + FROM + inMailboxes + " AND "
                    + condition, row -> new Hit(row.getLong(1), ids.indexOf(row.getLong(2)), row.getString(3)), parameters.toArray());
                return hits;
            })
            .map(hits -> hits.stream()
                // As the scanning index orders them: by UID, then in the order the mailboxes were given.
                .sorted(java.util.Comparator.comparingLong((Hit hit) -> hit.uid).thenComparingInt(hit -> hit.mailboxOrder))
                .map(hit -> hit.messageId)
                .collect(Collectors.toCollection(LinkedHashSet::new)))
            .flatMapMany(Flux::fromIterable)
            .take(limit)
            .map(messageIdFactory::fromString);
    }

    private SearchConditions conditions(Connection connection, List<Long> mailboxIds, Map<Criterion, Collection<Long>> scanned,
                                        SearchQuery query) {
        return new SearchConditions(matching, matching.scope(connection, mailboxIds), new SearchConditions.Resolver() {
            @Override
            public Collection<Long> scanned(Criterion criterion) {
                return scanned.get(criterion);
            }

            @Override
            public Collection<Long> matchedBeyondIndex(TextCriterion criterion) {
                return scanned.getOrDefault(criterion, List.of());
            }
        }, query.getRecentMessageUids());
    }

    /**
     * The UIDs the scanning index finds, before the index is read: for each criterion the index does not hold, and for
     * each text criterion among the messages whose body text goes beyond the index.
     */
    private Mono<Map<Criterion, Collection<Long>>> scanned(MailboxSession session, Mailbox mailbox, List<Criterion> criteria) {
        List<Criterion> unindexed = new ArrayList<>();
        collectUnindexed(criteria, unindexed);
        List<TextCriterion> texts = textCriteria(criteria);
        Map<Criterion, Collection<Long>> result = new IdentityHashMap<>();
        Mono<List<Long>> beyondIndex = texts.isEmpty() ? Mono.just(List.of()) : database.readReactive(connection ->
            Sql.list(connection, BEYOND_INDEX, row -> row.getLong(1), SyncStoreMailboxId.from(mailbox.getMailboxId()).value()));
        return beyondIndex.flatMap(uids -> Flux.fromIterable(unindexed)
                .concatMap(criterion -> scan(session, mailbox, criterion).doOnNext(found -> result.put(criterion, found)))
                .thenMany(Flux.fromIterable(uids.isEmpty() ? List.<TextCriterion>of() : texts))
                .concatMap(text -> scan(session, mailbox, SearchQuery.and(List.of(onlyUids(uids), text)))
                    .doOnNext(found -> result.put(text, found)))
                .then(Mono.fromSupplier(() -> result)));
    }

    private Mono<Collection<Long>> scan(MailboxSession session, Mailbox mailbox, Criterion criterion) {
        return super.search(session, mailbox, SearchQuery.of(criterion))
            .map(MessageUid::asLong)
            .collect(Collectors.toSet());
    }

    /** The UIDs (ascending) as a criterion: one range per run of consecutive UIDs. */
    private static Criterion onlyUids(List<Long> uids) {
        List<SearchQuery.UidRange> ranges = new ArrayList<>();
        for (int start = 0; start < uids.size(); ) {
            int end = start;
            while (end + 1 < uids.size() && uids.get(end + 1) == uids.get(end) + 1) {
                end++;
            }
            ranges.add(new SearchQuery.UidRange(MessageUid.of(uids.get(start)), MessageUid.of(uids.get(end))));
            start = end + 1;
        }
        return SearchQuery.uid(ranges.toArray(SearchQuery.UidRange[]::new));
    }

    private boolean anyNotYetIndexed(List<Long> mailboxIds) throws MailboxException {
        return database.read(connection -> {
            List<Object> parameters = new ArrayList<>();
            String inMailboxes = matching.in("mm.mailbox_id", mailboxIds, parameters);
            parameters.add(SearchText.FORMAT);
            return Sql.first(connection, "SELECT 1 FROM mailbox_message mm LEFT JOIN message_search s ON s.message_pk = "
                + "mm.message_id WHERE " + inMailboxes + " AND (s.message_pk IS NULL OR s.format < ?)", row -> true,
                parameters.toArray()).isPresent();
        });
    }

    private boolean anyBeyondIndex(List<Long> mailboxIds) throws MailboxException {
        return database.read(connection -> {
            List<Object> parameters = new ArrayList<>();
            String inMailboxes = matching.in("mm.mailbox_id", mailboxIds, parameters);
            return Sql.first(connection, "SELECT 1 FROM mailbox_message mm JOIN message_search s ON s.message_pk = "
                + "mm.message_id WHERE " + inMailboxes + " AND s.body_beyond_index = 1", row -> true, parameters.toArray())
                .isPresent();
        });
    }

    /** The text criteria the index answers, at any depth of the query. */
    private static List<TextCriterion> textCriteria(List<Criterion> criteria) {
        List<TextCriterion> texts = new ArrayList<>();
        for (Criterion criterion : criteria) {
            if (criterion instanceof ConjunctionCriterion) {
                texts.addAll(textCriteria(((ConjunctionCriterion) criterion).getCriteria()));
            } else if (criterion instanceof TextCriterion && SearchConditions.indexed(criterion)) {
                texts.add((TextCriterion) criterion);
            }
        }
        return texts;
    }

    private static void collectUnindexed(List<Criterion> criteria, List<Criterion> unindexed) {
        for (Criterion criterion : criteria) {
            if (criterion instanceof ConjunctionCriterion) {
                collectUnindexed(((ConjunctionCriterion) criterion).getCriteria(), unindexed);
            } else if (!SearchConditions.indexed(criterion)) {
                unindexed.add(criterion);
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
