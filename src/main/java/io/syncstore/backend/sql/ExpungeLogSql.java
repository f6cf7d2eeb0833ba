package io.syncstore.backend.sql;

/** Statements of the expunge log (table {@code expunged_message}) and its floor in {@code mailbox}. */
public final class ExpungeLogSql {
    public static final String RECORD =
        "INSERT INTO expunged_message (mailbox_id, uid, modseq) VALUES (?, ?, ?)";
    public static final String SIZE =
        "SELECT expunge_log_size FROM mailbox WHERE id = ?";
    /** The modseq of the record that has OFFSET newer ones (or as new, on ties). */
    public static final String MODSEQ_AT_RANK =
        "SELECT modseq FROM expunged_message WHERE mailbox_id = ? ORDER BY modseq DESC LIMIT 1 OFFSET ?";
    public static final String TRIM =
        "DELETE FROM expunged_message WHERE mailbox_id = ? AND modseq <= ?";
    public static final String RAISE_FLOOR =
        "UPDATE mailbox SET expunge_floor_modseq = ? WHERE id = ? AND expunge_floor_modseq < ?";
    public static final String FLOOR =
        "SELECT expunge_floor_modseq FROM mailbox WHERE id = ?";
    public static final String EXPUNGED_SINCE =
        "SELECT uid FROM expunged_message WHERE mailbox_id = ? AND modseq > ? ORDER BY uid";
    public static final String CLEAR =
        "DELETE FROM expunged_message WHERE mailbox_id = ?";
    /** Every logged UID of a mailbox, unordered: the gaps between its UIDs while the log is complete. */
    public static final String UIDS =
        "SELECT uid FROM expunged_message WHERE mailbox_id = ?";

    private ExpungeLogSql() {
    }
}
