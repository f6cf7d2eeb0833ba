package io.syncstore.backend.sql;

/** Statements of the message tables ({@code message}, {@code mailbox_message}) and of the mailbox sequences. */
public final class MessageSql {
    public static final String NEXT_UIDS =
        "UPDATE mailbox SET last_uid = last_uid + ? WHERE id = ? RETURNING last_uid";
    public static final String NEXT_UIDS_AND_MODSEQS =
        "UPDATE mailbox SET last_uid = last_uid + ?, highest_modseq = highest_modseq + ? WHERE id = ? "
            + "RETURNING last_uid, highest_modseq";
    public static final String NEXT_MODSEQ =
        "UPDATE mailbox SET highest_modseq = highest_modseq + 1 WHERE id = ? RETURNING highest_modseq";
    /** Makes the sequences cover a UID and a modseq allocated earlier, so that neither is ever handed out again. */
    public static final String COVER_SEQUENCES =
        "UPDATE mailbox SET last_uid = CASE WHEN last_uid < ? THEN ? ELSE last_uid END, "
            + "highest_modseq = CASE WHEN highest_modseq < ? THEN ? ELSE highest_modseq END "
            + "WHERE id = ?";
    public static final String SEQUENCES =
        "SELECT last_uid, highest_modseq FROM mailbox WHERE id = ?";
    public static final String COUNTERS =
        "SELECT message_count, unseen_count FROM mailbox WHERE id = ?";

    private static final String ENTRY_COLUMNS =
        "e.mailbox_id, e.uid, e.modseq, e.answered, e.deleted, e.draft, e.flagged, e.recent, e.seen, e.user_flags, "
            + "e.save_date, m.id AS message_pk, m.message_id, m.thread_id, m.internal_date, m.size";
    private static final String MESSAGE_COLUMNS =
        ENTRY_COLUMNS + ", m.body_start, m.textual_line_count, m.mime_properties, m.body_hash, "
            + "EXISTS (SELECT 1 FROM message_attachment a WHERE a.message_id = m.id) AS has_attachments";
    private static final String ENTRIES = " FROM mailbox_message e JOIN message m ON m.id = e.message_id ";
    private static final String IN_RANGE = "WHERE e.mailbox_id = ? AND e.uid BETWEEN ? AND ? ORDER BY e.uid";
    private static final String IN_UID_RANGE = "AND uid BETWEEN ? AND ? ";
    private static final String OF_MESSAGE = "WHERE m.message_id = ? ORDER BY e.mailbox_id, e.uid";

    /** Entries with the data of their message but not its header; parameters: mailbox, from, to, limit. */
    public static final String MESSAGES_IN_RANGE =
        "SELECT " + MESSAGE_COLUMNS + ENTRIES + IN_RANGE + " LIMIT ?";
    public static final String MESSAGES_WITH_HEADER_IN_RANGE =
        "SELECT " + MESSAGE_COLUMNS + ", m.header" + ENTRIES + IN_RANGE + " LIMIT ?";
    public static final String MESSAGES_OF_MESSAGE_ID =
        "SELECT " + MESSAGE_COLUMNS + ENTRIES + OF_MESSAGE;
    public static final String MESSAGES_WITH_HEADER_OF_MESSAGE_ID =
        "SELECT " + MESSAGE_COLUMNS + ", m.header" + ENTRIES + OF_MESSAGE;
    public static final String HEADER =
        "SELECT header FROM message WHERE id = ?";

    /** Entry metadata (flags, modseq, ids, size, dates) without the MIME description of the message. */
    public static final String ENTRIES_IN_RANGE =
        "SELECT " + ENTRY_COLUMNS + ENTRIES + IN_RANGE;
    /**
     * What FETCH FLAGS answers from, without the message table: the UID and the 0/1 flag columns packed into one
     * number, {@code uid * 128 + 64 * (has keywords) + FlagRows' bits}, so that SQLite's driver reads a row's
     * integers in one call instead of one per column; then user_flags, read only for rows that have keywords.
     */
    public static final String FLAG_ROWS_IN_RANGE = flagRows("", IN_UID_RANGE);
    /** {@link #FLAG_ROWS_IN_RANGE} with the modseq as the second column. */
    public static final String FLAG_ROWS_WITH_MODSEQ_IN_RANGE = flagRows("modseq, ", IN_UID_RANGE);
    /** {@link #FLAG_ROWS_WITH_MODSEQ_IN_RANGE} of the rows whose modseq is above a value (the modseq index). */
    public static final String FLAG_ROWS_CHANGED_SINCE = flagRows("modseq, ", "AND modseq > ? ");
    /**
     * What tells whether a mailbox's entries changed: every write of an entry takes a new modseq in its own
     * transaction, except the save of a message whose UID and modseq James allocated before (its modseq moved
     * earlier), which adds one to the count; the floor says how far back the expunge log reaches.
     */
    public static final String ENTRIES_VERSION =
        "SELECT highest_modseq, message_count, expunge_floor_modseq FROM mailbox WHERE id = ?";
    public static final String ENTRIES_OF_MESSAGE_ID =
        "SELECT " + ENTRY_COLUMNS + ENTRIES + OF_MESSAGE;
    public static final String ENTRIES_DELETED_IN_RANGE =
        "SELECT " + ENTRY_COLUMNS + ENTRIES + "WHERE e.mailbox_id = ? AND e.deleted = 1 AND e.uid BETWEEN ? AND ? ORDER BY e.uid";
    public static final String ENTRIES_RECENT =
        "SELECT " + ENTRY_COLUMNS + ENTRIES + "WHERE e.mailbox_id = ? AND e.recent = 1 ORDER BY e.uid";
    public static final String ENTRIES_CHANGED_SINCE =
        "SELECT " + ENTRY_COLUMNS + ENTRIES + "WHERE e.mailbox_id = ? AND e.modseq > ? ORDER BY e.uid";

