package io.syncstore.backend.manager;

import org.apache.james.mailbox.store.AbstractMessageIdManagerStorageTest;
import org.apache.james.mailbox.store.MessageIdManagerTestSystem;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;

class SyncStoreMessageIdManagerStorageTest extends AbstractMessageIdManagerStorageTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @Override
    protected MessageIdManagerTestSystem createTestingData() {
        SyncStoreResources resources = SyncStoreResources.defaultResources(DATABASES.open());
        return new MessageIdManagerTestSystem(resources.getMessageIdManager(), resources.getMessageIdFactory(),
            resources.getMailboxManager().getMapperFactory(), resources.getMailboxManager());
    }
}
