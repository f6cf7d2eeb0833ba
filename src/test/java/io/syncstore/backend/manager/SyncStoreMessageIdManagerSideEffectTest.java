package io.syncstore.backend.manager;

import java.util.Set;

import org.apache.james.events.EventBus;
import org.apache.james.mailbox.extension.PreDeletionHook;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.store.AbstractMessageIdManagerSideEffectTest;
import org.apache.james.mailbox.store.MessageIdManagerTestSystem;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;

class SyncStoreMessageIdManagerSideEffectTest extends AbstractMessageIdManagerSideEffectTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @Override
    protected MessageIdManagerTestSystem createTestSystem(QuotaManager quotaManager, EventBus eventBus,
                                                          Set<PreDeletionHook> preDeletionHooks) {
        SyncStoreResources resources = SyncStoreResources.builder(DATABASES.open())
            .eventBus(eventBus)
            .preDeletionHooks(preDeletionHooks)
            .quotaManager(quotaManager)
            .build();
        return new MessageIdManagerTestSystem(resources.getMessageIdManager(), resources.getMessageIdFactory(),
            resources.getMailboxManager().getMapperFactory(), resources.getMailboxManager());
    }
}
