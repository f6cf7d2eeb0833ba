package io.syncstore.backend.queue;

import org.apache.james.queue.api.DelayedManageableMailQueueContract;
import org.apache.james.queue.api.DelayedPriorityMailQueueContract;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStoreMailQueueTest implements DelayedManageableMailQueueContract, DelayedPriorityMailQueueContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private SyncStoreMailQueueFactory factory;
    private SyncStoreMailQueue mailQueue;

    @BeforeEach
    void setUp() {
        factory = TestQueues.factory(DATABASES.open());
        mailQueue = factory.createQueue(MailQueueName.of("test"));
    }

    @AfterEach
    void tearDown() {
        factory.close();
    }

    @Override
    public MailQueue getMailQueue() {
        return mailQueue;
    }

    @Override
    public ManageableMailQueue getManageableMailQueue() {
        return mailQueue;
    }
}
