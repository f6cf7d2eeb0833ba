package io.syncstore.backend;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiFunction;

import org.apache.james.events.EventBus;
import org.apache.james.events.EventBusTestFixture;
import org.apache.james.events.InVMEventBus;
import org.apache.james.events.MemoryEventDeadLetters;
import org.apache.james.events.delivery.InVmEventDelivery;
import org.apache.james.mailbox.Authenticator;
import org.apache.james.mailbox.Authorizator;
import org.apache.james.mailbox.acl.UnionMailboxACLResolver;
import org.apache.james.mailbox.extension.PreDeletionHook;
import org.apache.james.mailbox.extractor.TextExtractor;
import org.apache.james.mailbox.manager.IntegrationResources;
import org.apache.james.mailbox.manager.ManagerTestProvisionner;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.QuotaRootResolver;
import org.apache.james.mailbox.store.FakeAuthenticator;
import org.apache.james.mailbox.store.FakeAuthorizator;
import org.apache.james.mailbox.store.PreDeletionHooks;
import org.apache.james.mailbox.store.SessionProviderImpl;
import org.apache.james.mailbox.store.StoreAttachmentManager;
import org.apache.james.mailbox.store.StoreMailboxAnnotationManager;
import org.apache.james.mailbox.store.StoreMessageIdManager;
import org.apache.james.mailbox.store.StoreRightManager;
import org.apache.james.mailbox.store.StoreSubscriptionManager;
import org.apache.james.mailbox.store.event.MailboxAnnotationListener;
import org.apache.james.mailbox.store.extractor.DefaultTextExtractor;
import org.apache.james.mailbox.store.mail.model.impl.MessageParser;
import org.apache.james.mailbox.store.quota.DefaultUserQuotaRootResolver;
import org.apache.james.mailbox.store.quota.QuotaComponents;
import org.apache.james.mailbox.store.search.SimpleMessageSearchIndex;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.utils.UpdatableTickingClock;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.jmap.SavedChangeAccounts;
import io.syncstore.backend.lock.SyncStoreMailboxPathLocker;
import io.syncstore.backend.model.SyncStoreMessageId;
import io.syncstore.backend.quota.QuotaUsageNotifier;
import io.syncstore.backend.quota.SyncStoreCurrentQuotaManager;
import io.syncstore.backend.quota.SyncStoreMaxQuotaManager;
import io.syncstore.backend.quota.SyncStoreQuotaManager;
import io.syncstore.backend.thread.SyncStoreThreadIdGuessingAlgorithm;

/**
 * The SyncStore mailbox stack over one database, assembled by hand as the Guice module assembles it, for James's
 * manager-level contract suites and the IMAP protocol scripts.
 */
public final class SyncStoreResources implements IntegrationResources<SyncStoreMailboxManager> {
    private final SyncStoreMailboxManager mailboxManager;
    private final StoreMessageIdManager messageIdManager;
    private final SyncStoreMaxQuotaManager maxQuotaManager;
    private final SyncStoreCurrentQuotaManager currentQuotaManager;
    private final QuotaManager quotaManager;
    private final QuotaRootResolver quotaRootResolver;
    private final SyncStoreMessageId.Factory messageIdFactory;
    private final StoreSubscriptionManager subscriptionManager;
    private final SimpleMessageSearchIndex searchIndex;
    private final SavedChangeAccounts savedChangeAccounts = new SavedChangeAccounts();

    private SyncStoreResources(Builder builder) {
        Database database = builder.database;
        ContentStore contentStore = new ContentStore(database);
        UpdatableTickingClock clock = new UpdatableTickingClock(Instant.now());
        SyncStoreMailboxSessionMapperFactory mapperFactory = new SyncStoreMailboxSessionMapperFactory(database, contentStore, clock,
            savedChangeAccounts);
        EventBus eventBus = builder.eventBus;
        StoreRightManager rightManager = new StoreRightManager(mapperFactory, new UnionMailboxACLResolver(), eventBus);
        StoreMailboxAnnotationManager annotationManager = new StoreMailboxAnnotationManager(mapperFactory, rightManager,
            builder.annotationCountLimit, builder.annotationSizeLimit);
        SessionProviderImpl sessionProvider = new SessionProviderImpl(builder.authenticator, builder.authorizator);

        this.messageIdFactory = new SyncStoreMessageId.Factory();
        this.maxQuotaManager = new SyncStoreMaxQuotaManager(database);
        this.currentQuotaManager = new SyncStoreCurrentQuotaManager(database);
        DefaultUserQuotaRootResolver quotaRootResolver = new DefaultUserQuotaRootResolver(sessionProvider, mapperFactory);
        this.quotaRootResolver = quotaRootResolver;
        this.quotaManager = builder.quotaManager.apply(currentQuotaManager, maxQuotaManager);
        QuotaComponents quotaComponents = new QuotaComponents(maxQuotaManager, quotaManager, quotaRootResolver);

        PreDeletionHooks hooks = new PreDeletionHooks(builder.preDeletionHooks, new RecordingMetricFactory());
        this.messageIdManager = new StoreMessageIdManager(rightManager, mapperFactory, eventBus, quotaManager, quotaRootResolver, hooks);
        StoreAttachmentManager attachmentManager = new StoreAttachmentManager(mapperFactory, messageIdManager);
        this.searchIndex = new io.syncstore.backend.search.IndexedSearchIndex(mapperFactory, mapperFactory,
            builder.textExtractor, attachmentManager, database, contentStore, messageIdFactory);

        this.mailboxManager = new SyncStoreMailboxManager(mapperFactory, sessionProvider, new SyncStoreMailboxPathLocker(),
            builder.messageParser, messageIdFactory, eventBus, annotationManager, rightManager, quotaComponents,
            searchIndex, builder.preDeletionHooks, new RecordingMetricFactory(),
            new SyncStoreThreadIdGuessingAlgorithm(database, messageIdFactory), clock);
        this.subscriptionManager = new StoreSubscriptionManager(mapperFactory, mapperFactory, eventBus);

        eventBus.register(new QuotaUsageNotifier(quotaRootResolver, quotaManager, eventBus, true));
        eventBus.register(new MailboxAnnotationListener(mapperFactory, sessionProvider));
    }

