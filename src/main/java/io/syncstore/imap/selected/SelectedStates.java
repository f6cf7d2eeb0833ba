package io.syncstore.imap.selected;

import java.util.Optional;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;

/** The {@link SelectedState} of a connection, if its selected mailbox was selected by SyncStore's SELECT/EXAMINE. */
public final class SelectedStates {
    private SelectedStates() {
    }

    public static Optional<SelectedState> of(ImapSession session) {
        SelectedMailbox selected = session.getSelected();
        return selected instanceof SelectedState ? Optional.of((SelectedState) selected) : Optional.empty();
    }
}
