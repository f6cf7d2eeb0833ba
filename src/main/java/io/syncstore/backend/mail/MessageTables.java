package io.syncstore.backend.mail;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.jmap.SavedChangeAccounts;

/** The message tables as the mappers use them, wired once per mapper. */
final class MessageTables {
    private final StoredMessages messages;
    private final JmapChangeRows jmapChangeRows;
    private final MailboxEntries entries;
    private final MessageReader reader;

    MessageTables(Database database, ContentStore contentStore, SavedChangeAccounts savedAccounts) {
        this.messages = new StoredMessages(database, contentStore);
        this.jmapChangeRows = new JmapChangeRows(database, savedAccounts);
        this.entries = new MailboxEntries(messages, new ExpungeLog(database.configuration().expungeLogRetention()),
            jmapChangeRows, database.dialect().sharedByNodes());
        this.reader = new MessageReader(database, contentStore, messages.attachments());
    }

    StoredMessages messages() {
        return messages;
    }

    JmapChangeRows jmapChangeRows() {
        return jmapChangeRows;
    }

    MailboxEntries entries() {
        return entries;
    }

    MessageReader reader() {
        return reader;
    }
}
