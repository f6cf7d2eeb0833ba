package io.syncstore.imap.mode;

import java.util.EnumSet;
import java.util.Optional;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.MailboxType;
import org.apache.james.imap.api.process.MailboxTyper;
import org.apache.james.imap.message.response.ListResponse;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MailboxMetaData;
import org.apache.james.mailbox.model.MailboxPath;

import io.syncstore.imap.specialuse.SpecialUses;

import reactor.core.publisher.Mono;

/**
 * RFC 9051 §6.3.2: in IMAP4rev2, SELECT and EXAMINE answer with an untagged LIST of the mailbox as well, its
 * attributes accurate: children (as LIST's CHILDREN return option gives them) and special use (as LIST gives it).
 */
public final class SelectionListing {
    private SelectionListing() {
    }

    public static Mono<Optional<ListResponse>> of(ImapSession session, MailboxManager mailboxManager, MailboxTyper names,
                                                  MailboxPath path) {
        if (!ConnectionMode.IMAP4REV2.enabledIn(session)) {
            return Mono.just(Optional.empty());
        }
        MailboxSession mailboxSession = session.getMailboxSession();
        return Mono.zip(Mono.from(mailboxManager.hasChildrenReactive(path, mailboxSession)),
                SpecialUses.of(mailboxManager, path, mailboxSession).defaultIfEmpty(names.getMailboxType(session, path)))
            .map(found -> Optional.of(listing(session, path, found.getT1(), found.getT2())));
    }

    private static ListResponse listing(ImapSession session, MailboxPath path, boolean hasChildren, MailboxType type) {
        return new ListResponse(hasChildren ? MailboxMetaData.Children.HAS_CHILDREN : MailboxMetaData.Children.HAS_NO_CHILDREN,
            MailboxMetaData.Selectability.NONE, path.getName(), session.getMailboxSession().getPathDelimiter(),
            false, false, EnumSet.noneOf(ListResponse.ChildInfo.class), type);
    }
}
