package io.syncstore.imap.channel;

import org.apache.james.imap.api.process.ImapSession;

/**
 * What SyncStore's command framer tells the IMAP package about a connection it frames: its commands come whole
 * (James 3.8.1's own framer loses the octets of a second literal in one command, so MULTIAPPEND is offered only
 * then), and whether non-synchronizing literals are limited to {@link #LITERAL_MINUS_LIMIT} octets (LITERAL-,
 * RFC 7888) instead of unlimited (LITERAL+).
 */
public final class Framing {
    public static final int LITERAL_MINUS_LIMIT = 4096;
    private static final String KEY = Framing.class.getName();

    private Framing() {
    }

    public static void mark(ImapSession session, boolean literalMinus) {
        session.setAttribute(KEY, literalMinus);
    }

    public static boolean wholeCommands(ImapSession session) {
        return session.getAttribute(KEY) != null;
    }

    public static boolean literalMinus(ImapSession session) {
        return Boolean.TRUE.equals(session.getAttribute(KEY));
    }
}
