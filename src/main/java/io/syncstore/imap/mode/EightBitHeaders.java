package io.syncstore.imap.mode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.Literal;

/**
 * RFC 6855 §4: a server offering UTF8=ACCEPT refuses with NO the APPEND of a message with an 8-bit octet in its
 * header from a connection that did not enable it (nor IMAP4rev2, which includes it).
 */
public final class EightBitHeaders {
    public static final HumanReadableText REFUSED = new HumanReadableText("io.syncstore.imap.UTF8_HEADER",
        "A message with 8-bit header fields needs ENABLE UTF8=ACCEPT first");

    private EightBitHeaders() {
    }

    public static boolean refused(Literal message, ImapSession session) throws IOException {
        if (!ConnectionMode.offered(session) || ConnectionMode.utf8(session)) {
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
