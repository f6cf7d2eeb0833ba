package io.syncstore.imap.specialuse;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.MailboxType;
import org.apache.james.imap.api.process.MailboxTyper;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxPath;

/**
 * A mailbox's special use, kept where RFC 6154 §4 puts it: the {@code /private/specialuse} annotation (METADATA), so
 * it lives with the mailbox in any James backend, follows renames and goes with the mailbox.
 */
public final class SpecialUses {
    static final MailboxAnnotationKey KEY = new MailboxAnnotationKey("/private/specialuse");

    private SpecialUses() {
    }

    /** The use attribute (e.g. {@code \Sent}), matched without regard to case, as a mailbox type James can list. */
    static Optional<MailboxType> typeOf(String attribute) {
        return Arrays.stream(MailboxType.values())
            .filter(type -> type.getRfc6154attributeName() != null)
            .filter(type -> type.getRfc6154attributeName().equalsIgnoreCase(attribute))
            .findFirst();
    }

    static void set(MailboxManager mailboxManager, MailboxPath path, ImapSession session, MailboxType type) throws MailboxException {
        mailboxManager.updateAnnotations(path, session.getMailboxSession(),
            List.of(MailboxAnnotation.newInstance(KEY, type.getRfc6154attributeName())));
    }

    /** A typer that reads the annotation first, and asks {@code names} (James's typer, by role name) otherwise. */
    public static MailboxTyper typer(MailboxManager mailboxManager, MailboxTyper names) {
        return (session, path) -> {
            try {
                return mailboxManager.getAnnotationsByKeys(path, session.getMailboxSession(), Set.of(KEY)).stream()
                    .flatMap(annotation -> annotation.getValue().stream())
                    .flatMap(value -> typeOf(value).stream())
                    .findFirst()
                    .orElseGet(() -> names.getMailboxType(session, path));
            } catch (MailboxException e) {
                return names.getMailboxType(session, path);
            }
        };
    }
}
