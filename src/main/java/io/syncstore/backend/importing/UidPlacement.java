package io.syncstore.backend.importing;

import javax.inject.Inject;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxId;

import io.syncstore.backend.SyncStoreMailboxSessionMapperFactory;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.mail.SyncStoreMailboxMapper;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.sql.ImportSql;

/**
 * Gives imported mail the UIDVALIDITY and UIDs it had, so that clients keep what they downloaded: a mailbox adopts
 * the UIDVALIDITY of its source while it has never held a message, and the UID counter is raised to just below the
 * UID of the message appended next, which the append then takes.
 */
public final class UidPlacement {
    private final Database database;
    private final SyncStoreMailboxMapper mailboxes;

    @Inject
    public UidPlacement(Database database, SyncStoreMailboxSessionMapperFactory mappers) {
        this.database = database;
        this.mailboxes = mappers.mailboxMapper();
    }

    /** Returns false when the mailbox already gave out UIDs: it keeps its UIDVALIDITY then. */
    public boolean adoptUidValidity(MailboxId mailboxId, long uidValidity) throws MailboxException {
        return mailboxes.adoptUidValidity(mailboxId, uidValidity);
    }

    /** The next UID the mailbox gives is {@code uid}, unless it gave that one or a higher one already. */
    public void nextUidAtLeast(MailboxId mailboxId, long uid) throws MailboxException {
        long id = SyncStoreMailboxId.from(mailboxId).value();
        database.write(connection -> Sql.update(connection, ImportSql.RAISE_LAST_UID, uid - 1, id, uid - 1));
    }
}
