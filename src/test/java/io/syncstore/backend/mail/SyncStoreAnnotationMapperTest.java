package io.syncstore.backend.mail;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.mail.AnnotationMapper;
import org.apache.james.mailbox.store.mail.model.AnnotationMapperTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.model.SyncStoreMailboxId;

class SyncStoreAnnotationMapperTest extends AnnotationMapperTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private final AtomicLong mailboxIds = new AtomicLong();

    @Override
    protected AnnotationMapper createAnnotationMapper() {
        return new SyncStoreAnnotationMapper(databases.open());
    }

    @Override
    protected MailboxId generateMailboxId() {
        return SyncStoreMailboxId.of(mailboxIds.incrementAndGet());
    }
}
