package io.syncstore.backend.mail;

import org.apache.james.mailbox.store.mail.model.MapperProvider;
import org.apache.james.mailbox.store.mail.model.MessageIdMapperTest;
import org.apache.james.utils.UpdatableTickingClock;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStoreMessageIdMapperTest extends MessageIdMapperTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private SyncStoreMapperProvider provider;

    @Override
    protected MapperProvider provideMapper() {
        provider = new SyncStoreMapperProvider(databases.open());
        return provider;
    }

    @Override
    protected UpdatableTickingClock updatableTickingClock() {
        return provider.clock();
    }
}
