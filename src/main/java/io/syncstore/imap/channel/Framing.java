package io.syncstore.imap.channel;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imapserver.netty.IMAPServer;

/**
 * What SyncStore's command framer tells the IMAP package about a connection it frames: its commands come whole
 * (James 3.8.1's own framer loses the octets of a second literal in one command, so MULTIAPPEND is offered only
 * then), whether non-synchronizing literals are limited to {@link #LITERAL_MINUS_LIMIT} octets (LITERAL-,
 * RFC 7888) instead of unlimited (LITERAL+), and how many octets of a command it holds in memory.
 */
public final class Framing {
    public static final int LITERAL_MINUS_LIMIT = 4096;
    private static final String KEY = Framing.class.getName();

    private static final class Marks {
        private final boolean literalMinus;
        private final int inMemorySizeLimit;

        private Marks(boolean literalMinus, int inMemorySizeLimit) {
            this.literalMinus = literalMinus;
            this.inMemorySizeLimit = inMemorySizeLimit;
        }
    }

    private Framing() {
    }

    public static void mark(ImapSession session, boolean literalMinus, int inMemorySizeLimit) {
        session.setAttribute(KEY, new Marks(literalMinus, inMemorySizeLimit));
    }

    public static boolean wholeCommands(ImapSession session) {
        return session.getAttribute(KEY) != null;
    }

    public static boolean literalMinus(ImapSession session) {
        Object marks = session.getAttribute(KEY);
        return marks != null && ((Marks) marks).literalMinus;
    }

    /** The framer's {@code inMemorySizeLimit} (0: no limit); James's default on a connection James frames. */
    public static int inMemorySizeLimit(ImapSession session) {
        Object marks = session.getAttribute(KEY);
        return marks != null
            ? ((Marks) marks).inMemorySizeLimit : Math.toIntExact(IMAPServer.DEFAULT_IN_MEMORY_SIZE_LIMIT.asBytes());
    }
}
