package io.syncstore.backend.mail;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.MessageSql;

/**
 * What a mailbox's row says of its entries ({@link MessageSql#ENTRIES_VERSION}): its highest modseq, its message
 * count and the floor of its expunge log. Every committed write of an entry changes it, and it never comes back to
 * a value it had: a write that adds, removes or changes an entry takes a new modseq of the mailbox in its own
 * transaction, except saving a message whose UID and modseq James allocated before it (a copy or move by message id),
 * which raises the count; and the count falls only with a removal, which takes a new modseq.
 */
final class EntriesVersion {
    private final long highestModSeq;
    private final long messageCount;
    private final long expungeFloor;

    private EntriesVersion(long highestModSeq, long messageCount, long expungeFloor) {
        this.highestModSeq = highestModSeq;
        this.messageCount = messageCount;
        this.expungeFloor = expungeFloor;
    }

    /** Empty when the mailbox does not exist (any more). */
    static Optional<EntriesVersion> read(Connection connection, long mailboxId) throws SQLException {
        return Sql.first(connection, MessageSql.ENTRIES_VERSION,
            row -> new EntriesVersion(row.getLong(1), row.getLong(2), row.getLong(3)), mailboxId);
    }

    long highestModSeq() {
        return highestModSeq;
    }

    long messageCount() {
        return messageCount;
    }

    /** Whether the expunge log still holds every expunge after {@code earlier}'s highest modseq. */
    boolean logsExpungesSince(EntriesVersion earlier) {
        return expungeFloor <= earlier.highestModSeq && highestModSeq >= earlier.highestModSeq;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof EntriesVersion)) {
            return false;
        }
        EntriesVersion version = (EntriesVersion) other;
        return highestModSeq == version.highestModSeq && messageCount == version.messageCount && expungeFloor == version.expungeFloor;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(highestModSeq * 31 + messageCount);
    }
}
