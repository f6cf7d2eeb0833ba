package io.syncstore.imap.mode;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Optional;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.display.ModifiedUtf7;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;

import io.syncstore.imap.channel.FramedCommandReader;

/**
 * A command of a connection that enabled UTF8=ACCEPT (RFC 6855 §3), read through the reader the framer made:
 * quoted strings and literals without a charset of their own are UTF-8 (James reads them as US-ASCII), and a
 * mailbox name is taken as written, UTF-8, not as modified UTF-7. James's processors decode every name they get
 * from modified UTF-7, so the name is handed to them encoded: they decode it back to exactly what the client sent.
 */
public final class Utf8RequestLineReader extends FramedCommandReader {
    private static final String LAST_AS_WRITTEN = Utf8RequestLineReader.class.getName() + ".lastNameAsWritten";

    private final ImapSession session;

    private Utf8RequestLineReader(ImapRequestLineReader framed, ImapSession session) {
        super(framed, UTF_8);
        this.session = session;
    }

    /**
     * The reader for this session's command: UTF-8 if the session speaks UTF-8 (UTF8=ACCEPT or IMAP4rev2), else the
     * framed one. What it reads of names is told to the session until the next command's reader is made
     * ({@link #lastNameAsWritten(ImapSession)}).
     */
    public static ImapRequestLineReader of(ImapRequestLineReader framed, ImapSession session) {
        if (!ConnectionMode.utf8(session)) {
            return framed;
        }
        session.setAttribute(LAST_AS_WRITTEN, Optional.empty());
        return new Utf8RequestLineReader(framed, session);
    }

    /** The last mailbox name the session's current command was read with, as written, when another name was taken. */
    @SuppressWarnings("unchecked")
    public static Optional<String> lastNameAsWritten(ImapSession session) {
        Object last = session.getAttribute(LAST_AS_WRITTEN);
        return last instanceof Optional ? (Optional<String>) last : Optional.empty();
    }

    /**
     * RFC 6855 §3: a name is Net-Unicode (RFC 5198 §2): it holds no control character (C0, DEL, C1) and no line or
     * paragraph separator, and it is compared in Normalization Form C, so that a name written decomposed names the same
     * mailbox as the composed one, and a mailbox stored decomposed is reached by either ({@link StoredNameLookup},
     * {@link io.syncstore.imap.names.NormalizedNames}).
     */
    @Override
    public String mailboxUTF7() throws DecodingException {
        String written = super.mailboxUTF7();
        if (written.codePoints().anyMatch(c -> c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029)) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "A mailbox name holds no control characters");
        }
        String name = StoredNameLookup.of(session).nameFor(written, session);
        session.setAttribute(LAST_AS_WRITTEN, name.equals(written) ? Optional.empty() : Optional.of(written));
        return ModifiedUtf7.encodeModifiedUTF7(name);
    }
}