    public static final String UIDS =
        "SELECT uid FROM mailbox_message WHERE mailbox_id = ? ORDER BY uid";
    /**
     * First UID, last UID and number of messages (kept by triggers), read by index seeks in one snapshot: when the
     * span equals the count, the mailbox's UIDs are one run, known without reading the messages.
     */
    public static final String UID_BOUNDS =
        "SELECT (SELECT uid FROM mailbox_message WHERE mailbox_id = ? ORDER BY uid LIMIT 1), "
            + "(SELECT uid FROM mailbox_message WHERE mailbox_id = ? ORDER BY uid DESC LIMIT 1), "
            + "message_count, expunge_log_size FROM mailbox WHERE id = ?";
    public static final String RECENT_UIDS =
        "SELECT uid FROM mailbox_message WHERE mailbox_id = ? AND recent = 1 ORDER BY uid";
    public static final String FIRST_UNSEEN_UID =
        "SELECT uid FROM mailbox_message WHERE mailbox_id = ? AND seen = 0 ORDER BY uid LIMIT 1";
    public static final String DELETED_UIDS_IN_RANGE =
        "SELECT uid FROM mailbox_message WHERE mailbox_id = ? AND deleted = 1 AND uid BETWEEN ? AND ? ORDER BY uid";
    public static final String DISTINCT_USER_FLAGS =
        "SELECT DISTINCT user_flags FROM mailbox_message WHERE mailbox_id = ? AND user_flags IS NOT NULL";
    public static final String MESSAGE_IN_MAILBOX =
        "SELECT 1 FROM mailbox_message e JOIN message m ON m.id = e.message_id "
            + "WHERE e.mailbox_id = ? AND m.message_id = ? LIMIT 1";

    public static final String INSERT_ENTRY =
        "INSERT INTO mailbox_message (mailbox_id, uid, message_id, modseq, answered, deleted, draft, flagged, recent, "
            + "seen, user_flags, save_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    public static final String UPDATE_FLAGS =
        "UPDATE mailbox_message SET modseq = ?, answered = ?, deleted = ?, draft = ?, flagged = ?, recent = ?, "
            + "seen = ?, user_flags = ? WHERE mailbox_id = ? AND uid = ?";
    public static final String DELETE_ENTRIES_IN_RANGE =
        "DELETE FROM mailbox_message WHERE mailbox_id = ? AND uid BETWEEN ? AND ?";
    public static final String MESSAGES_OF_MAILBOX =
        "SELECT DISTINCT message_id FROM mailbox_message WHERE mailbox_id = ?";
    public static final String DELETE_ENTRIES_OF_MAILBOX =
        "DELETE FROM mailbox_message WHERE mailbox_id = ?";
    public static final String IS_REFERENCED =
        "SELECT 1 FROM mailbox_message WHERE message_id = ? LIMIT 1";

    public static final String MESSAGE_PK =
        "SELECT id FROM message WHERE message_id = ?";
    /** The columns SORT reads (schema V20), written with the message's row. */
    public static final String SORTING_COLUMNS = "sort_sent, sort_subject, sort_reply, sort_message_id, sort_references, "
        + "sort_from, sort_to, sort_cc, sort_display_from, sort_display_to";
    public static final String INSERT_MESSAGE =
        "INSERT INTO message (message_id, thread_id, internal_date, size, body_start, textual_line_count, "
            + "mime_properties, header, body_hash, summary, " + SORTING_COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    /** UID, message row, size and summary of the entries of a UID range; parameters: mailbox, from, to. */
    public static final String SUMMARIES_IN_RANGE =
        "SELECT e.uid, m.id AS message_pk, m.size, m.summary" + ENTRIES + IN_RANGE;
    public static final String WHOLE_MESSAGE_PARTS =
        "SELECT header, body_hash FROM message WHERE id = ?";
    public static final String SET_SUMMARY =
        "UPDATE message SET summary = ? WHERE id = ? AND summary IS NULL";
    public static final String UPGRADE_SUMMARY =
        "UPDATE message SET summary = ? WHERE id = ?";
    public static final String DELETE_MESSAGE =
        "DELETE FROM message WHERE id = ? RETURNING message_id, body_hash";

    private MessageSql() {
    }

    private static String flagRows(String modSeqColumn, String condition) {
        return "SELECT uid * 128 + CASE WHEN user_flags IS NULL THEN 0 ELSE 64 END"
            + " + answered + 2 * deleted + 4 * draft + 8 * flagged + 16 * recent + 32 * seen, " + modSeqColumn + "user_flags "
            + "FROM mailbox_message WHERE mailbox_id = ? " + condition + "ORDER BY uid";
    }
}
