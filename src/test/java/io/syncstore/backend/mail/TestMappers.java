package io.syncstore.backend.mail;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.jmap.SavedChangeAccounts;

/** Mappers over a test database, wired as the store wires them. */
final class TestMappers {
    private TestMappers() {
    }

    static SyncStoreMailboxMapper mailboxMapper(Database database) {
        return new SyncStoreMailboxMapper(database, new MailboxContentsRemover(database, new ContentStore(database), new SavedChangeAccounts()));
    }
}
