package io.syncstore.backend.mail;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;

/** The message tables as the mappers use them, wired once per mapper. */
final class MessageTables {
    private final StoredMessages messages;
    private final MailboxEntries entries;
    private final MessageReader reader;

    MessageTables(Database database, ContentStore contentStore) {
        this.messages = new StoredMessages(database, contentStore);
        this.entries = new MailboxEntries(messages, new ExpungeLog(database.configuration().expungeLogRetention()),
            database.dialect().sharedByNodes());
        this.reader = new MessageReader(database, contentStore, messages.attachments());
    }

    StoredMessages messages() {
        return messages;
    }

    MailboxEntries entries() {
        return entries;
    }

    MessageReader reader() {
        return reader;
    }
}
