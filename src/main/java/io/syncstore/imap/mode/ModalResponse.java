package io.syncstore.imap.mode;

import java.util.Set;

import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.EnableProcessor;

/**
 * A response to a connection in a {@link ConnectionMode}, written by {@link ModalResponseEncoder} with James's encoder
 * for the response it holds: in UTF-8 its mailbox names and other strings are UTF-8 quoted strings (RFC 6855 §3,
 * RFC 9051 §5.1) where James writes modified UTF-7 and {@code ?} for every octet above 127; in IMAP4rev2 its flags
 * leave out {@code \Recent} (RFC 9051 §2.3.2 and appendix E).
 */
public final class ModalResponse implements ImapResponseMessage {
    private final ImapResponseMessage response;
    private final boolean utf8;
    private final boolean rev2;

    private ModalResponse(ImapResponseMessage response, boolean utf8, boolean rev2) {
        this.response = response;
        this.utf8 = utf8;
        this.rev2 = rev2;
    }

    ImapResponseMessage response() {
        return response;
    }

    boolean utf8() {
        return utf8;
    }

    boolean rev2() {
        return rev2;
    }

    /** The responder writing this session's responses as its modes say; IMAP4rev2 has no RECENT response and no {@code OK [UNSEEN]}. */
    public static Responder responder(Responder responder, ImapSession session) {
        // the session's one set, which ENABLE adds to: kept here, a push to 1,000 connections does not look it up in
        // each session's attributes for every response
        Set<Capability> enabled = EnableProcessor.getEnabledCapabilities(session);
        return new Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                boolean rev2 = enabled.contains(ConnectionMode.IMAP4REV2.capability());
                boolean utf8 = rev2 || enabled.contains(ConnectionMode.UTF8_ACCEPT.capability());
                if (rev2 && Imap4Rev2.silences(message)) {
                    return;
                }
                responder.respond(utf8 || rev2 ? new ModalResponse(message, utf8, rev2) : message);
            }

            @Override
            public void flush() {
                responder.flush();
            }
        };
    }
}
