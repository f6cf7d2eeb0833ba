package io.syncstore.backend.manager;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageIdManager;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.store.CombinationManagerTestSystem;

/** James's combination test system over a SyncStore mailbox manager. */
public final class SyncStoreCombinationTestSystem extends CombinationManagerTestSystem {
    private final MailboxManager mailboxManager;

    public SyncStoreCombinationTestSystem(MailboxManager mailboxManager, MessageIdManager messageIdManager) {
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
