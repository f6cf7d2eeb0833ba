package io.syncstore.backend.mail;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageManager.FlagsUpdateMode;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.ComposedMessageIdWithMetaData;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.james.mailbox.store.mail.MessageIdMapper;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;

import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.jmap.JmapChangeStates;
import io.syncstore.backend.jmap.SavedChangeAccounts;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.sql.MessageSql;
import io.syncstore.reactive.Blocking;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Messages by message id, across mailboxes. Saving takes the UID and modseq the caller allocated (through the
 * providers); deleting is an expunge in each mailbox concerned, logged like the message mapper's.
 */
public class SyncStoreMessageIdMapper implements MessageIdMapper {
    private static final int FIND_BATCH = 100;

    private final Database database;
    private final Clock clock;
    private final StoredMessages messages;
    private final MailboxEntries entries;
    private final JmapChangeRows jmapChangeRows;
    private final MessageReader reader;

    public SyncStoreMessageIdMapper(Database database, ContentStore contentStore, Clock clock, SavedChangeAccounts savedAccounts) {
        MessageTables tables = new MessageTables(database, contentStore, savedAccounts);
        this.database = database;
        this.clock = clock;
        this.messages = tables.messages();
        this.entries = tables.entries();
        this.jmapChangeRows = tables.jmapChangeRows();
        this.reader = tables.reader();
    }

    @Override
    public List<MailboxMessage> find(Collection<MessageId> messageIds, FetchType fetchType) {
        return findReactive(messageIds, fetchType).collectList().block();
    }

    /** Reads a batch of ids per connection, so that a long list neither holds one connection nor takes one per id. */
    @Override
    public Flux<MailboxMessage> findReactive(Collection<MessageId> messageIds, FetchType fetchType) {
        return Flux.fromIterable(messageIds)
            .buffer(FIND_BATCH)
            .concatMap(batch -> database.readReactive(connection -> {
                List<MailboxMessage> found = new ArrayList<>();
                for (MessageId messageId : batch) {
                    found.addAll(reader.ofMessageId(connection, messageId, fetchType));
                }
                return found;
            }))
            .flatMapIterable(Function.identity());
    }

    @Override
    public Flux<ComposedMessageIdWithMetaData> findMetadata(MessageId messageId) {
        return database.readReactive(connection -> entriesOf(connection, messageId))
            .flatMapIterable(Function.identity())
            .map(StoredEntry::composedMetaData);
    }

    @Override
    public List<MailboxId> findMailboxes(MessageId messageId) {
        return findMetadata(messageId)
            .map(metaData -> metaData.getComposedMessageId().getMailboxId())
            .collectList()
            .block();
    }

    @Override
    public void save(MailboxMessage message) throws MailboxException {
        Optional<PreparedMessage> prepared = messages.prepareUnlessStored(message);
        try {
            database.write(saving(message, SyncStoreMailboxId.from(message.getMailboxId()), prepared, connection -> true));
        } finally {
            messages.discard(prepared);
        }
    }

    @Override
    public void copyInMailbox(MailboxMessage message, Mailbox mailbox) throws MailboxException {
        Optional<PreparedMessage> prepared = messages.prepareUnlessStored(message);
        try {
            database.write(copyingInto(message, mailbox, prepared));
        } finally {
            messages.discard(prepared);
        }
    }

    @Override
    public Mono<Void> copyInMailboxReactive(MailboxMessage message, Mailbox mailbox) {
        return Blocking.call(() -> messages.prepareUnlessStored(message))
            .flatMap(prepared -> database.writeReactive(copyingInto(message, mailbox, prepared))
                .doFinally(signal -> messages.discard(prepared)))
            .then();
    }

    /** Does nothing if the mailbox already holds the message. */
    private SqlWork<Boolean> copyingInto(MailboxMessage message, Mailbox mailbox, Optional<PreparedMessage> prepared) {
        SyncStoreMailboxId mailboxId = SyncStoreMailboxId.from(mailbox.getMailboxId());
        return saving(message, mailboxId, prepared, connection -> Sql.first(connection, MessageSql.MESSAGE_IN_MAILBOX,
            row -> true, mailboxId.value(), message.getMessageId().serialize()).isEmpty());
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds(Connection connection) throws SQLException;
    }

