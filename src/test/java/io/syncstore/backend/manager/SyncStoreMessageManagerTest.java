package io.syncstore.backend.manager;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.store.AbstractMessageManagerTest;
import org.apache.james.mailbox.store.MessageManagerTestSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;

class SyncStoreMessageManagerTest extends AbstractMessageManagerTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @BeforeEach
    void setUp() throws Exception {
        MailboxManager mailboxManager = SyncStoreResources.defaultResources(DATABASES.open()).getMailboxManager();
        super.setup(new MessageManagerTestSystem(mailboxManager) {
            @Override
            public Mailbox createMailbox(MailboxPath mailboxPath, MailboxSession session) throws MailboxException {
                mailboxManager.createMailbox(mailboxPath, session);
                return mailboxManager.getMailbox(mailboxPath, session).getMailboxEntity();
            }
        });
    }
}
