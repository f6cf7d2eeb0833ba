package io.syncstore.backend.mail;

import org.apache.james.core.Username;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.mail.model.MapperProvider;
import org.apache.james.mailbox.store.mail.model.MessageWithAttachmentMapperTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStoreMessageWithAttachmentMapperTest extends MessageWithAttachmentMapperTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    /**
     * This suite builds its mailbox from {@code generateId()} without storing it, which the memory backend
     * tolerates; here a message needs its mailbox's row (UIDs are allocated there), so the id is a stored mailbox's.
     */
    @Override
    protected MapperProvider createMapperProvider() {
        return new SyncStoreMapperProvider(databases.open()) {
            @Override
            public MailboxId generateId() {
                return createMailboxMapper().create(MailboxPath.forUser(Username.of("benwa"), "Attachments"), UidValidity.of(42))
                    .block()
                    .getMailboxId();
            }
        };
    }
}
