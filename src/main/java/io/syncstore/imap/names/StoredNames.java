package io.syncstore.imap.names;

import java.text.Normalizer;
import java.util.List;
import java.util.regex.Pattern;

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
 * only in non-ASCII characters are read (one search, a {@code %} in place of each run of such characters, and the
 * descendants of its first level holding one), and the name is resolved level by level, each level taken as stored
 * when a stored form of it is equal to it in NFC: the name exactly as written first, then its NFC form, then any other
 * stored form (a mailbox stored decomposed by a modified UTF-7 connection, or before SyncStore normalized names). Chosen over renaming the
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
        List<String> stored = storedLike(path, delimiter, mailboxSession);
        String resolved = null;
        for (String level : asWritten.split(Pattern.quote(String.valueOf(delimiter)), -1)) {
            resolved = stored(resolved == null ? "" : resolved + delimiter, level, delimiter, stored);
        }
        return resolved.equals(asWritten) ? asWritten : resolved.equals(path.getName()) ? composed : resolved;
    }

    /**
     * The mailboxes that may stand for the name or one of its parents: their names differ from it, or from the start
     * of it, only in non-ASCII characters.
     */
    private List<String> storedLike(MailboxPath path, char delimiter, MailboxSession mailboxSession) {
        String name = path.getName();
        int firstNonAscii = 0;
        while (firstNonAscii < name.length() && name.charAt(firstNonAscii) < 0x80) {
            firstNonAscii++;
        }
        int levelEnd = name.indexOf(delimiter, firstNonAscii);
        String pattern = asciiWithWildcards(levelEnd < 0 ? name : name.substring(0, levelEnd)) + (levelEnd < 0 ? "" : "*");
        MailboxQuery query = MailboxQuery.builder().userAndNamespaceFrom(path)
            .expression(new PrefixedRegex("", pattern, delimiter)).build();
        return mailboxManager.search(query, mailboxSession)
            .map(MailboxMetaData::getPath)
            .map(MailboxPath::getName)
            .sort()
            .collectList()
            .block();
    }

    /**
     * One more level of a name resolved level by level, so that a child created under a parent stored in another form
     * goes under that parent instead of beside it: the level as written if so stored, else its NFC form if so stored or
     * if no form is, else the stored form equal to it in NFC.
     */
    private static String stored(String parent, String level, char delimiter, List<String> stored) {
        String asWritten = parent + level;
        String composed = parent + Normalizer.normalize(level, Normalizer.Form.NFC);
        if (stored.contains(asWritten) || stored.contains(composed)) {
            return stored.contains(asWritten) ? asWritten : composed;
        }
        String composedLevel = Normalizer.normalize(level, Normalizer.Form.NFC);
        return stored.stream()
            .filter(candidate -> candidate.startsWith(parent) && candidate.indexOf(delimiter, parent.length()) < 0)
            .filter(candidate -> Normalizer.normalize(candidate.substring(parent.length()), Normalizer.Form.NFC).equals(composedLevel))
            .findFirst()
            .orElse(composed);
    }

    /** Each run of non-ASCII characters made a {@code %}: it matches any other form of them, never the delimiter. */
    private static String asciiWithWildcards(String name) {
        return name.replaceAll("[^\\x00-\\x7f]+", "%");
    }
}
