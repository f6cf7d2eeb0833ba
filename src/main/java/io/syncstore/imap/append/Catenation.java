package io.syncstore.imap.append;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.main.DeniedAccessOnSharedMailboxException;
import org.apache.james.imap.main.PathConverter;
import org.apache.james.imap.message.Literal;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.InsufficientRightsException;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResultIterator;

import io.syncstore.imap.fetch.BodySection;

/**
 * Puts a CATENATE's message together (RFC 4469 §5): its TEXT octets and the octets its URLs name, in order. A URL is
 * read as the connection's user through James's {@link MailboxManager}, which answers only for mailboxes that user
 * may see; the user must also hold the read right ({@code r}, RFC 4314) on it.
 */
final class Catenation {
    private final MailboxManager mailboxManager;
    private final ImapSession session;

    Catenation(MailboxManager mailboxManager, ImapSession session) {
        this.mailboxManager = mailboxManager;
        this.session = session;
    }

    byte[] assemble(AppendedMessage message) throws BadUrlException, NulInTextException, MailboxException, IOException {
        ByteArrayOutputStream octets = new ByteArrayOutputStream();
        for (CatenatePart part : message.catenation()) {
            if (part.text.isPresent()) {
                octets.write(text(part.text.get(), part.binary));
            } else {
                octets.write(urlOctets(ImapUrl.parse(part.url.get())));
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

    private byte[] urlOctets(ImapUrl url) throws BadUrlException, MailboxException, IOException {
        MailboxSession mailboxSession = session.getMailboxSession();
        MessageManager mailbox = readableMailbox(url, mailboxSession);
        if (url.uidValidity.isPresent() && url.uidValidity.getAsLong() != mailbox.getMailboxEntity().getUidValidity().asLong()) {
            throw new BadUrlException(url.text);
        }
        byte[] whole;
        MessageResultIterator messages = mailbox.getMessages(MessageRange.one(MessageUid.of(url.uid)), FetchGroup.FULL_CONTENT, mailboxSession);
        if (!messages.hasNext()) {
            throw new BadUrlException(url.text);
        }
        try (InputStream in = messages.next().getFullContent().getInputStream()) {
            whole = in.readAllBytes();
        }
        byte[] section;
        try {
            section = BodySection.read(whole, url.section);
        } catch (DecodingException e) {
            throw new BadUrlException(url.text);
        }
        return url.partialOrigin.isPresent()
            ? BodySection.partial(section, url.partialOrigin.getAsLong(), url.partialLength) : section;
    }

    private MessageManager readableMailbox(ImapUrl url, MailboxSession mailboxSession) throws BadUrlException, MailboxException {
        try {
            MailboxPath path = PathConverter.forSession(session).buildFullPath(url.mailbox);
            MessageManager mailbox = mailboxManager.getMailbox(path, mailboxSession);
            if (!mailboxManager.hasRight(path, MailboxACL.Right.Read, mailboxSession)) {
                throw new BadUrlException(url.text);
            }
            return mailbox;
        } catch (MailboxNotFoundException | InsufficientRightsException | DeniedAccessOnSharedMailboxException e) {
            throw new BadUrlException(url.text);
        }
    }
}
