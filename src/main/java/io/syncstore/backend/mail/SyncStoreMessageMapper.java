package io.syncstore.backend.mail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.mail.Flags;

import org.apache.james.mailbox.ApplicableFlagBuilder;
import org.apache.james.mailbox.MessageManager.FlagsUpdateMode;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.ComposedMessageIdWithMetaData;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxCounters;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.transaction.NonTransactionalMapper;

import com.google.common.collect.ImmutableMap;

import io.syncstore.api.FlagRows;
import io.syncstore.api.SortingFields;
import io.syncstore.api.ThreadingFields;
import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.jmap.SavedChangeAccounts;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.search.SortingColumns;
import io.syncstore.backend.search.ThreadingColumns;
import io.syncstore.backend.sql.ExpungeLogSql;
import io.syncstore.backend.sql.MessageSql;
import io.syncstore.reactive.Blocking;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Messages of a mailbox on the database. Every change is one database write, committed and durable when it
 * returns; UIDs and modseqs are allocated inside it.
 *
 * <p>Beyond James's API, for QRESYNC: every expunge, delete and move out of a mailbox takes a new modseq of the
 * mailbox and is logged, so that {@link #expungedSince} and {@link #changedSince} answer from indexes.
 */
public class SyncStoreMessageMapper extends NonTransactionalMapper implements MessageMapper {
    private static final int PAGE_SIZE = 256;

    private final Database database;
    private final Clock clock;
    private final StoredMessages messages;
    private final MailboxEntries entries;
    private final MessageReader reader;
    private final MessageSummaryStore summaries;
    private final FlagRowsCache flagRows = new FlagRowsCache();

    public SyncStoreMessageMapper(Database database, ContentStore contentStore, Clock clock, SavedChangeAccounts savedAccounts) {
        MessageTables tables = new MessageTables(database, contentStore, savedAccounts);
        this.database = database;
        this.clock = clock;
        this.messages = tables.messages();
        this.entries = tables.entries();
        this.reader = tables.reader();
        this.summaries = new MessageSummaryStore(database, contentStore);
    }

    /** The stored {@code io.syncstore.mime.MessageSummary} of each message of the range, by UID. */
    public Mono<Map<MessageUid, byte[]>> summaries(Mailbox mailbox, MessageRange range) {
        return summaries.inRange(idOf(mailbox), range);
    }

    /** The UID, flags and (if asked for) modseq of each message of the range, from the rows kept since the last change. */
    public Mono<FlagRows> flagRows(Mailbox mailbox, MessageRange range, boolean withModSeq) {
        long mailboxId = idOf(mailbox).value();
        return database.readReactive(connection -> flagRows.rowsInRange(connection, mailboxId, range, withModSeq));
    }

    /** What SORT and THREAD compare of these messages, by UID, in one query; those expunged are left out. */
    public Mono<Map<MessageUid, SortingFields>> sortingFields(Mailbox mailbox, Collection<MessageUid> uids) {
        long mailboxId = idOf(mailbox).value();
        return database.readReactive(connection -> SortingColumns.read(connection, mailboxId, uids));
    }

    /** What THREAD reads of these messages ({@code uids} ascending), in one query; empty when one has no fields yet. */
    public Mono<Optional<ThreadingFields>> threadingFields(Mailbox mailbox, long[] uids) {
        long mailboxId = idOf(mailbox).value();
        return database.readReactive(connection -> ThreadingColumns.read(connection, database.dialect(), mailboxId, uids));
    }

    @Override
    public Iterator<MailboxMessage> findInMailbox(Mailbox mailbox, MessageRange set, FetchType type, int limit) {
        return findInMailboxReactive(mailbox, set, type, limit).toIterable().iterator();
    }

    /** Reads page by page, so that a large range never holds every message (and header) in memory at once. */
    @Override
    public Flux<MailboxMessage> findInMailboxReactive(Mailbox mailbox, MessageRange set, FetchType type, int limit) {
        SyncStoreMailboxId mailboxId = idOf(mailbox);
        int pageSize = limit > 0 ? Math.min(limit, PAGE_SIZE) : PAGE_SIZE;
        MessageUid to = set.getUidTo();
        Flux<MailboxMessage> messagesInRange = page(mailboxId, set.getUidFrom(), to, type, pageSize)
            .expand(page -> {
                MessageUid last = page.get(page.size() - 1).getUid();
                return page.size() < pageSize || last.equals(to) ? Mono.empty() : page(mailboxId, last.next(), to, type, pageSize);
            })
            .flatMapIterable(Function.identity());
        return limit > 0 ? messagesInRange.take(limit) : messagesInRange;
    }

    private Mono<List<MailboxMessage>> page(SyncStoreMailboxId mailboxId, MessageUid from, MessageUid to, FetchType type, int pageSize) {
        return database.<List<MailboxMessage>>readReactive(connection -> reader.inRange(connection, mailboxId, from, to, type, pageSize))
            .filter(page -> !page.isEmpty());
    }

    @Override
    public Flux<ComposedMessageIdWithMetaData> listMessagesMetadata(Mailbox mailbox, MessageRange set) {
        return database.readReactive(connection -> MailboxEntries.inRange(connection, idOf(mailbox), set))
            .flatMapIterable(Function.identity())
            .map(StoredEntry::composedMetaData);
    }

    @Override
    public List<MessageUid> retrieveMessagesMarkedForDeletion(Mailbox mailbox, MessageRange messageRange) throws MailboxException {
        return database.read(markedForDeletion(mailbox, messageRange));
    }

    @Override
    public Flux<MessageUid> retrieveMessagesMarkedForDeletionReactive(Mailbox mailbox, MessageRange messageRange) {
        return database.readReactive(markedForDeletion(mailbox, messageRange)).flatMapIterable(Function.identity());
    }

    private SqlWork<List<MessageUid>> markedForDeletion(Mailbox mailbox, MessageRange range) {
        return connection -> Sql.list(connection, MessageSql.DELETED_UIDS_IN_RANGE, row -> MessageUid.of(row.getLong(1)),
            idOf(mailbox).value(), range.getUidFrom().asLong(), range.getUidTo().asLong());
    }

    /** The messages of the range marked \Deleted, as an expunge would remove them now: what its hooks are told. */
    public Mono<List<MessageMetaData>> markedForDeletionMetaData(Mailbox mailbox, MessageRange range) {
        return database.readReactive(connection -> MailboxEntries.deletedInRange(connection, idOf(mailbox), range).stream()
            .map(StoredEntry::metaData)
            .collect(Collectors.toList()));
    }

    @Override
    public long countMessagesInMailbox(Mailbox mailbox) throws MailboxException {
        return getMailboxCounters(mailbox).getCount();
    }

    @Override
    public MailboxCounters getMailboxCounters(Mailbox mailbox) throws MailboxException {
        return database.read(counters(mailbox));
    }

    @Override
    public Mono<MailboxCounters> getMailboxCountersReactive(Mailbox mailbox) {
        return database.readReactive(counters(mailbox));
    }

    private SqlWork<MailboxCounters> counters(Mailbox mailbox) {
        SyncStoreMailboxId mailboxId = idOf(mailbox);
        return connection -> Sql.first(connection, MessageSql.COUNTERS, row -> MailboxCounters.builder()
                .mailboxId(mailboxId)
                .count(row.getLong("message_count"))
                .unseen(row.getLong("unseen_count"))
                .build(), mailboxId.value())
            .orElseThrow(() -> new MailboxNotFoundException(mailboxId));
    }

    @Override
    public void delete(Mailbox mailbox, MailboxMessage message) throws MailboxException {
        database.write(connection -> entries.remove(connection, idOf(mailbox), List.of(message.getUid())));
    }

    @Override
    public Map<MessageUid, MessageMetaData> deleteMessages(Mailbox mailbox, List<MessageUid> uids) throws MailboxException {
        return database.write(deletion(mailbox, uids));
    }

    @Override
    public Mono<Map<MessageUid, MessageMetaData>> deleteMessagesReactive(Mailbox mailbox, List<MessageUid> uids) {
        return database.writeReactive(deletion(mailbox, uids));
    }

    /**
     * Removes the entries of the range marked \Deleted, as one expunge, finding them inside the write: it removes what
     * is marked when it runs, also where writes run concurrently.
     */
    public Mono<Map<MessageUid, MessageMetaData>> expungeMarkedReactive(Mailbox mailbox, MessageRange range) {
        SyncStoreMailboxId mailboxId = idOf(mailbox);
        return database.writeReactive(connection -> entries.removeFound(connection, mailboxId,
                entries.markedForDeletion(connection, mailboxId, range)).stream()
            .collect(ImmutableMap.toImmutableMap(StoredEntry::uid, StoredEntry::metaData)));
    }

    private SqlWork<Map<MessageUid, MessageMetaData>> deletion(Mailbox mailbox, List<MessageUid> uids) {
        return connection -> entries.remove(connection, idOf(mailbox), uids).stream()
            .collect(ImmutableMap.toImmutableMap(StoredEntry::uid, StoredEntry::metaData));
    }

    @Override
    public MessageUid findFirstUnseenMessageUid(Mailbox mailbox) throws MailboxException {
        return database.read(firstUnseen(mailbox)).orElse(null);
    }

    @Override
    public Mono<Optional<MessageUid>> findFirstUnseenMessageUidReactive(Mailbox mailbox) {
        return database.readReactive(firstUnseen(mailbox));
    }

    private SqlWork<Optional<MessageUid>> firstUnseen(Mailbox mailbox) {
        return connection -> Sql.first(connection, MessageSql.FIRST_UNSEEN_UID, row -> MessageUid.of(row.getLong(1)), idOf(mailbox).value());
    }

    @Override
    public List<MessageUid> findRecentMessageUidsInMailbox(Mailbox mailbox) throws MailboxException {
        return database.read(recentUids(mailbox));
    }

    @Override
    public Mono<List<MessageUid>> findRecentMessageUidsInMailboxReactive(Mailbox mailbox) {
        return database.readReactive(recentUids(mailbox));
    }

    private SqlWork<List<MessageUid>> recentUids(Mailbox mailbox) {
        return connection -> Sql.list(connection, MessageSql.RECENT_UIDS, row -> MessageUid.of(row.getLong(1)), idOf(mailbox).value());
    }

    @Override
    public MessageMetaData add(Mailbox mailbox, MailboxMessage message) throws MailboxException {
        Optional<PreparedMessage> prepared = messages.prepareUnlessStored(message);
        try {
            return assigned(message, database.write(addition(mailbox, message, connection -> prepared)));
        } finally {
            messages.discard(prepared);
        }
    }

    @Override
    public Mono<MessageMetaData> addReactive(Mailbox mailbox, MailboxMessage message) {
        return Blocking.call(() -> messages.prepareUnlessStored(message))
            .flatMap(prepared -> database.writeReactive(addition(mailbox, message, connection -> prepared))
                .doFinally(signal -> messages.discard(prepared)))
            .map(metaData -> assigned(message, metaData));
    }

    /**
     * Adds messages the store cannot hold yet (their ids are new), all in one write, so one commit: consecutive UIDs,
     * and either all are stored or none is and no UID is used up. {@code threadsOf} runs per message, in order, in
     * that write: it records what else belongs to the message (its attachments, its thread keys) and answers its
     * thread. On PostgreSQL it runs after the mailbox's row is locked (by the UID and modseq allocation), so
     * concurrent appends to one mailbox look up their threads one after the other. Blocks: the messages are read and
     * written on the calling thread, which the caller has already moved off the event loop to read them.
     */
    public List<MessageMetaData> addAllNew(Mailbox mailbox, List<MailboxMessage> newMessages,
                                           List<SqlWork<ThreadId>> threadsOf) throws MailboxException {
        List<PreparedMessage> prepared = prepareAll(newMessages);
        try {
            List<MessageMetaData> added = database.write(connection -> {
                SyncStoreMailboxId mailboxId = idOf(mailbox);
                MailboxSequences.Reserved reserved = MailboxSequences.reserve(connection, mailboxId, newMessages.size());
                List<MessageMetaData> inserted = new ArrayList<>(newMessages.size());
                for (int i = 0; i < newMessages.size(); i++) {
                    PreparedMessage message = prepared.get(i).inThread(threadsOf.get(i).run(connection));
                    inserted.add(insertNew(connection, mailboxId, reserved.uid(i), reserved.modSeq(i), newMessages.get(i), message));
                }
                entries.recordAdded(connection, mailboxId, inserted);
                return inserted;
            });
            for (int i = 0; i < added.size(); i++) {
                assigned(newMessages.get(i), added.get(i));
            }
            return added;
        } finally {
            prepared.forEach(message -> messages.discard(Optional.of(message)));
        }
    }

    private List<PreparedMessage> prepareAll(List<MailboxMessage> newMessages) throws MailboxException {
        List<PreparedMessage> prepared = new ArrayList<>(newMessages.size());
        try {
            for (MailboxMessage message : newMessages) {
                prepared.add(messages.prepare(message));
            }
            return prepared;
        } catch (MailboxException | RuntimeException e) {
            prepared.forEach(message -> messages.discard(Optional.of(message)));
            throw e;
        }
    }

    private SqlWork<MessageMetaData> addition(Mailbox mailbox, MailboxMessage message,
                                              SqlWork<Optional<PreparedMessage>> prepared) {
        return connection -> {
            SyncStoreMailboxId mailboxId = idOf(mailbox);
            MessageMetaData added = insert(connection, mailboxId, MailboxSequences.nextUid(connection, mailboxId), message, prepared.run(connection));
            entries.recordAdded(connection, mailboxId, List.of(added));
            return added;
        };
    }

    private MessageMetaData insert(Connection connection, SyncStoreMailboxId mailboxId, MessageUid uid, MailboxMessage message,
                                   Optional<PreparedMessage> prepared) throws SQLException, MailboxException {
        ModSeq modSeq = MailboxSequences.nextModSeq(connection, mailboxId);
        long messagePk = messages.store(connection, message.getMessageId(), prepared);
        entries.insert(connection, mailboxId, uid, modSeq, messagePk, message.createFlags(), now());
        return stored(connection, mailboxId, uid).metaData();
    }

    /** Stores a message whose id is new; its metadata is what was written, not read back. */
    private MessageMetaData insertNew(Connection connection, SyncStoreMailboxId mailboxId, MessageUid uid, ModSeq modSeq,
                                      MailboxMessage message, PreparedMessage prepared) throws SQLException, MailboxException {
        long messagePk = messages.storeNew(connection, message.getMessageId(), prepared);
        Date saveDate = now();
        Flags flags = message.createFlags();
        entries.insert(connection, mailboxId, uid, modSeq, messagePk, flags, saveDate);
        return new MessageMetaData(uid, modSeq, flags, prepared.size(), prepared.internalDate(), Optional.of(saveDate),
            message.getMessageId(), prepared.threadId());
    }

    /** James's add contract: the caller's message carries what the store assigned. */
    private static MessageMetaData assigned(MailboxMessage message, MessageMetaData metaData) {
        message.setUid(metaData.getUid());
        message.setModSeq(metaData.getModSeq());
        metaData.getSaveDate().ifPresent(message::setSaveDate);
        return metaData;
    }

    @Override
    public Iterator<UpdatedFlags> updateFlags(Mailbox mailbox, FlagsUpdateCalculator calculator, MessageRange set) throws MailboxException {
        return database.write(flagsUpdate(mailbox, calculator, set)).iterator();
    }

    @Override
    public Mono<List<UpdatedFlags>> updateFlagsReactive(Mailbox mailbox, FlagsUpdateCalculator calculator, MessageRange set) {
        return database.writeReactive(flagsUpdate(mailbox, calculator, set));
    }

    private SqlWork<List<UpdatedFlags>> flagsUpdate(Mailbox mailbox, FlagsUpdateCalculator calculator, MessageRange set) {
        return connection -> {
            SyncStoreMailboxId mailboxId = idOf(mailbox);
            entries.lock(connection, mailboxId);
            return entries.updateFlags(connection, mailboxId, MailboxEntries.inRange(connection, mailboxId, set), calculator);
        };
    }

    @Override
    public List<UpdatedFlags> resetRecent(Mailbox mailbox) throws MailboxException {
        return database.write(recentReset(mailbox));
    }

    @Override
    public Mono<List<UpdatedFlags>> resetRecentReactive(Mailbox mailbox) {
        return database.writeReactive(recentReset(mailbox));
    }

    private SqlWork<List<UpdatedFlags>> recentReset(Mailbox mailbox) {
        return connection -> {
            SyncStoreMailboxId mailboxId = idOf(mailbox);
            entries.lock(connection, mailboxId);
            List<StoredEntry> recent = Sql.list(connection, MessageSql.ENTRIES_RECENT, StoredEntry::read, mailboxId.value());
            return entries.updateFlags(connection, mailboxId, recent, new FlagsUpdateCalculator(new Flags(Flags.Flag.RECENT), FlagsUpdateMode.REMOVE));
        };
    }

    @Override
    public MessageMetaData copy(Mailbox mailbox, MailboxMessage original) throws MailboxException {
        return copy(mailbox, List.of(original)).get(0);
    }

    @Override
    public List<MessageMetaData> copy(Mailbox mailbox, List<MailboxMessage> originals) throws MailboxException {
        return database.write(connection -> insertCopies(connection, idOf(mailbox), originals));
    }

    @Override
    public Mono<MessageMetaData> copyReactive(Mailbox mailbox, MailboxMessage original) {
        return copyReactive(mailbox, List.of(original)).map(copies -> copies.get(0));
    }

    @Override
    public Mono<List<MessageMetaData>> copyReactive(Mailbox mailbox, List<MailboxMessage> originals) {
        return database.writeReactive(connection -> insertCopies(connection, idOf(mailbox), originals));
    }

    @Override
    public MessageMetaData move(Mailbox mailbox, MailboxMessage original) throws MailboxException {
        return move(mailbox, List.of(original)).get(0);
    }

    @Override
    public List<MessageMetaData> move(Mailbox mailbox, List<MailboxMessage> originals) throws MailboxException {
        return database.write(moving(mailbox, originals));
    }

    @Override
    public Mono<MessageMetaData> moveReactive(Mailbox mailbox, MailboxMessage original) {
        return moveReactive(mailbox, List.of(original)).map(moved -> moved.get(0));
    }

    @Override
    public Mono<List<MessageMetaData>> moveReactive(Mailbox mailbox, List<MailboxMessage> originals) {
        return database.writeReactive(moving(mailbox, originals));
    }

    /**
     * Copies into the destination, then expunges from each source mailbox; nothing happens if one is gone. The sources
     * are locked first: the copies take the quota usage's row, which an expunge in a source takes after the source.
     */
    private SqlWork<List<MessageMetaData>> moving(Mailbox mailbox, List<MailboxMessage> originals) {
        return connection -> {
            Map<SyncStoreMailboxId, List<MessageUid>> uidsBySource = originals.stream()
                .collect(Collectors.groupingBy(original -> SyncStoreMailboxId.from(original.getMailboxId()),
                    () -> new TreeMap<>(Comparator.comparingLong(SyncStoreMailboxId::value)),
                    Collectors.mapping(MailboxMessage::getUid, Collectors.toList())));
            for (SyncStoreMailboxId source : uidsBySource.keySet()) {
                entries.lock(connection, source);
            }
            List<MessageMetaData> moved = insertCopies(connection, idOf(mailbox), originals);
            for (Map.Entry<SyncStoreMailboxId, List<MessageUid>> source : uidsBySource.entrySet()) {
                if (entries.remove(connection, source.getKey(), source.getValue()).size() != source.getValue().size()) {
                    throw new MailboxException("A message to move left " + source.getKey().serialize() + " meanwhile");
                }
            }
            return moved;
        };
    }

    /** Copies are new entries of the same messages, marked recent, each with its own UID and modseq. */
    private List<MessageMetaData> insertCopies(Connection connection, SyncStoreMailboxId mailboxId, List<MailboxMessage> originals) throws SQLException, MailboxException {
        List<MessageMetaData> copies = new ArrayList<>();
        Date saveDate = now();
        for (MailboxMessage original : originals) {
            long messagePk = messages.pk(connection, original.getMessageId())
                .orElseThrow(() -> new MailboxException("Message " + original.getMessageId().serialize() + " was deleted meanwhile"));
            MessageUid uid = MailboxSequences.nextUid(connection, mailboxId);
            ModSeq modSeq = MailboxSequences.nextModSeq(connection, mailboxId);
            Flags flags = original.createFlags();
            flags.add(Flags.Flag.RECENT);
            entries.insert(connection, mailboxId, uid, modSeq, messagePk, flags, saveDate);
            copies.add(stored(connection, mailboxId, uid).metaData());
        }
        entries.recordAdded(connection, mailboxId, copies);
        return copies;
    }

    @Override
    public Optional<MessageUid> getLastUid(Mailbox mailbox) throws MailboxException {
        return database.read(connection -> MailboxSequences.lastUid(connection, idOf(mailbox)));
    }

    @Override
    public Mono<Optional<MessageUid>> getLastUidReactive(Mailbox mailbox) {
        return database.readReactive(connection -> MailboxSequences.lastUid(connection, idOf(mailbox)));
    }

    @Override
    public ModSeq getHighestModSeq(Mailbox mailbox) throws MailboxException {
        return database.read(connection -> MailboxSequences.highestModSeq(connection, idOf(mailbox)));
    }

    @Override
    public Mono<ModSeq> getHighestModSeqReactive(Mailbox mailbox) {
        return database.readReactive(connection -> MailboxSequences.highestModSeq(connection, idOf(mailbox)));
    }

    /** The system flags and every keyword a message of the mailbox holds now (not the ones it held once). */
    @Override
    public Flags getApplicableFlag(Mailbox mailbox) throws MailboxException {
        return database.read(applicableFlags(mailbox));
    }

    @Override
    public Mono<Flags> getApplicableFlagReactive(Mailbox mailbox) {
        return database.readReactive(applicableFlags(mailbox));
    }

    private SqlWork<Flags> applicableFlags(Mailbox mailbox) {
        return connection -> {
            ApplicableFlagBuilder flags = ApplicableFlagBuilder.builder();
            for (String userFlags : Sql.list(connection, MessageSql.DISTINCT_USER_FLAGS, row -> row.getString(1), idOf(mailbox).value())) {
                flags.add(StoredFlags.readUserFlags(userFlags).toArray(String[]::new));
            }
            return flags.build();
        };
    }

    /**
     * The mailbox's UIDs as runs {@code [first0, last0, first1, last1, ...]}, read without visiting every message where
     * possible. The span of its UIDs minus the UIDs in the expunge log is the mailbox exactly when it holds as many
     * UIDs as the mailbox has messages: UIDs are never reused, and the log is read before the span, so no logged UID
     * can be in the mailbox (a log trimmed below the span leaves more UIDs than messages). Otherwise, or when the log
     * is larger than the mailbox, every UID is read, as primitives, and folded into runs.
     */
    public Mono<long[]> uidRanges(Mailbox mailbox) {
        long id = idOf(mailbox).value();
        return database.readReactive(connection -> {
            long[] bounds = uidBounds(connection, id);
            if (bounds[2] == 0) {
                return new long[0];
            }
            if (bounds[1] - bounds[0] + 1 == bounds[2]) {
                return new long[] {bounds[0], bounds[1]};
            }
            if (bounds[3] < bounds[2]) {
                long[] logged = loggedUids(connection, id);
                long[] now = uidBounds(connection, id);
                long[] gaps = Arrays.stream(logged).filter(uid -> uid > now[0] && uid < now[1]).toArray();
                if (now[2] > 0 && now[1] - now[0] + 1 - gaps.length == now[2]) {
                    return runsBetween(now[0], now[1], gaps);
                }
            }
            return foldedRuns(connection, id);
        });
    }

    /** First UID, last UID, message count and expunge log size, in one statement (one snapshot). */
    private static long[] uidBounds(Connection connection, long mailboxId) throws SQLException {
        return Sql.first(connection, MessageSql.UID_BOUNDS,
            row -> new long[] {row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4)}, mailboxId, mailboxId, mailboxId).orElseThrow();
    }

    private static long[] loggedUids(Connection connection, long mailboxId) throws SQLException {
        return Arrays.stream(longs(connection, ExpungeLogSql.UIDS, mailboxId)).sorted().distinct().toArray();
    }

    /** The first column of a query's rows, as primitives. */
    private static long[] longs(Connection connection, String sql, long mailboxId) throws SQLException {
        long[] values = new long[16];
        int size = 0;
        try (PreparedStatement statement = Sql.prepare(connection, sql, mailboxId);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (size == values.length) {
                    values = Arrays.copyOf(values, size * 2);
                }
                values[size++] = rows.getLong(1);
            }
        }
        return Arrays.copyOf(values, size);
    }

    /** The runs of {@code first..last} without the sorted, distinct {@code gaps}, all strictly between the two. */
    private static long[] runsBetween(long first, long last, long[] gaps) {
        long[] runs = new long[2 * (gaps.length + 1)];
        int size = 0;
        long start = first;
        for (long gap : gaps) {
            if (gap > start) {
                runs[size++] = start;
                runs[size++] = gap - 1;
            }
            start = gap + 1;
        }
        runs[size++] = start;
        runs[size++] = last;
        return Arrays.copyOf(runs, size);
    }

    private static long[] foldedRuns(Connection connection, long mailboxId) throws SQLException {
        long[] runs = new long[16];
        int size = 0;
        for (long uid : longs(connection, MessageSql.UIDS, mailboxId)) {
            if (size > 0 && runs[size - 1] + 1 == uid) {
                runs[size - 1] = uid;
                continue;
            }
            if (size + 2 > runs.length) {
                runs = Arrays.copyOf(runs, runs.length * 2);
            }
            runs[size++] = uid;
            runs[size++] = uid;
        }
        return Arrays.copyOf(runs, size);
    }

    @Override
    public Flux<MessageUid> listAllMessageUids(Mailbox mailbox) {
        return database.readReactive(connection -> Sql.list(connection, MessageSql.UIDS, row -> MessageUid.of(row.getLong(1)), idOf(mailbox).value()))
            .flatMapIterable(Function.identity());
    }

    /**
     * The UIDs expunged from the mailbox after the modseq, from the expunge log. The log is complete only above
     * {@link #expungeFloor}: a client resynchronizing from a modseq below the floor must instead be told every UID
     * it may know (up to UIDNEXT) that is not in the mailbox, which RFC 7162 section 5 allows.
     */
    public Flux<MessageUid> expungedSince(Mailbox mailbox, ModSeq modSeq) {
        return database.readReactive(connection -> ExpungeLog.expungedSince(connection, idOf(mailbox), modSeq))
            .flatMapIterable(Function.identity());
    }

    /** The modseq up to which the expunge log of the mailbox was trimmed; {@link ModSeq#first()} if it never was. */
    public Mono<ModSeq> expungeFloor(Mailbox mailbox) {
        return database.readReactive(connection -> ExpungeLog.floor(connection, idOf(mailbox)));
    }

    /** UID, flags and modseq of the messages added or whose flags changed after the modseq, in UID order. */
    public Flux<ComposedMessageIdWithMetaData> changedSince(Mailbox mailbox, ModSeq modSeq) {
        return database.readReactive(connection -> Sql.list(connection, MessageSql.ENTRIES_CHANGED_SINCE, StoredEntry::read,
                idOf(mailbox).value(), modSeq.asLong()))
            .flatMapIterable(Function.identity())
            .map(StoredEntry::composedMetaData);
    }

    private static StoredEntry stored(Connection connection, SyncStoreMailboxId mailboxId, MessageUid uid) throws SQLException {
        return MailboxEntries.inRange(connection, mailboxId, MessageRange.one(uid)).get(0);
    }

    private Date now() {
        return Date.from(clock.instant());
    }

    private static SyncStoreMailboxId idOf(Mailbox mailbox) {
        return SyncStoreMailboxId.from(mailbox.getMailboxId());
    }
}
