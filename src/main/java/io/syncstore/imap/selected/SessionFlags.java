package io.syncstore.imap.selected;

import javax.mail.Flags;

import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.mailbox.MessageUid;

/**
 * A message's flags as one connection sees them: the stored flags, with \Recent exactly when this connection holds it
 * (RFC 3501 §2.3.2). The stored \Recent only says that no session has claimed the message yet; another session of
 * this server may be about to.
 */
public final class SessionFlags {
    private SessionFlags() {
    }

    public static Flags of(Flags stored, SelectedMailbox selected, MessageUid uid) {
        Flags flags = new Flags(stored);
        if (selected.isRecent(uid)) {
            flags.add(Flags.Flag.RECENT);
        } else {
            flags.remove(Flags.Flag.RECENT);
        }
        return flags;
    }
}
