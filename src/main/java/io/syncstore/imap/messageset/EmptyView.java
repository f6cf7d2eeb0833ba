package io.syncstore.imap.messageset;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;

/**
 * A UID set names no message when the connection has been told of none: an answer of OK with nothing (RFC 9051
 * §6.4.8; Dovecot answers so), where James 3.8.1 finds no range and answers BAD "Invalid messageset". A device
 * syncing a folder that another device emptied sends exactly such commands.
 */
final class EmptyView {
    private EmptyView() {
    }

    static boolean namesNothing(boolean useUids, ImapSession session) {
        SelectedMailbox selected = session.getSelected();
        return useUids && selected != null && selected.existsCount() == 0;
    }
}