    public static Builder builder(Database database) {
        return new Builder(database);
    }

    public static SyncStoreResources defaultResources(Database database) {
        return builder(database).build();
    }

    /** What this store's writes hand over to a JMAP change listener of the same node. */
    public SavedChangeAccounts getSavedChangeAccounts() {
        return savedChangeAccounts;
    }

    @Override
    public SyncStoreMailboxManager getMailboxManager() {
        return mailboxManager;
    }

    public StoreMessageIdManager getMessageIdManager() {
        return messageIdManager;
    }

    public SyncStoreMessageId.Factory getMessageIdFactory() {
        return messageIdFactory;
    }

    public SimpleMessageSearchIndex getSearchIndex() {
        return searchIndex;
    }

    /** Waits until the search index holds every message written so far: it indexes them after their write. */
    public void awaitIndexed() throws Exception {
        ((io.syncstore.backend.search.IndexedSearchIndex) searchIndex).caughtUp().get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    public StoreSubscriptionManager getSubscriptionManager() {
        return subscriptionManager;
    }

    public SyncStoreCurrentQuotaManager getCurrentQuotaManager() {
        return currentQuotaManager;
    }

    @Override
    public QuotaManager getQuotaManager() {
        return quotaManager;
    }

    @Override
    public MaxQuotaManager getMaxQuotaManager() {
        return maxQuotaManager;
    }

    @Override
    public QuotaRootResolver getQuotaRootResolver() {
        return quotaRootResolver;
    }

    public static final class Builder {
        private final Database database;
        private Authenticator authenticator = defaultAuthenticator();
        private Authorizator authorizator = FakeAuthorizator.defaultReject();
        private EventBus eventBus = new InVMEventBus(new InVmEventDelivery(new RecordingMetricFactory()),
            EventBusTestFixture.RETRY_BACKOFF_CONFIGURATION, new MemoryEventDeadLetters());
        private int annotationCountLimit = MailboxConstants.DEFAULT_LIMIT_ANNOTATIONS_ON_MAILBOX;
        private int annotationSizeLimit = MailboxConstants.DEFAULT_LIMIT_ANNOTATION_SIZE;
        private MessageParser messageParser = new MessageParser();
        private TextExtractor textExtractor = new DefaultTextExtractor();
        private Set<PreDeletionHook> preDeletionHooks = new HashSet<>();
        private BiFunction<SyncStoreCurrentQuotaManager, SyncStoreMaxQuotaManager, QuotaManager> quotaManager;

        private Builder(Database database) {
            this.database = database;
            this.quotaManager = (current, max) -> new SyncStoreQuotaManager(database, max);
        }

        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        public Builder authorizator(Authorizator authorizator) {
            this.authorizator = authorizator;
            return this;
        }

        public Builder eventBus(EventBus eventBus) {
            this.eventBus = eventBus;
            return this;
        }

        public Builder annotationLimits(int countLimit, int sizeLimit) {
            this.annotationCountLimit = countLimit;
            this.annotationSizeLimit = sizeLimit;
            return this;
        }

        public Builder messageParser(MessageParser messageParser) {
            this.messageParser = messageParser;
            return this;
        }

        public Builder textExtractor(TextExtractor textExtractor) {
            this.textExtractor = textExtractor;
            return this;
        }

        public Builder preDeletionHooks(Set<PreDeletionHook> preDeletionHooks) {
            this.preDeletionHooks = preDeletionHooks;
            return this;
        }

        public Builder quotaManager(QuotaManager quotaManager) {
            this.quotaManager = (current, max) -> quotaManager;
            return this;
        }

        public SyncStoreResources build() {
            return new SyncStoreResources(this);
        }

        private static Authenticator defaultAuthenticator() {
            FakeAuthenticator authenticator = new FakeAuthenticator();
            authenticator.addUser(ManagerTestProvisionner.USER, ManagerTestProvisionner.USER_PASS);
            authenticator.addUser(ManagerTestProvisionner.OTHER_USER, ManagerTestProvisionner.OTHER_USER_PASS);
            return authenticator;
        }
    }
}
