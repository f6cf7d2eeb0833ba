package io.syncstore.backend.importing;

import javax.inject.Inject;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxId;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.sql.ImportSql;

/**
 * Gives imported mail the UIDVALIDITY and UIDs it had, so that clients keep what they downloaded: a mailbox adopts
 * the UIDVALIDITY of its source while it has never held a message, and the UID counter is raised to just below the
 * UID of the message appended next, which the append then takes.
 */
public final class UidPlacement {
    private final Database database;

    @Inject
    public UidPlacement(Database database) {
        this.database = database;
    }

    /** Returns false when the mailbox already gave out UIDs: it keeps its UIDVALIDITY then. */
    public boolean adoptUidValidity(MailboxId mailboxId, long uidValidity) throws MailboxException {
        long id = SyncStoreMailboxId.from(mailboxId).value();
        return database.write(connection -> Sql.update(connection, ImportSql.ADOPT_UID_VALIDITY, uidValidity, id)) > 0;
    }

    /** The next UID the mailbox gives is {@code uid}, unless it gave that one or a higher one already. */
    public void nextUidAtLeast(MailboxId mailboxId, long uid) throws MailboxException {
        long id = SyncStoreMailboxId.from(mailboxId).value();
        database.write(connection -> Sql.update(connection, ImportSql.RAISE_LAST_UID, uid - 1, id, uid - 1));
    }
}
