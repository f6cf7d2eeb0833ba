package io.syncstore.backend.mail;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;

import io.syncstore.backend.db.Sql;
import io.syncstore.backend.jmap.JmapChangeStates;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.sql.MailboxSql;
import io.syncstore.backend.sql.MessageSql;
import io.syncstore.backend.sql.QuotaSql;

/**
 * The entries of mailboxes (table {@code mailbox_message}): the operations both mappers compose inside their
 * writes. Removing entries is an expunge: it takes a new modseq of the mailbox and records it in the expunge log.
 * Every entry added or removed changes the quota usage of the mailbox's root in the same write, so that the usage
 * and the entries commit together (no usage lost to a crash between two commits, none counted twice). JMAP's change
 * rows of an expunge or a flag change are written in the same write too ({@link JmapChangeRows}).
 */
final class MailboxEntries {
    private final StoredMessages messages;
    private final ExpungeLog expungeLog;
    private final JmapChangeRows jmapChangeRows;
    private final boolean concurrentWriters;

    MailboxEntries(StoredMessages messages, ExpungeLog expungeLog, JmapChangeRows jmapChangeRows, boolean concurrentWriters) {
        this.messages = messages;
        this.expungeLog = expungeLog;
        this.jmapChangeRows = jmapChangeRows;
        this.concurrentWriters = concurrentWriters;
    }

    /**
     * Where writes run concurrently (PostgreSQL), holds the mailbox row until the write commits, so that the entries
     * the write reads next cannot change before it writes what it computed from them (no lost flag update, no
     * message expunged twice). Take it before reading. With a single writer (SQLite) there is nothing to take.
     */
    void lock(Connection connection, SyncStoreMailboxId mailboxId) throws SQLException {
        if (concurrentWriters) {
            Sql.first(connection, MailboxSql.LOCK, row -> true, mailboxId.value());
        }
    }

    /**
     * The entries of the range marked \Deleted, read again after {@link #lock} where writes run concurrently; without
     * any, the mailbox is not locked: the EXPUNGE of a CLOSE most often finds none, and holds up no other writer.
     */
    List<StoredEntry> markedForDeletion(Connection connection, SyncStoreMailboxId mailboxId, MessageRange range) throws SQLException {
        List<StoredEntry> marked = deletedInRange(connection, mailboxId, range);
        if (marked.isEmpty() || !concurrentWriters) {
            return marked;
        }
        lock(connection, mailboxId);
        return deletedInRange(connection, mailboxId, range);
    }

    static List<StoredEntry> deletedInRange(Connection connection, SyncStoreMailboxId mailboxId, MessageRange range) throws SQLException {
        return Sql.list(connection, MessageSql.ENTRIES_DELETED_IN_RANGE, StoredEntry::read,
            mailboxId.value(), range.getUidFrom().asLong(), range.getUidTo().asLong());
    }

    void insert(Connection connection, SyncStoreMailboxId mailboxId, MessageUid uid, ModSeq modSeq, long messagePk,
                Flags flags, Date saveDate) throws SQLException {
        List<Object> values = new ArrayList<>(List.of(mailboxId.value(), uid.asLong(), messagePk, modSeq.asLong()));
        values.addAll(Arrays.asList(StoredFlags.columns(flags)));
        values.add(saveDate.getTime());
        Sql.update(connection, MessageSql.INSERT_ENTRY, values.toArray());
        Sql.update(connection, QuotaSql.ADD_ENTRY_TO_USAGE, messagePk, mailboxId.value());
    }

    /** Records the messages a write added to a mailbox for JMAP (their change rows), once all are inserted. */
    void recordAdded(Connection connection, SyncStoreMailboxId mailboxId, Collection<MessageMetaData> added) throws SQLException {
        if (added.isEmpty()) {
            return;
        }
        MessageUid first = added.stream().map(MessageMetaData::getUid).min(MessageUid::compareTo).orElseThrow();
        jmapChangeRows.added(connection, mailboxId, JmapChangeStates.added(mailboxId, first),
            added.stream().map(MessageMetaData::getMessageId).collect(Collectors.toList()));
    }

    /**
     * The entries of a message in every mailbox, read after {@link #lock}ing those mailboxes (in id order, so that
     * concurrent writers queue up alike instead of deadlocking).
     */
    List<StoredEntry> ofMessageLocked(Connection connection, MessageId messageId) throws SQLException {
        List<StoredEntry> found = ofMessage(connection, messageId);
        if (!concurrentWriters) {
            return found;
        }
        lockInOrder(connection, found.stream().map(StoredEntry::mailboxId).collect(Collectors.toList()));
        return ofMessage(connection, messageId);
    }

    /**
     * {@link #lock}s these mailboxes in id order. A write that changes several mailboxes takes them all so before its
     * first change, which also takes the row of the quota usage: else it would hold that row while it waits for the
     * next mailbox, which a single-mailbox write holds while it waits for the row.
     */
    void lockInOrder(Connection connection, Collection<SyncStoreMailboxId> mailboxIds) throws SQLException {
        if (!concurrentWriters) {
            return;
        }
        List<SyncStoreMailboxId> ordered = mailboxIds.stream()
            .distinct()
            .sorted(Comparator.comparingLong(SyncStoreMailboxId::value))
            .collect(Collectors.toList());
        for (SyncStoreMailboxId mailboxId : ordered) {
            lock(connection, mailboxId);
        }
    }

    private static List<StoredEntry> ofMessage(Connection connection, MessageId messageId) throws SQLException {
        return Sql.list(connection, MessageSql.ENTRIES_OF_MESSAGE_ID, StoredEntry::read, messageId.serialize());
    }

