package io.syncstore.imap.selected;

import java.util.Optional;

import javax.mail.Flags;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.message.response.FlagsResponse;

/**
 * Every response to a connection passes here on its way out, so that the connection's {@link SelectedState} sees
 * what it is told: keywords are announced by FLAGS before a FETCH shows them, and a command's pending changes are told
 * just before its tagged status, as far as the command allows.
 */
public final class ViewResponder implements Responder {
    private final Responder delegate;
    private final ImapSession session;
    private final Optional<Telling> beforeTagged;

    private ViewResponder(Responder delegate, ImapSession session, Optional<Telling> beforeTagged) {
        this.delegate = delegate;
        this.session = session;
        this.beforeTagged = beforeTagged;
    }

    /** For a command: pending changes go before its tagged status, as {@code telling} allows. */
    public static ViewResponder forCommand(Responder delegate, ImapSession session, Telling telling) {
        return new ViewResponder(delegate, session, Optional.of(telling));
    }

    /** For what is written between commands (IDLE, NOTIFY). */
    public static ViewResponder between(Responder delegate, ImapSession session) {
        return new ViewResponder(delegate, session, Optional.empty());
    }

    @Override
    public void respond(ImapResponseMessage message) {
        SelectedMailbox selected = session.getSelected();
        if (selected instanceof SelectedState) {
            SelectedState state = (SelectedState) selected;
            if (message instanceof FlagsResponse) {
                state.toldFlags(((FlagsResponse) message).getFlags());
            } else if (message instanceof FetchResponse) {
                Flags flags = ((FetchResponse) message).getFlags();
                if (flags != null) {
                    state.announceKeywords(delegate, flags);
                }
            } else if (beforeTagged.isPresent() && message instanceof StatusResponse && ((StatusResponse) message).getTag() != null) {
                state.tell(delegate, beforeTagged.get());
            }
        }
        delegate.respond(message);
    }

    @Override
    public void flush() {
        delegate.flush();
    }
}
