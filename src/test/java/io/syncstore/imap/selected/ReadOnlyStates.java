package io.syncstore.imap.selected;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.model.MailboxId;

/** A {@link SelectedState} of an EXAMINE by mailbox session 1, over mocks: read-only, no \Recent claim goes to storage. */
final class ReadOnlyStates {
    private ReadOnlyStates() {
    }

    static SelectedState of(MailboxId mailbox) {
        MailboxSession own = mock(MailboxSession.class);
        when(own.getSessionId()).thenReturn(MailboxSession.SessionId.of(1));
        ImapSession session = mock(ImapSession.class);
        when(session.getMailboxSession()).thenReturn(own);
        MessageManager messages = mock(MessageManager.class);
        when(messages.getId()).thenReturn(mailbox);
        return new SelectedState(session, mock(MailboxManager.class), messages, mock(StatusResponseFactory.class), true,
            new RecentClaimants());
    }
}