    private SqlWork<Boolean> saving(MailboxMessage message, SyncStoreMailboxId mailboxId, Optional<PreparedMessage> prepared, Condition condition) {
        return connection -> {
            if (!condition.holds(connection)) {
                return false;
            }
            MailboxSequences.cover(connection, mailboxId, message.getUid(), message.getModSeq());
            long messagePk = messages.store(connection, message.getMessageId(), prepared);
            entries.insert(connection, mailboxId, message.getUid(), message.getModSeq(), messagePk, message.createFlags(), Date.from(clock.instant()));
            jmapChangeRows.added(connection, mailboxId, JmapChangeStates.added(mailboxId, message.getUid()), List.of(message.getMessageId()));
            return true;
        };
    }

    @Override
    public void delete(MessageId messageId) {
        database.writeReactive(connection -> {
            removeEntries(connection, entries.ofMessageLocked(connection, messageId));
            return null;
        }).block();
    }

    @Override
    public void delete(MessageId messageId, Collection<MailboxId> mailboxIds) {
        deleteReactive(messageId, mailboxIds).block();
    }

    @Override
    public Mono<Void> deleteReactive(MessageId messageId, Collection<MailboxId> mailboxIds) {
        return deleteReactive(ImmutableMultimap.<MessageId, MailboxId>builder().putAll(messageId, mailboxIds).build());
    }

    @Override
    public void delete(Multimap<MessageId, MailboxId> ids) {
        deleteReactive(ids).block();
    }

    @Override
    public Mono<Void> deleteReactive(Multimap<MessageId, MailboxId> ids) {
        return database.writeReactive(connection -> {
            entries.lockInOrder(connection, ids.values().stream().map(SyncStoreMailboxId.class::cast).collect(Collectors.toList()));
            for (Map.Entry<MessageId, Collection<MailboxId>> messageMailboxes : ids.asMap().entrySet()) {
                Set<MailboxId> mailboxIds = Set.copyOf(messageMailboxes.getValue());
                removeEntries(connection, entriesOf(connection, messageMailboxes.getKey()).stream()
                    .filter(entry -> mailboxIds.contains(entry.mailboxId()))
                    .collect(Collectors.toList()));
            }
            return null;
        }).then();
    }

    /** Expunges these entries, one expunge per mailbox. */
    private void removeEntries(Connection connection, List<StoredEntry> found) throws SQLException, MailboxException {
        Map<SyncStoreMailboxId, List<MessageUid>> uidsByMailbox = found.stream()
            .collect(Collectors.groupingBy(StoredEntry::mailboxId, LinkedHashMap::new,
                Collectors.mapping(StoredEntry::uid, Collectors.toList())));
        for (Map.Entry<SyncStoreMailboxId, List<MessageUid>> mailboxUids : uidsByMailbox.entrySet()) {
            entries.remove(connection, mailboxUids.getKey(), mailboxUids.getValue());
        }
    }

    @Override
    public Mono<Multimap<MailboxId, UpdatedFlags>> setFlags(MessageId messageId, List<MailboxId> mailboxIds, Flags newState, FlagsUpdateMode updateMode) {
        Set<MailboxId> targets = Set.copyOf(mailboxIds);
        FlagsUpdateCalculator calculator = new FlagsUpdateCalculator(newState, updateMode);
        return database.writeReactive(connection -> {
            Map<SyncStoreMailboxId, List<StoredEntry>> entriesByMailbox = entries.ofMessageLocked(connection, messageId).stream()
                .filter(entry -> targets.contains(entry.mailboxId()))
                .collect(Collectors.groupingBy(StoredEntry::mailboxId, LinkedHashMap::new, Collectors.toList()));
            ImmutableListMultimap.Builder<MailboxId, UpdatedFlags> updates = ImmutableListMultimap.builder();
            for (Map.Entry<SyncStoreMailboxId, List<StoredEntry>> mailboxEntries : entriesByMailbox.entrySet()) {
                updates.putAll(mailboxEntries.getKey(), entries.updateFlags(connection, mailboxEntries.getKey(), mailboxEntries.getValue(), calculator));
            }
            return updates.build();
        });
    }

    private static List<StoredEntry> entriesOf(Connection connection, MessageId messageId) throws SQLException {
        return Sql.list(connection, MessageSql.ENTRIES_OF_MESSAGE_ID, StoredEntry::read, messageId.serialize());
    }
}
