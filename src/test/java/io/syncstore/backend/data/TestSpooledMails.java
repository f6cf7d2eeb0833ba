package io.syncstore.backend.data;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;

/** Spooled mails over a test database, as the server wires them. */
public final class TestSpooledMails {
    private TestSpooledMails() {
    }

    public static SpooledMails over(Database database) {
        return new SpooledMails(new ContentStore(database));
    }
}