    static List<StoredEntry> inRange(Connection connection, SyncStoreMailboxId mailboxId, MessageRange range) throws SQLException {
        return Sql.list(connection, MessageSql.ENTRIES_IN_RANGE, StoredEntry::read,
            mailboxId.value(), range.getUidFrom().asLong(), range.getUidTo().asLong());
    }

    /** Removes the entries of these UIDs that exist, as one expunge; returns what was removed. */
    List<StoredEntry> remove(Connection connection, SyncStoreMailboxId mailboxId, Collection<MessageUid> uids) throws SQLException, MailboxException {
        lock(connection, mailboxId);
        List<StoredEntry> found = new ArrayList<>();
        for (MessageRange range : MessageRange.toRanges(uids)) {
            found.addAll(inRange(connection, mailboxId, range));
        }
        return removeFound(connection, mailboxId, found);
    }

    /**
     * Removes these entries, read in this write after {@link #lock} (or {@link #markedForDeletion}), as one expunge;
     * returns them.
     */
    List<StoredEntry> removeFound(Connection connection, SyncStoreMailboxId mailboxId, List<StoredEntry> removed)
        throws SQLException, MailboxException {
        if (removed.isEmpty()) {
            return removed;
        }
        List<MessageUid> removedUids = removed.stream().map(StoredEntry::uid).collect(Collectors.toList());
        for (MessageRange range : MessageRange.toRanges(removedUids)) {
            Sql.update(connection, MessageSql.DELETE_ENTRIES_IN_RANGE, mailboxId.value(), range.getUidFrom().asLong(), range.getUidTo().asLong());
        }
        Sql.update(connection, QuotaSql.ADD_TO_USAGE_OF_MAILBOX,
            -removed.size(), -removed.stream().mapToLong(StoredEntry::size).sum(), mailboxId.value());
        ModSeq modSeq = MailboxSequences.nextModSeq(connection, mailboxId);
        expungeLog.record(connection, mailboxId, removedUids, modSeq);
        releaseMessagesOf(connection, removed);
        jmapChangeRows.expunged(connection, mailboxId, JmapChangeStates.expunged(mailboxId, Collections.min(removedUids)), removed);
        return removed;
    }

    /**
     * Applies the flag update to these entries of one mailbox, read after {@link #lock}; those that change share one
     * new modseq. Returns the outcome for every entry, changed or not.
     */
    List<UpdatedFlags> updateFlags(Connection connection, SyncStoreMailboxId mailboxId, List<StoredEntry> entries,
                                   FlagsUpdateCalculator calculator) throws SQLException, MailboxException {
        List<StoredEntry> changed = new ArrayList<>();
        List<UpdatedFlags> updates = new ArrayList<>();
        ModSeq modSeq = null;
        for (StoredEntry entry : entries) {
            Flags oldFlags = entry.flags();
            Flags newFlags = calculator.buildNewFlags(oldFlags);
            StoredEntry result = entry;
            if (UpdatedFlags.flagsChanged(oldFlags, newFlags)) {
                if (modSeq == null) {
                    modSeq = MailboxSequences.nextModSeq(connection, mailboxId);
                }
                result = entry.withFlags(newFlags, modSeq);
                changed.add(result);
            }
            updates.add(UpdatedFlags.builder()
                .uid(entry.uid())
                .messageId(entry.messageId())
                .modSeq(result.modSeq())
                .oldFlags(oldFlags)
                .newFlags(newFlags)
                .build());
        }
        Sql.batch(connection, MessageSql.UPDATE_FLAGS, changed.stream()
            .map(MailboxEntries::flagUpdate)
            .collect(Collectors.toList()));
        if (modSeq != null) {
            jmapChangeRows.flagsChanged(connection, mailboxId, JmapChangeStates.flagsChanged(mailboxId, modSeq),
                entries.stream().map(StoredEntry::messageId).collect(Collectors.toList()),
                updates.stream().anyMatch(update -> update.isChanged(Flags.Flag.SEEN)));
        }
        return updates;
    }

    private static Object[] flagUpdate(StoredEntry entry) {
        List<Object> values = new ArrayList<>();
        values.add(entry.modSeq().asLong());
        values.addAll(Arrays.asList(StoredFlags.columns(entry.flags())));
        values.add(entry.mailboxId().value());
        values.add(entry.uid().asLong());
        return values.toArray();
    }

    /** Empties a mailbox being deleted: no expunge records, the mailbox and its log go away. */
    void removeAll(Connection connection, SyncStoreMailboxId mailboxId) throws SQLException {
        lock(connection, mailboxId);
        List<Long> messagePks = Sql.list(connection, MessageSql.MESSAGES_OF_MAILBOX, row -> row.getLong(1), mailboxId.value());
        Sql.update(connection, QuotaSql.REMOVE_MAILBOX_FROM_USAGE, mailboxId.value());
        Sql.update(connection, MessageSql.DELETE_ENTRIES_OF_MAILBOX, mailboxId.value());
        ExpungeLog.clear(connection, mailboxId);
        for (long messagePk : messagePks) {
            messages.releaseIfUnreferenced(connection, messagePk);
        }
    }

    private void releaseMessagesOf(Connection connection, List<StoredEntry> removed) throws SQLException {
        Set<Long> messagePks = removed.stream().map(StoredEntry::messagePk).collect(Collectors.toCollection(LinkedHashSet::new));
        for (long messagePk : messagePks) {
            messages.releaseIfUnreferenced(connection, messagePk);
        }
    }
}
