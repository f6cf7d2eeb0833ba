package io.syncstore.backend.mail;

import java.sql.Connection;
import java.sql.SQLException;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.model.SyncStoreMailboxId;

/** Empties a mailbox inside the write that deletes it: its entries, its expunge log, and the messages only it held. */
public class MailboxMessagesRemover implements SyncStoreMailboxMapper.ContentsRemover {
    private final MailboxEntries entries;

    public MailboxMessagesRemover(Database database, ContentStore contentStore) {
        this.entries = new MessageTables(database, contentStore).entries();
    }

    @Override
    public void removeContentsOf(Connection connection, SyncStoreMailboxId mailboxId) throws SQLException {
        entries.removeAll(connection, mailboxId);
    }
}
