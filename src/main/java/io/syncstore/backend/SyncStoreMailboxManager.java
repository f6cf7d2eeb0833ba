package io.syncstore.backend;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.events.EventBus;
import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.extension.PreDeletionHook;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.store.MailboxManagerConfiguration;
import org.apache.james.mailbox.store.PreDeletionHooks;
import org.apache.james.mailbox.store.StoreMailboxAnnotationManager;
import org.apache.james.mailbox.store.StoreMailboxManager;
import org.apache.james.mailbox.store.StoreMessageManager;
import org.apache.james.mailbox.store.StoreRightManager;
import org.apache.james.mailbox.store.mail.model.impl.MessageParser;
import org.apache.james.mailbox.store.quota.QuotaComponents;
import org.apache.james.mailbox.store.search.MessageSearchIndex;
import org.apache.james.metrics.api.MetricFactory;

import io.syncstore.api.StoreReachability;
import io.syncstore.backend.thread.SyncStoreThreadIdGuessingAlgorithm;

/** James's store manager over SyncStore's mappers, with the capabilities of James's memory backend. */
public class SyncStoreMailboxManager extends StoreMailboxManager implements StoreReachability {
    public static final EnumSet<MailboxCapabilities> MAILBOX_CAPABILITIES = EnumSet.of(
        MailboxCapabilities.Move,
        MailboxCapabilities.UserFlag,
        MailboxCapabilities.Namespace,
        MailboxCapabilities.Annotation,
        MailboxCapabilities.ACL,
        MailboxCapabilities.Quota);
    public static final EnumSet<MessageCapabilities> MESSAGE_CAPABILITIES = EnumSet.of(MessageCapabilities.UniqueID);

    private final SyncStoreMailboxSessionMapperFactory mappers;
    private final SyncStoreThreadIdGuessingAlgorithm threads;
    private final boolean anyPreDeletionHook;

    @Inject
    public SyncStoreMailboxManager(SyncStoreMailboxSessionMapperFactory mapperFactory, SessionProvider sessionProvider,
                                   MailboxPathLocker locker, MessageParser messageParser, MessageId.Factory messageIdFactory,
                                   EventBus eventBus, StoreMailboxAnnotationManager annotationManager,
                                   StoreRightManager storeRightManager, QuotaComponents quotaComponents,
                                   MessageSearchIndex searchIndex, Set<PreDeletionHook> preDeletionHooks,
                                   MetricFactory metricFactory, SyncStoreThreadIdGuessingAlgorithm threadIdGuessingAlgorithm,
                                   Clock clock) {
        super(mapperFactory, sessionProvider, locker, messageParser, messageIdFactory, annotationManager, eventBus,
            storeRightManager, quotaComponents, searchIndex, MailboxManagerConfiguration.DEFAULT,
            new PreDeletionHooks(preDeletionHooks, metricFactory), threadIdGuessingAlgorithm, clock);
        this.mappers = mapperFactory;
        this.threads = threadIdGuessingAlgorithm;
        this.anyPreDeletionHook = !preDeletionHooks.isEmpty();
    }

    @Override
    public SyncStoreMailboxSessionMapperFactory getMapperFactory() {
        return mappers;
    }

    @Override
    public boolean isOutOfReach() {
        return mappers.isStoreOutOfReach();
    }

    @Override
    public EnumSet<MailboxCapabilities> getSupportedMailboxCapabilities() {
        return MAILBOX_CAPABILITIES;
    }

    @Override
    public EnumSet<MessageCapabilities> getSupportedMessageCapabilities() {
        return MESSAGE_CAPABILITIES;
    }

    @Override
    protected StoreMessageManager createMessageManager(Mailbox mailbox, MailboxSession session) {
        return new SyncStoreMessageManager(mappers, getMessageSearchIndex(), getEventBus(), getLocker(),
            mailbox, getQuotaComponents().getQuotaManager(), getQuotaComponents().getQuotaRootResolver(),
            getMessageParser(), getMessageIdFactory(), configuration.getBatchSizes(), getStoreRightManager(),
            getPreDeletionHooks(), anyPreDeletionHook, threads, getClock());
    }
}
