package io.syncstore.backend.mail;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMapperTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.model.SyncStoreMailboxId;

class SyncStoreMailboxMapperTest extends MailboxMapperTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private final AtomicLong ids = new AtomicLong(1_000_000);

    @Override
    protected MailboxMapper createMailboxMapper() {
        return TestMappers.mailboxMapper(DATABASES.open());
    }

    @Override
    protected MailboxId generateId() {
        return SyncStoreMailboxId.of(ids.incrementAndGet());
    }
}
