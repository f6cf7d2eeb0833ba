package io.syncstore.imap.session;

import java.util.Arrays;
import java.util.Optional;

import javax.mail.Flags;

import org.apache.james.imap.api.message.UidRange;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.response.ExistsResponse;
import org.apache.james.imap.message.response.ExpungeResponse;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.message.response.FlagsResponse;
import org.apache.james.imap.message.response.RecentResponse;
import org.apache.james.imap.message.response.VanishedResponse;
import org.apache.james.mailbox.MessageUid;

/**
 * Keeps what a session is told about its selected mailbox consistent, whichever James code path writes it and
 * whatever other sessions do meanwhile (RFC 3501 §7): a keyword is listed in a FLAGS response before a FETCH shows
 * it; a FETCH never names a sequence number the client was not told of by EXISTS; RECENT never exceeds EXISTS; a
 * message is \Recent in one session only ({@link RecentClaims}). James 3.8.1 breaks each of these under concurrent
 * sessions (seen with {@code ConcurrentSessionsContract}).
 */
public final class ConsistentResponder implements Responder {
    private final Responder delegate;
    private final ImapSession session;
    private final RecentClaims claims;
    private final SessionView view;

    public ConsistentResponder(Responder delegate, ImapSession session, RecentClaims claims) {
        this.delegate = delegate;
        this.session = session;
        this.claims = claims;
        this.view = SessionView.of(session);
    }

    @Override
    public void respond(ImapResponseMessage message) {
        synchronized (view) {
            delegate.respond(consistent(message));
        }
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    private ImapResponseMessage consistent(ImapResponseMessage message) {
        SelectedMailbox selected = session.getSelected();
        if (message instanceof FlagsResponse) {
            view.announce(((FlagsResponse) message).getFlags());
        } else if (message instanceof ExistsResponse) {
            view.exists = ((ExistsResponse) message).getNumberOfMessages();
        } else if (message instanceof ExpungeResponse) {
            view.exists = Math.max(0, view.exists - 1);
        } else if (message instanceof VanishedResponse && !((VanishedResponse) message).isEarlier()) {
            view.exists = Math.max(0, view.exists - Arrays.stream(((VanishedResponse) message).getUids())
                .mapToLong(range -> range.getHighVal().asLong() - range.getLowVal().asLong() + 1).sum());
        } else if (message instanceof RecentResponse && selected != null) {
            return new RecentResponse((int) Math.min(ownRecentCount(selected), view.exists));
        } else if (message instanceof FetchResponse && selected != null) {
            return consistentFetch((FetchResponse) message, selected);
        }
        return message;
    }

    private FetchResponse consistentFetch(FetchResponse fetch, SelectedMailbox selected) {
        int msn = fetch.getMessageNumber().asInt();
        if (msn > view.exists) {
            view.exists = Math.max(msn, selected.existsCount());
            delegate.respond(new ExistsResponse(view.exists));
        }
        Flags flags = fetch.getFlags();
        if (flags == null) {
            return fetch;
        }
        Flags unannounced = view.unannounced(flags);
        if (unannounced != null) {
            Flags all = new Flags(selected.getApplicableFlags());
            all.add(view.announced());
            all.add(unannounced);
            view.announce(all);
            delegate.respond(new FlagsResponse(all));
        }
        Optional<MessageUid> uid = Optional.ofNullable(fetch.getUid()).or(() -> selected.uid(msn));
        if (flags.contains(Flags.Flag.RECENT) && uid.isPresent()
            && !claims.claim(selected.getMailboxId(), uid.get(), session.sessionId())) {
            selected.removeRecent(uid.get());
            Flags withoutRecent = new Flags(flags);
            withoutRecent.remove(Flags.Flag.RECENT);
            return new FetchResponse(fetch.getMessageNumber(), withoutRecent, fetch.getUid(), fetch.getSaveDate(),
                fetch.getModSeq(), fetch.getInternalDate(), fetch.getSize(), fetch.getEnvelope(), fetch.getBody(),
                fetch.getBodyStructure(), fetch.getElements(), fetch.getEmailId(), fetch.getThreadId());
        }
        return fetch;
    }

    private long ownRecentCount(SelectedMailbox selected) {
        for (MessageUid uid : selected.getRecent()) {
            if (!claims.claim(selected.getMailboxId(), uid, session.sessionId())) {
                selected.removeRecent(uid);
            }
        }
        return selected.recentCount();
    }
}
