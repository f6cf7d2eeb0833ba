package io.syncstore.backend.user;

import org.apache.james.mailbox.store.user.SubscriptionMapper;
import org.apache.james.mailbox.store.user.SubscriptionMapperTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStoreSubscriptionMapperTest extends SubscriptionMapperTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Override
    protected SubscriptionMapper createSubscriptionMapper() {
        return new SyncStoreSubscriptionMapper(databases.open());
    }
}
