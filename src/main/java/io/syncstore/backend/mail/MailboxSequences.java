package io.syncstore.backend.mail;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;

import io.syncstore.backend.db.Sql;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.sql.MessageSql;

/**
 * The per-mailbox UID and modseq counters (columns of {@code mailbox}), used inside the write that consumes the
 * values so that an allocated UID or modseq is never lost nor given twice.
 */
final class MailboxSequences {
    private MailboxSequences() {
    }

    static MessageUid nextUid(Connection connection, SyncStoreMailboxId mailboxId) throws SQLException, MailboxException {
        return nextUids(connection, mailboxId, 1);
    }

    /** Reserves {@code count} UIDs and returns the first; the others follow it. */
    static MessageUid nextUids(Connection connection, SyncStoreMailboxId mailboxId, int count) throws SQLException, MailboxException {
        long last = Sql.first(connection, MessageSql.NEXT_UIDS, row -> row.getLong(1), count, mailboxId.value())
            .orElseThrow(() -> new MailboxNotFoundException(mailboxId));
        return MessageUid.of(last - count + 1);
    }

    /** The first of {@code count} UIDs and the first of as many modseqs, reserved together in one statement. */
    static Reserved reserve(Connection connection, SyncStoreMailboxId mailboxId, int count) throws SQLException, MailboxException {
        return Sql.first(connection, MessageSql.NEXT_UIDS_AND_MODSEQS,
                row -> new Reserved(MessageUid.of(row.getLong(1) - count + 1), ModSeq.of(row.getLong(2) - count + 1)),
                count, count, mailboxId.value())
            .orElseThrow(() -> new MailboxNotFoundException(mailboxId));
    }

    /** Consecutive UIDs and modseqs: the n-th message (from 0) takes the first of each plus n. */
    static final class Reserved {
        private final MessageUid firstUid;
        private final ModSeq firstModSeq;

        private Reserved(MessageUid firstUid, ModSeq firstModSeq) {
            this.firstUid = firstUid;
            this.firstModSeq = firstModSeq;
        }

        MessageUid uid(int n) {
            return MessageUid.of(firstUid.asLong() + n);
        }

        ModSeq modSeq(int n) {
            return ModSeq.of(firstModSeq.asLong() + n);
        }
    }

    static ModSeq nextModSeq(Connection connection, SyncStoreMailboxId mailboxId) throws SQLException, MailboxException {
        return Sql.first(connection, MessageSql.NEXT_MODSEQ, row -> ModSeq.of(row.getLong(1)), mailboxId.value())
            .orElseThrow(() -> new MailboxNotFoundException(mailboxId));
    }

    /** Raises the counters to a UID and modseq allocated before (by the providers) for a message being saved. */
    static void cover(Connection connection, SyncStoreMailboxId mailboxId, MessageUid uid, ModSeq modSeq) throws SQLException, MailboxException {
        int updated = Sql.update(connection, MessageSql.COVER_SEQUENCES,
            uid.asLong(), uid.asLong(), modSeq.asLong(), modSeq.asLong(), mailboxId.value());
        if (updated == 0) {
            throw new MailboxNotFoundException(mailboxId);
        }
    }

    static Optional<MessageUid> lastUid(Connection connection, SyncStoreMailboxId mailboxId) throws SQLException, MailboxException {
        long last = sequence(connection, mailboxId, "last_uid");
        return last == 0 ? Optional.empty() : Optional.of(MessageUid.of(last));
    }

    static ModSeq highestModSeq(Connection connection, SyncStoreMailboxId mailboxId) throws SQLException, MailboxException {
        return ModSeq.of(sequence(connection, mailboxId, "highest_modseq"));
    }

    private static long sequence(Connection connection, SyncStoreMailboxId mailboxId, String column) throws SQLException, MailboxException {
        return Sql.first(connection, MessageSql.SEQUENCES, row -> row.getLong(column), mailboxId.value())
            .orElseThrow(() -> new MailboxNotFoundException(mailboxId));
    }
}
