package io.syncstore.imap.utf8;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;

/**
 * A response to a connection that enabled UTF8=ACCEPT: {@link Utf8ResponseEncoder} writes it with James's encoder
 * for it, its mailbox names and other strings as UTF-8 quoted strings (RFC 6855 §3) where James writes modified
 * UTF-7 and {@code ?} for every octet above 127.
 */
public final class Utf8Response implements ImapResponseMessage {
    private final ImapResponseMessage response;

    private Utf8Response(ImapResponseMessage response) {
        this.response = response;
    }

    ImapResponseMessage response() {
        return response;
    }

    /** The responder writing this session's responses in UTF-8 once the session enabled UTF8=ACCEPT. */
    public static Responder responder(Responder responder, ImapSession session) {
        return new Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                responder.respond(Utf8Accept.enabled(session) ? new Utf8Response(message) : message);
            }

            @Override
            public void flush() {
                responder.flush();
            }
        };
    }
}
