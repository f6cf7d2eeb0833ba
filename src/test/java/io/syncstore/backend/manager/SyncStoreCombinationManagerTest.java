package io.syncstore.backend.manager;

import org.apache.james.mailbox.store.AbstractCombinationManagerTest;
import org.apache.james.mailbox.store.CombinationManagerTestSystem;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;

class SyncStoreCombinationManagerTest extends AbstractCombinationManagerTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @Override
    protected CombinationManagerTestSystem createTestingData() {
        SyncStoreResources resources = SyncStoreResources.defaultResources(DATABASES.open());
        return new SyncStoreCombinationTestSystem(resources.getMailboxManager(), resources.getMessageIdManager());
    }
}
