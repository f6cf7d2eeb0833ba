package io.syncstore.backend.mail;

import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.store.mail.AttachmentMapper;
import org.apache.james.mailbox.store.mail.model.AttachmentMapperTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.model.SyncStoreMessageId;

class SyncStoreAttachmentMapperTest extends AttachmentMapperTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Override
    protected AttachmentMapper createAttachmentMapper() {
        return new SyncStoreMapperProvider(databases.open()).createAttachmentMapper();
    }

    @Override
    protected MessageId generateMessageId() {
        return new SyncStoreMessageId.Factory().generate();
    }
}
