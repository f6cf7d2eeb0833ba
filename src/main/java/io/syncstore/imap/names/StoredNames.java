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
 * A UTF-8 connection's name looked up in Normalization Form C on both sides, level by level: each level holding a
 * non-ASCII character is looked for among the children of the parent resolved so far only (one search, a {@code %} in
 * place of each run of such characters), and taken as stored when a stored form of it is equal to it in NFC: the
 * level exactly as written first, then its NFC form, then any other stored form (a mailbox stored decomposed by a
 * modified UTF-7 connection, or before SyncStore normalized names). A level in US-ASCII only is taken as written,
 * without a search. Chosen over renaming the stored names once at start-up: a modified UTF-7 connection may store a
 * decomposed name at any time (RFC 3501 asks no normalization of it), two stored names may be equal in NFC, and
 * nothing is renamed under a connection's feet. A name in US-ASCII only, or a name of another namespace
 * ({@code #...}), is taken as it is, without reading storage ({@link #readsStorage}).
 */
public final class StoredNames implements StoredNameLookup {
    private final MailboxManager mailboxManager;

    public StoredNames(MailboxManager mailboxManager) {
        this.mailboxManager = mailboxManager;
    }

    /**
     * Whether looking {@code written} up reads the stored names; when not, the name is taken in NFC. A name longer
     * than James accepts is never stored: it is refused later, without a search.
     */
    public static boolean readsStorage(String written, ImapSession session) {
        return session.getMailboxSession() != null && !isAscii(written) && !written.startsWith("#")
            && written.length() <= MailboxPath.MAX_MAILBOX_NAME_LENGTH;
    }

    @Override
    public String nameFor(String written, ImapSession session) {
        String composed = Normalizer.normalize(written, Normalizer.Form.NFC);
        if (!readsStorage(written, session)) {
            return composed;
        }
        MailboxSession mailboxSession = session.getMailboxSession();
        PathConverter paths = PathConverter.forSession(session);
        MailboxPath path = paths.buildFullPath(composed);
        String asWritten = paths.buildFullPath(written).getName();
        char delimiter = mailboxSession.getPathDelimiter();
        String resolved = null;
        for (String level : asWritten.split(Pattern.quote(String.valueOf(delimiter)), -1)) {
            String parent = resolved == null ? "" : resolved + delimiter;
            resolved = isAscii(level) ? parent + level
                : stored(parent, level, childrenLike(path, parent, level, delimiter, mailboxSession));
        }
        return resolved.equals(asWritten) ? asWritten : resolved.equals(path.getName()) ? composed : resolved;
    }

    /** The stored children of {@code parent} whose names differ from {@code level} only in non-ASCII characters. */
    private List<String> childrenLike(MailboxPath path, String parent, String level, char delimiter, MailboxSession mailboxSession) {
        MailboxQuery query = MailboxQuery.builder().userAndNamespaceFrom(path)
            .expression(new PrefixedRegex("", oneLevelPattern(parent) + oneLevelPattern(level), delimiter)).build();
        return mailboxManager.search(query, mailboxSession)
            .map(MailboxMetaData::getPath)
            .map(MailboxPath::getName)
            .filter(name -> name.startsWith(parent) && name.indexOf(delimiter, parent.length()) < 0)
            .sort()
            .collectList()
            .block();
    }

    /**
     * One more level of a name resolved level by level, so that a child created under a parent stored in another form
     * goes under that parent instead of beside it: the level as written if so stored, else its NFC form if so stored or
     * if no form is, else the stored form equal to it in NFC.
     */
    private static String stored(String parent, String level, List<String> children) {
        String asWritten = parent + level;
        String composedLevel = Normalizer.normalize(level, Normalizer.Form.NFC);
        String composed = parent + composedLevel;
        if (children.contains(asWritten) || children.contains(composed)) {
            return children.contains(asWritten) ? asWritten : composed;
        }
        return children.stream()
            .filter(child -> Normalizer.normalize(child.substring(parent.length()), Normalizer.Form.NFC).equals(composedLevel))
            .findFirst()
            .orElse(composed);
    }

    /**
     * Each run of non-ASCII characters, and each wildcard the name itself holds, made a {@code %}: it matches any other
     * form of them and never the delimiter, so that the search reads no deeper than the level looked up.
     */
    private static String oneLevelPattern(String name) {
        return name.replaceAll("(?:[^\\x00-\\x7f]|[%*])+", "%");
    }

    private static boolean isAscii(String name) {
        return name.chars().allMatch(c -> c < 0x80);
    }
}
