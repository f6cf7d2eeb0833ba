package io.syncstore.backend.manager;

import org.apache.james.events.EventBus;
import org.apache.james.mailbox.MailboxManagerTest;
import org.apache.james.mailbox.SubscriptionManager;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreMailboxManager;
import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;

class SyncStoreMailboxManagerTest extends MailboxManagerTest<SyncStoreMailboxManager> {
    /** The limits James's memory backend runs this suite with. */
    private static final int ANNOTATION_COUNT_LIMIT = 3;
    private static final int ANNOTATION_SIZE_LIMIT = 30;

    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private SyncStoreResources resources;

    @Override
    protected SyncStoreMailboxManager provideMailboxManager() {
        resources = SyncStoreResources.builder(DATABASES.open())
            .annotationLimits(ANNOTATION_COUNT_LIMIT, ANNOTATION_SIZE_LIMIT)
            .preDeletionHooks(preDeletionHooks())
            .build();
        return resources.getMailboxManager();
    }

    @Override
    protected SubscriptionManager provideSubscriptionManager() {
        return resources.getSubscriptionManager();
    }

    @Override
    protected EventBus retrieveEventBus(SyncStoreMailboxManager mailboxManager) {
        return mailboxManager.getEventBus();
    }
}
