package io.syncstore.imap.append;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.Literal;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Content;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.imap.channel.Framing;
import io.syncstore.imap.urlauth.BadUrlException;
import io.syncstore.imap.urlauth.UrlReader;

/**
 * Puts a CATENATE's message together (RFC 4469 §5): its TEXT octets and the octets its URLs name, in order, each URL
 * read by {@link UrlReader} for the connection's user, into a {@link SpooledMessage} that goes to a file beyond the
 * connection's {@code inMemorySizeLimit}.
 */
final class Catenation {
    private static final Logger LOGGER = LoggerFactory.getLogger(Catenation.class);
    private static final int CHUNK = 8192;

    private final UrlReader urls;
    private final ImapSession session;
    private final List<SpooledMessage> assembled = new CopyOnWriteArrayList<>();

    Catenation(UrlReader urls, ImapSession session) {
        this.urls = urls;
        this.session = session;
    }

    /** The message, kept until {@link #release()}. */
    Content assemble(AppendedMessage message) throws BadUrlException, NulInTextException, MailboxException, IOException {
        SpooledMessage octets = new SpooledMessage(Framing.inMemorySizeLimit(session));
        assembled.add(octets);
        for (CatenatePart part : message.catenation()) {
            if (part.text.isPresent()) {
                copyText(part.text.get(), part.binary, octets);
            } else {
                urls.copy(part.url.get(), session, octets);
            }
        }
        return octets.content();
    }

    /** Deletes the files of the messages put together, once they are stored or refused. */
    void release() {
        for (SpooledMessage message : assembled) {
            try {
                message.close();
            } catch (IOException e) {
                LOGGER.warn("Could not delete a CATENATE spool file", e);
            }
        }
    }

    /** A literal (not a literal8) holding NUL is refused (RFC 4469 §5: such text is not allowed in a message). */
    private static void copyText(Literal literal, boolean binary, OutputStream out) throws IOException, NulInTextException {
        byte[] chunk = new byte[CHUNK];
        try (InputStream in = literal.getInputStream()) {
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                if (!binary && holdsNul(chunk, read)) {
                    throw new NulInTextException();
                }
                out.write(chunk, 0, read);
            }
        }
    }

    private static boolean holdsNul(byte[] octets, int length) {
        for (int i = 0; i < length; i++) {
            if (octets[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
