package io.syncstore.backend.mail;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import javax.inject.Inject;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.mail.UidProvider;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.model.SyncStoreMailboxId;
import reactor.core.publisher.Mono;

/** UIDs for callers that allocate before saving (the message id manager); the mappers allocate in their own write. */
public class SyncStoreUidProvider implements UidProvider {
    private final Database database;

    @Inject
    public SyncStoreUidProvider(Database database) {
        this.database = database;
    }

    @Override
    public MessageUid nextUid(Mailbox mailbox) throws MailboxException {
        return nextUid(mailbox.getMailboxId());
    }

    @Override
    public MessageUid nextUid(MailboxId mailboxId) throws MailboxException {
        return database.write(connection -> MailboxSequences.nextUid(connection, SyncStoreMailboxId.from(mailboxId)));
    }

    @Override
    public Mono<MessageUid> nextUidReactive(MailboxId mailboxId) {
        return database.writeReactive(connection -> MailboxSequences.nextUid(connection, SyncStoreMailboxId.from(mailboxId)));
    }

    @Override
    public Mono<List<MessageUid>> nextUids(MailboxId mailboxId, int count) {
        return database.writeReactive(connection -> MailboxSequences.nextUids(connection, SyncStoreMailboxId.from(mailboxId), count))
            .map(first -> LongStream.range(0, count)
                .mapToObj(offset -> MessageUid.of(first.asLong() + offset))
                .collect(Collectors.toList()));
    }

    @Override
    public Optional<MessageUid> lastUid(Mailbox mailbox) throws MailboxException {
        return database.read(connection -> MailboxSequences.lastUid(connection, SyncStoreMailboxId.from(mailbox.getMailboxId())));
    }

    @Override
    public Mono<Optional<MessageUid>> lastUidReactive(Mailbox mailbox) {
        return database.readReactive(connection -> MailboxSequences.lastUid(connection, SyncStoreMailboxId.from(mailbox.getMailboxId())));
    }
}
