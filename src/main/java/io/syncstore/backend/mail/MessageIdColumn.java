package io.syncstore.backend.mail;

import java.sql.SQLException;

import org.apache.james.mailbox.model.MessageId;

import io.syncstore.backend.model.SyncStoreMessageId;

/** Message ids (and thread ids, which are message ids) as stored in text columns. */
final class MessageIdColumn {
    private static final SyncStoreMessageId.Factory FACTORY = new SyncStoreMessageId.Factory();

    private MessageIdColumn() {
    }

    static MessageId read(String serialized) throws SQLException {
        try {
            return FACTORY.fromString(serialized);
        } catch (IllegalArgumentException e) {
            throw new SQLException("Unreadable message id " + serialized, e);
        }
    }
}
