package io.syncstore.imap.selected;

/**
 * What a connection may be told at one point (RFC 3501 §7.4.1, RFC 9051 §7.5, RFC 7162 §3.2.10, RFC 5465 §5):
 * expunges only where sequence numbers may shift, UIDs in flag changes when the client asked by UID or enabled
 * QRESYNC, flag changes unless NOTIFY left FlagChange out, messages other connections added or expunged unless NOTIFY
 * left the selected mailbox out (docs/notify.md).
 */
public final class Telling {
    private static final Telling EVERYTHING = new Telling(true, false, true, true);

    private final boolean expunges;
    private final boolean uids;
    private final boolean flagChanges;
    private final boolean othersMessages;

    private Telling(boolean expunges, boolean uids, boolean flagChanges, boolean othersMessages) {
        this.expunges = expunges;
        this.uids = uids;
        this.flagChanges = flagChanges;
        this.othersMessages = othersMessages;
    }

    /** Between commands or while idling. */
    public static Telling everything() {
        return EVERYTHING;
    }

    public static Telling of(boolean expunges, boolean uids, boolean flagChanges) {
        return new Telling(expunges, uids, flagChanges, true);
    }

    /** The same, with flag changes told or (when NOTIFY left FlagChange out) dropped. */
    public Telling withFlagChanges(boolean told) {
        return new Telling(expunges, uids, told, othersMessages);
    }

    /**
     * The same, with messages other connections added or expunged told, or (when NOTIFY left the selected mailbox out)
     * kept untold: the connection's own commands' messages are told all the same.
     */
    public Telling withOthersMessages(boolean told) {
        return new Telling(expunges, uids, flagChanges, told);
    }

    /** Before a command's own responses: nothing that shifts sequence numbers. */
    public Telling withoutExpunges() {
        return new Telling(false, uids, flagChanges, othersMessages);
    }

    public boolean expunges() {
        return expunges;
    }

    public boolean uids() {
        return uids;
    }

    public boolean flagChanges() {
        return flagChanges;
    }

    public boolean othersMessages() {
        return othersMessages;
    }
}
