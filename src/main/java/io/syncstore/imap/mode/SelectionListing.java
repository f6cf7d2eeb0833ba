package io.syncstore.imap.mode;

import java.util.EnumSet;
import java.util.Optional;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.MailboxType;
import org.apache.james.imap.message.response.ListResponse;
import org.apache.james.mailbox.model.MailboxMetaData;
import org.apache.james.mailbox.model.MailboxPath;

/** RFC 9051 §6.3.2: in IMAP4rev2, SELECT and EXAMINE answer with an untagged LIST of the mailbox as well. */
public final class SelectionListing {
    private SelectionListing() {
    }

    public static Optional<ListResponse> of(ImapSession session, MailboxPath path) {
        if (!ConnectionMode.IMAP4REV2.enabledIn(session)) {
            return Optional.empty();
        }
        return Optional.of(new ListResponse(MailboxMetaData.Children.CHILDREN_ALLOWED_BUT_UNKNOWN,
            MailboxMetaData.Selectability.NONE, path.getName(), session.getMailboxSession().getPathDelimiter(),
            false, false, EnumSet.noneOf(ListResponse.ChildInfo.class), MailboxType.OTHER));
    }
}
