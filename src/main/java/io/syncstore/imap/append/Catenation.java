package io.syncstore.imap.append;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.Literal;
import org.apache.james.mailbox.exception.MailboxException;

import io.syncstore.imap.urlauth.BadUrlException;
import io.syncstore.imap.urlauth.UrlReader;

/**
 * Puts a CATENATE's message together (RFC 4469 §5): its TEXT octets and the octets its URLs name, in order, each URL
 * read by {@link UrlReader} for the connection's user.
 */
final class Catenation {
    private final UrlReader urls;
    private final ImapSession session;

    Catenation(UrlReader urls, ImapSession session) {
        this.urls = urls;
        this.session = session;
    }

    byte[] assemble(AppendedMessage message) throws BadUrlException, NulInTextException, MailboxException, IOException {
        ByteArrayOutputStream octets = new ByteArrayOutputStream();
        for (CatenatePart part : message.catenation()) {
            if (part.text.isPresent()) {
                octets.write(text(part.text.get(), part.binary));
            } else {
                octets.write(urls.read(part.url.get(), session));
            }
        }
        return octets.toByteArray();
    }

    /** A literal (not a literal8) holding NUL is refused (RFC 4469 §5: such text is not allowed in a message). */
    private static byte[] text(Literal literal, boolean binary) throws IOException, NulInTextException {
        byte[] octets;
        try (InputStream in = literal.getInputStream()) {
            octets = in.readAllBytes();
        }
        if (!binary) {
            for (byte octet : octets) {
                if (octet == 0) {
                    throw new NulInTextException();
                }
            }
        }
        return octets;
    }
}
