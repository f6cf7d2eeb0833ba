package io.syncstore.backend;

import java.time.Clock;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.AnnotationMapper;
import org.apache.james.mailbox.store.mail.AttachmentMapperFactory;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.apache.james.mailbox.store.mail.MessageIdMapper;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.apache.james.mailbox.store.mail.UidProvider;
import org.apache.james.mailbox.store.user.SubscriptionMapper;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.jmap.SavedChangeAccounts;
import io.syncstore.backend.mail.MailboxContentsRemover;
import io.syncstore.backend.mail.SyncStoreAnnotationMapper;
import io.syncstore.backend.mail.SyncStoreAttachmentMapper;
import io.syncstore.backend.mail.SyncStoreMailboxMapper;
import io.syncstore.backend.mail.SyncStoreMessageIdMapper;
import io.syncstore.backend.mail.SyncStoreMessageMapper;
import io.syncstore.backend.mail.SyncStoreModSeqProvider;
import io.syncstore.backend.mail.SyncStoreUidProvider;
import io.syncstore.backend.user.SyncStoreSubscriptionMapper;

/**
 * The mappers of the SyncStore backend. They keep no per-session state (every operation is its own database
 * transaction), so one instance of each serves every session.
 */
@Singleton
public class SyncStoreMailboxSessionMapperFactory extends MailboxSessionMapperFactory implements AttachmentMapperFactory {
    private final SyncStoreMailboxMapper mailboxMapper;
    private final SyncStoreMessageMapper messageMapper;
    private final SyncStoreMessageIdMapper messageIdMapper;
    private final SyncStoreSubscriptionMapper subscriptionMapper;
    private final SyncStoreAnnotationMapper annotationMapper;
    private final SyncStoreAttachmentMapper attachmentMapper;
    private final SyncStoreUidProvider uidProvider;
    private final SyncStoreModSeqProvider modSeqProvider;
    private final Database database;

    @Inject
    public SyncStoreMailboxSessionMapperFactory(Database database, ContentStore contentStore, Clock clock,
                                                SavedChangeAccounts savedAccounts) {
        this.mailboxMapper = new SyncStoreMailboxMapper(database, new MailboxContentsRemover(database, contentStore, savedAccounts));
        this.messageMapper = new SyncStoreMessageMapper(database, contentStore, clock, savedAccounts);
        this.messageIdMapper = new SyncStoreMessageIdMapper(database, contentStore, clock, savedAccounts);
        this.subscriptionMapper = new SyncStoreSubscriptionMapper(database);
        this.annotationMapper = new SyncStoreAnnotationMapper(database);
        this.attachmentMapper = new SyncStoreAttachmentMapper(database, contentStore);
        this.uidProvider = new SyncStoreUidProvider(database);
        this.modSeqProvider = new SyncStoreModSeqProvider(database);
        this.database = database;
    }

    boolean isStoreOutOfReach() {
        return database.isOutOfReach();
    }

    @Override
    public MailboxMapper createMailboxMapper(MailboxSession session) {
        return mailboxMapper;
    }

    /** The one mailbox mapper, whatever the session. */
    public SyncStoreMailboxMapper mailboxMapper() {
        return mailboxMapper;
    }

    @Override
    public SyncStoreMessageMapper createMessageMapper(MailboxSession session) {
        return messageMapper;
    }

    @Override
    public MessageIdMapper createMessageIdMapper(MailboxSession session) {
        return messageIdMapper;
    }

    @Override
    public SubscriptionMapper createSubscriptionMapper(MailboxSession session) {
        return subscriptionMapper;
    }

    @Override
    public AnnotationMapper createAnnotationMapper(MailboxSession session) {
        return annotationMapper;
    }

    @Override
    public SyncStoreAttachmentMapper createAttachmentMapper(MailboxSession session) {
        return attachmentMapper;
    }

    @Override
    public SyncStoreAttachmentMapper getAttachmentMapper(MailboxSession session) {
        return attachmentMapper;
    }

    @Override
    public UidProvider getUidProvider() {
        return uidProvider;
    }

    @Override
    public ModSeqProvider getModSeqProvider() {
        return modSeqProvider;
    }
}
