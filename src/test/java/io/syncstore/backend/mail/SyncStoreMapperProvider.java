package io.syncstore.backend.mail;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.store.mail.model.MapperProvider;
import org.apache.james.utils.UpdatableTickingClock;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.jmap.SavedChangeAccounts;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.model.SyncStoreMessageId;

/** The SyncStore mappers over one test database, for James's mapper contract suites. */
class SyncStoreMapperProvider implements MapperProvider {
    /**
     * The message id suites save messages under UIDs from {@link #generateMessageUid} into mailboxes that also get
     * UIDs from the mapper. The memory backend then overwrites the entry holding that UID; this store refuses to
     * reuse a UID, so generated ones start far above what the mappers allocate in a test.
     */
    private static final long GENERATED_UIDS_START = 1_000_000;

    private final Database database;
    private final ContentStore contentStore;
    private final UpdatableTickingClock clock = new UpdatableTickingClock(Instant.now());
    private final SavedChangeAccounts savedAccounts = new SavedChangeAccounts();
    private final AtomicLong messageUids = new AtomicLong(GENERATED_UIDS_START);
    private final SyncStoreModSeqProvider modSeqProvider;

    SyncStoreMapperProvider(Database database) {
        this.database = database;
        this.contentStore = new ContentStore(database);
        this.modSeqProvider = new SyncStoreModSeqProvider(database);
    }

    UpdatableTickingClock clock() {
        return clock;
    }

    Database database() {
        return database;
    }

    @Override
    public List<Capabilities> getSupportedCapabilities() {
        return List.of(
            Capabilities.MESSAGE,
            Capabilities.MAILBOX,
            Capabilities.ATTACHMENT,
            Capabilities.MOVE,
            Capabilities.ACL_STORAGE,
            Capabilities.UNIQUE_MESSAGE_ID,
            Capabilities.THREAD_SAFE_FLAGS_UPDATE);
    }

    @Override
    public SyncStoreMailboxMapper createMailboxMapper() {
        return new SyncStoreMailboxMapper(database, new MailboxContentsRemover(database, contentStore, savedAccounts));
    }

    @Override
    public SyncStoreMessageMapper createMessageMapper() {
        return new SyncStoreMessageMapper(database, contentStore, clock, savedAccounts);
    }

    @Override
    public SyncStoreMessageIdMapper createMessageIdMapper() {
        return new SyncStoreMessageIdMapper(database, contentStore, clock, savedAccounts);
    }

    @Override
    public SyncStoreAttachmentMapper createAttachmentMapper() {
        return new SyncStoreAttachmentMapper(database, contentStore);
    }

    /** An id no mailbox has: mailbox ids come from the database, small and increasing. */
    @Override
    public MailboxId generateId() {
        return SyncStoreMailboxId.of(ThreadLocalRandom.current().nextLong(1L << 40, Long.MAX_VALUE));
    }

    @Override
    public MessageUid generateMessageUid() {
        return MessageUid.of(messageUids.incrementAndGet());
    }

    /** The suites also want modseqs for mailboxes they never stored, which have no counter here. */
    @Override
    public ModSeq generateModSeq(Mailbox mailbox) throws MailboxException {
        try {
            return modSeqProvider.nextModSeq(mailbox);
        } catch (MailboxNotFoundException e) {
            return ModSeq.first().next();
        }
    }

    @Override
    public ModSeq highestModSeq(Mailbox mailbox) throws MailboxException {
        return modSeqProvider.highestModSeq(mailbox);
    }

    /** Attachments come with every fetch type, as on James's memory backend: its scanning search relies on it. */
    @Override
    public boolean supportPartialAttachmentFetch() {
        return false;
    }

    @Override
    public MessageId generateMessageId() {
        return new SyncStoreMessageId.Factory().generate();
    }
}
