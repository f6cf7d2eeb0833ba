package io.syncstore.imap.selected;

/**
 * What a connection may be told at one point (RFC 3501 §7.4.1, RFC 9051 §7.5, RFC 7162 §3.2.10, RFC 5465 §5):
 * expunges only where sequence numbers may shift, UIDs in flag changes when the client asked by UID or enabled
 * QRESYNC, flag changes unless NOTIFY left FlagChange out.
 */
public final class Telling {
    private final boolean expunges;
    private final boolean uids;
    private final boolean flagChanges;

    private Telling(boolean expunges, boolean uids, boolean flagChanges) {
        this.expunges = expunges;
        this.uids = uids;
        this.flagChanges = flagChanges;
    }

    /** Between commands or while idling. */
    public static Telling everything() {
        return new Telling(true, false, true);
    }

    /** Before a command's responses: sequence numbers the client sent must keep their meaning. */
    public static Telling withoutExpunges() {
        return new Telling(false, false, true);
    }

    public static Telling of(boolean expunges, boolean uids, boolean flagChanges) {
        return new Telling(expunges, uids, flagChanges);
    }

    /** The same, with flag changes told or (when NOTIFY left FlagChange out) dropped. */
    public Telling withFlagChanges(boolean told) {
        return new Telling(expunges, uids, told);
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
}
