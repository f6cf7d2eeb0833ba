package io.syncstore.imap.names;

import java.text.Normalizer;
import java.util.List;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.main.PathConverter;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MailboxMetaData;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.mailbox.model.search.PrefixedRegex;

import io.syncstore.imap.mode.StoredNameLookup;

/**
 * A UTF-8 connection's name looked up in Normalization Form C on both sides: the mailboxes whose names differ from it
 * only in non-ASCII characters are read (one search, a {@code %} in place of each such character), and the one equal
 * to it in NFC is taken: the name exactly as written first, then its NFC form, then any other stored form (a mailbox
 * stored decomposed by a modified UTF-7 connection, or before SyncStore normalized names). Chosen over renaming the
 * stored names once at start-up: a modified UTF-7 connection may store a decomposed name at any time (RFC 3501 asks no
 * normalization of it), two stored names may be equal in NFC, and nothing is renamed under a connection's feet. A
 * name in US-ASCII only, or a name of another namespace ({@code #...}), is taken as it is.
 */
public final class StoredNames implements StoredNameLookup {
    private final MailboxManager mailboxManager;

    public StoredNames(MailboxManager mailboxManager) {
        this.mailboxManager = mailboxManager;
    }

    @Override
    public String nameFor(String written, ImapSession session) {
        String composed = Normalizer.normalize(written, Normalizer.Form.NFC);
        MailboxSession mailboxSession = session.getMailboxSession();
        if (mailboxSession == null || written.chars().allMatch(c -> c < 0x80) || written.startsWith("#")) {
            return composed;
        }
        PathConverter paths = PathConverter.forSession(session);
        MailboxPath path = paths.buildFullPath(composed);
        String asWritten = paths.buildFullPath(written).getName();
        char delimiter = mailboxSession.getPathDelimiter();
        MailboxQuery query = MailboxQuery.builder().userAndNamespaceFrom(path)
            .expression(new PrefixedRegex("", asciiWithWildcards(path.getName()), delimiter)).build();
        List<String> equivalents = mailboxManager.search(query, mailboxSession)
            .map(MailboxMetaData::getPath)
            .map(MailboxPath::getName)
            .filter(stored -> Normalizer.normalize(stored, Normalizer.Form.NFC).equals(path.getName()))
            .sort()
            .collectList()
            .block();
        if (equivalents.contains(asWritten)) {
            return asWritten;
        }
        return equivalents.isEmpty() || equivalents.contains(path.getName()) ? composed : equivalents.get(0);
    }

    /** Each run of non-ASCII characters made a {@code %}: it matches any other form of them, never the delimiter. */
    private static String asciiWithWildcards(String name) {
        return name.replaceAll("[^\\x00-\\x7f]+", "%");
    }
}
