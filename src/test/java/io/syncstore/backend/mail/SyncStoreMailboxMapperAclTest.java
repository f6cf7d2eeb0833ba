package io.syncstore.backend.mail;

import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMapperACLTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStoreMailboxMapperAclTest extends MailboxMapperACLTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @Override
    protected MailboxMapper createMailboxMapper() {
        return TestMappers.mailboxMapper(DATABASES.open());
    }
}
