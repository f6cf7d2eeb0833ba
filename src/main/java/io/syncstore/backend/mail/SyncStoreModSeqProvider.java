package io.syncstore.backend.mail;

import javax.inject.Inject;

import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.mail.ModSeqProvider;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.model.SyncStoreMailboxId;
import reactor.core.publisher.Mono;

/** Modseqs for callers that allocate before saving (the message id manager); the mappers allocate in their own write. */
public class SyncStoreModSeqProvider implements ModSeqProvider {
    private final Database database;

    @Inject
    public SyncStoreModSeqProvider(Database database) {
        this.database = database;
    }

    @Override
    public ModSeq nextModSeq(Mailbox mailbox) throws MailboxException {
        return nextModSeq(mailbox.getMailboxId());
    }

    @Override
    public ModSeq nextModSeq(MailboxId mailboxId) throws MailboxException {
        return database.write(connection -> MailboxSequences.nextModSeq(connection, SyncStoreMailboxId.from(mailboxId)));
    }

    @Override
    public Mono<ModSeq> nextModSeqReactive(MailboxId mailboxId) {
        return database.writeReactive(connection -> MailboxSequences.nextModSeq(connection, SyncStoreMailboxId.from(mailboxId)));
    }

    @Override
    public ModSeq highestModSeq(Mailbox mailbox) throws MailboxException {
        return highestModSeq(mailbox.getMailboxId());
    }

    @Override
    public ModSeq highestModSeq(MailboxId mailboxId) throws MailboxException {
        return database.read(connection -> MailboxSequences.highestModSeq(connection, SyncStoreMailboxId.from(mailboxId)));
    }

    @Override
    public Mono<ModSeq> highestModSeqReactive(Mailbox mailbox) {
        return database.readReactive(connection -> MailboxSequences.highestModSeq(connection, SyncStoreMailboxId.from(mailbox.getMailboxId())));
    }
}
