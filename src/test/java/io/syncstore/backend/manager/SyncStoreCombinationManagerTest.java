package io.syncstore.backend.manager;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageIdManager;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.store.AbstractCombinationManagerTest;
import org.apache.james.mailbox.store.CombinationManagerTestSystem;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;

class SyncStoreCombinationManagerTest extends AbstractCombinationManagerTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @Override
    protected CombinationManagerTestSystem createTestingData() {
        SyncStoreResources resources = SyncStoreResources.defaultResources(DATABASES.open());
        return new TestSystem(resources.getMailboxManager(), resources.getMessageIdManager());
    }

    static final class TestSystem extends CombinationManagerTestSystem {
        private final MailboxManager mailboxManager;

        TestSystem(MailboxManager mailboxManager, MessageIdManager messageIdManager) {
            super(mailboxManager, messageIdManager);
            this.mailboxManager = mailboxManager;
        }

        @Override
        public Mailbox createMailbox(MailboxPath mailboxPath, MailboxSession session) throws MailboxException {
            mailboxManager.createMailbox(mailboxPath, session);
            return mailboxManager.getMailbox(mailboxPath, session).getMailboxEntity();
        }

        @Override
        public MessageManager createMessageManager(Mailbox mailbox, MailboxSession session) throws MailboxException {
            return mailboxManager.getMailbox(mailbox.getMailboxId(), session);
        }
    }
}
