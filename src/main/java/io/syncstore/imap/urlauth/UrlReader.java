package io.syncstore.imap.urlauth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Optional;

import org.apache.commons.io.IOUtils;
import org.apache.james.core.Username;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.main.DeniedAccessOnSharedMailboxException;
import org.apache.james.imap.main.PathConverter;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.InsufficientRightsException;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResultIterator;

import com.google.common.io.ByteStreams;

import io.syncstore.api.UrlAuthKeys;
import io.syncstore.imap.fetch.BodySection;

/**
 * Reads the octets an IMAP URL names, with James's blocking calls. A relative URL is read as the connection's user
 * through James's {@link MailboxManager}, which answers only for mailboxes that user may see. An authorized URL
 * (RFC 4467) is read as its owner, once its token is checked against the owner's mailbox access key, its access
 * identifier admits the reading user and its EXPIRE has not passed. Either way the reader of the mailbox must hold
 * the read right ({@code r}, RFC 4314) on it.
 */
public final class UrlReader {
    private final MailboxManager mailboxManager;
    private final Optional<UrlAuthKeys> keys;
    private final Clock clock;

    public UrlReader(MailboxManager mailboxManager, Optional<UrlAuthKeys> keys, Clock clock) {
        this.mailboxManager = mailboxManager;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Writes the octets of a URL of a CATENATE, relative or authorized (when URLAUTH is offered) for the connection's
     * user, to {@code out}.
     */
    public void copy(String text, ImapSession session, OutputStream out) throws BadUrlException, MailboxException, IOException {
        ImapUrl url = ImapUrl.parse(text);
        if (url.isAuthorized()) {
            authorized(url, session.getMailboxSession().getUser(), out);
            return;
        }
        MailboxSession mailboxSession = session.getMailboxSession();
        copyOctets(url, readable(url, ownPath(url, session), mailboxSession), mailboxSession, out);
    }

    /** A URL of URLFETCH: authorized URLs only. */
    byte[] readAuthorized(String text, Username user) throws BadUrlException, MailboxException, IOException {
        ImapUrl url = ImapUrl.parse(text);
        if (!url.isAuthorized()) {
            throw new BadUrlException(text);
        }
        ByteArrayOutputStream octets = new ByteArrayOutputStream();
        authorized(url, user, octets);
        return octets.toByteArray();
    }

    private void authorized(ImapUrl url, Username user, OutputStream out) throws BadUrlException, MailboxException, IOException {
        if (keys.isEmpty() || !UrlAuthToken.MECHANISM.equalsIgnoreCase(url.mechanism.orElseThrow())
            || !url.grants(user) || url.expiredAt(clock.instant())) {
            throw new BadUrlException(url.text);
        }
        Username owner = url.owner.orElseThrow();
        MailboxSession ownerSession = mailboxManager.createSystemSession(owner);
        MessageManager mailbox = readable(url, ownersPath(owner, url.mailbox), ownerSession);
        Optional<byte[]> key = keys.get().existingKey(owner, mailbox.getId()).blockOptional();
        if (key.isEmpty() || !UrlAuthToken.signs(url.token, key.get(), url.rump)) {
            throw new BadUrlException(url.text);
        }
        copyOctets(url, mailbox, ownerSession, out);
    }

    static MailboxPath ownPath(ImapUrl url, ImapSession session) throws BadUrlException {
        try {
            return PathConverter.forSession(session).buildFullPath(url.mailbox);
        } catch (DeniedAccessOnSharedMailboxException e) {
            throw new BadUrlException(url.text);
        }
    }

    /** The owner's mailbox of that name, INBOX in any case as PathConverter reads it for the connection's user. */
    private static MailboxPath ownersPath(Username owner, String name) {
        return MailboxPath.forUser(owner, name.equalsIgnoreCase(MailboxConstants.INBOX) ? MailboxConstants.INBOX : name);
    }

    private MessageManager readable(ImapUrl url, MailboxPath path, MailboxSession session) throws BadUrlException, MailboxException {
        try {
            MessageManager mailbox = mailboxManager.getMailbox(path, session);
            if (!mailboxManager.hasRight(path, MailboxACL.Right.Read, session)) {
                throw new BadUrlException(url.text);
            }
            return mailbox;
        } catch (MailboxNotFoundException | InsufficientRightsException e) {
            throw new BadUrlException(url.text);
        }
    }

    /**
     * A whole message, or a range of it, is streamed; a section is cut from the message read whole (the FETCH
     * engine's section code works on the message's octets).
     */
    private static void copyOctets(ImapUrl url, MessageManager mailbox, MailboxSession session, OutputStream out) throws BadUrlException, MailboxException, IOException {
        if (url.uidValidity.isPresent() && url.uidValidity.getAsLong() != mailbox.getMailboxEntity().getUidValidity().asLong()) {
            throw new BadUrlException(url.text);
        }
        MessageResultIterator messages = mailbox.getMessages(MessageRange.one(MessageUid.of(url.uid)), FetchGroup.FULL_CONTENT, session);
        if (!messages.hasNext()) {
            throw new BadUrlException(url.text);
        }
        try (InputStream in = messages.next().getFullContent().getInputStream()) {
            if (url.section.isEmpty()) {
                IOUtils.skip(in, url.partialOrigin.orElse(0));
                ByteStreams.copy(url.partialLength == null ? in : ByteStreams.limit(in, url.partialLength), out);
                return;
            }
            byte[] section = section(url, in.readAllBytes());
            out.write(url.partialOrigin.isPresent()
                ? BodySection.partial(section, url.partialOrigin.getAsLong(), url.partialLength) : section);
        }
    }

    private static byte[] section(ImapUrl url, byte[] message) throws BadUrlException {
        try {
            return BodySection.read(message, url.section);
        } catch (DecodingException e) {
            throw new BadUrlException(url.text);
        }
    }
}
