package io.syncstore.backend.mail;

import org.apache.james.mailbox.store.mail.model.MapperProvider;
import org.apache.james.mailbox.store.mail.model.MessageMoveTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStoreMessageMoveTest extends MessageMoveTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Override
    protected MapperProvider createMapperProvider() {
        return new SyncStoreMapperProvider(databases.open());
    }
}
