package io.syncstore.backend.queue;

import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueFactoryContract;
import org.apache.james.queue.api.ManageableMailQueueFactoryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStoreMailQueueFactoryTest implements MailQueueFactoryContract<SyncStoreMailQueue>,
    ManageableMailQueueFactoryContract<SyncStoreMailQueue> {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private SyncStoreMailQueueFactory factory;

    @BeforeEach
    void setUp() {
        factory = TestQueues.factory(DATABASES.open());
    }

    @AfterEach
    void tearDown() {
        factory.close();
    }

    @Override
    public MailQueueFactory<SyncStoreMailQueue> getMailQueueFactory() {
        return factory;
    }
}
