package io.syncstore.imap.mode;

import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.EnableProcessor;

import io.syncstore.imap.channel.Framing;

/**
 * The capabilities a client ENABLEs to change how its connection speaks rather than what a command does.
 * <ul>
 * <li>UTF8=ACCEPT (RFC 6855): mailbox names travel as UTF-8 quoted strings both ways, quoted strings and literals of
 * commands are UTF-8, APPEND takes {@code UTF8 (literal8)}, SEARCH takes no CHARSET.</li>
 * <li>IMAP4rev2 (RFC 9051): the same UTF-8 names and strings (§5.1), no {@code \Recent} and no RECENT response,
 * SEARCH answered with ESEARCH, an untagged LIST in the answer to SELECT/EXAMINE and {@code [CLOSED]} when one
 * replaces a selected mailbox.</li>
 * </ul>
 * Offered only where SyncStore's framer frames the commands: the UTF-8 reading is done by
 * {@link Utf8RequestLineReader} around the reader the framer hands over, and James's own framer gives no such hook.
 * Connections that enable neither keep IMAP4rev1 with modified UTF-7 names.
 */
public enum ConnectionMode {
    UTF8_ACCEPT("UTF8=ACCEPT"),
    IMAP4REV2("IMAP4rev2");

    private final Capability capability;

    ConnectionMode(String capability) {
        this.capability = Capability.of(capability);
    }

    public Capability capability() {
        return capability;
    }

    public static boolean offered(ImapSession session) {
        return Framing.wholeCommands(session);
    }

    public boolean enabledIn(ImapSession session) {
        return EnableProcessor.getEnabledCapabilities(session).contains(capability);
    }

    /** Whether names and strings travel as UTF-8 on this connection. */
    public static boolean utf8(ImapSession session) {
        return UTF8_ACCEPT.enabledIn(session) || IMAP4REV2.enabledIn(session);
    }
}
