package io.syncstore.imap.utf8;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.Literal;
import org.apache.james.imap.processor.EnableProcessor;

import io.syncstore.imap.channel.Framing;

/**
 * UTF8=ACCEPT (RFC 6855): once a connection has enabled it, mailbox names travel as UTF-8 quoted strings both ways,
 * quoted strings and literals of commands are UTF-8, and APPEND takes {@code UTF8 (literal8)}. Offered only where
 * SyncStore's framer frames the commands: the UTF-8 reading is done by {@link Utf8RequestLineReader} around the
 * reader the framer hands over, and James's own framer gives no such hook.
 */
public final class Utf8Accept {
    public static final Capability CAPABILITY = Capability.of("UTF8=ACCEPT");
    public static final HumanReadableText EIGHT_BIT_HEADER = new HumanReadableText("io.syncstore.imap.UTF8_HEADER",
        "A message with 8-bit header fields needs ENABLE UTF8=ACCEPT first");

    private Utf8Accept() {
    }

    public static boolean offered(ImapSession session) {
        return Framing.wholeCommands(session);
    }

    public static boolean enabled(ImapSession session) {
        return EnableProcessor.getEnabledCapabilities(session).contains(CAPABILITY);
    }

    /**
     * Whether this session must be refused the APPEND of this message: a server offering UTF8=ACCEPT refuses with NO
     * a message with an 8-bit octet in its header from a connection that did not enable it (RFC 6855 §4).
     */
    public static boolean refusesHeaderOf(Literal message, ImapSession session) throws IOException {
        if (!offered(session) || enabled(session)) {
            return false;
        }
        try (InputStream in = new BufferedInputStream(message.getInputStream())) {
            int lineLength = 0;
            for (int octet = in.read(); octet != -1; octet = in.read()) {
                if (octet >= 128) {
                    return true;
                }
                if (octet == '\n') {
                    if (lineLength == 0) {
                        return false;
                    }
                    lineLength = 0;
                } else if (octet != '\r') {
                    lineLength++;
                }
            }
            return false;
        }
    }
}
