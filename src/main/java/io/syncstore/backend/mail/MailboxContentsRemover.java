package io.syncstore.backend.mail;

import java.sql.Connection;
import java.sql.SQLException;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.jmap.SavedChangeAccounts;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.sql.AnnotationSql;

/**
 * Empties a mailbox inside the write that deletes it: its entries, its expunge log, the messages only it held and its
 * annotations.
 */
public class MailboxContentsRemover implements SyncStoreMailboxMapper.ContentsRemover {
    private final MailboxEntries entries;

    public MailboxContentsRemover(Database database, ContentStore contentStore, SavedChangeAccounts savedAccounts) {
        this.entries = new MessageTables(database, contentStore, savedAccounts).entries();
    }

    @Override
    public void removeContentsOf(Connection connection, SyncStoreMailboxId mailboxId) throws SQLException {
        entries.removeAll(connection, mailboxId);
        Sql.update(connection, AnnotationSql.DELETE_ALL_OF_MAILBOX, mailboxId.value());
    }
}
