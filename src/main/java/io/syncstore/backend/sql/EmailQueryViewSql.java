package io.syncstore.backend.sql;

/**
 * Statements of James's email query view (table {@code jmap_email_query_view}): newest first, those of the same date in
 * the order they were saved, at most a limit.
 */
public final class EmailQueryViewSql {
    public static final String SAVE = "INSERT INTO jmap_email_query_view (mailbox_id, message_id, sent_at, received_at) VALUES (?, ?, ?, ?) "
        + "ON CONFLICT (mailbox_id, message_id) DO UPDATE SET sent_at = excluded.sent_at, received_at = excluded.received_at";
    public static final String DELETE = "DELETE FROM jmap_email_query_view WHERE mailbox_id = ? AND message_id = ?";
    public static final String DELETE_MAILBOX = "DELETE FROM jmap_email_query_view WHERE mailbox_id = ?";

    /**
     * The messages the view lacks, as James's listener would have saved them (the sent date as SORT reads it, the
     * internal date without one), in UID order so that those of the same date keep it; none flagged \Deleted.
     */
    public static final String ADD_MISSING = "INSERT INTO jmap_email_query_view (mailbox_id, message_id, sent_at, received_at) "
        + "SELECT CAST(e.mailbox_id AS TEXT), m.message_id, COALESCE(m.sort_sent, m.internal_date) * 1000, m.internal_date * 1000 "
        + "FROM mailbox_message e JOIN message m ON m.id = e.message_id "
        + "WHERE e.deleted = 0 AND NOT EXISTS (SELECT 1 FROM jmap_email_query_view v "
        + "WHERE v.mailbox_id = CAST(e.mailbox_id AS TEXT) AND v.message_id = m.message_id) "
        + "ORDER BY e.mailbox_id, e.uid";
    /** What the view holds of messages expunged or flagged \Deleted since. */
    public static final String DELETE_GONE = "DELETE FROM jmap_email_query_view WHERE NOT EXISTS (SELECT 1 "
        + "FROM message m JOIN mailbox_message e ON e.message_id = m.id WHERE m.message_id = jmap_email_query_view.message_id "
        + "AND CAST(e.mailbox_id AS TEXT) = jmap_email_query_view.mailbox_id AND e.deleted = 0)";

    public static final String BY_SENT_AT = list("TRUE", "sent_at");
    public static final String SENT_SINCE_BY_SENT_AT = list("sent_at >= ?", "sent_at");
    public static final String RECEIVED_SINCE_BY_SENT_AT = list("received_at >= ?", "sent_at");
    public static final String BY_RECEIVED_AT = list("TRUE", "received_at");
    public static final String RECEIVED_SINCE_BY_RECEIVED_AT = list("received_at >= ?", "received_at");
    public static final String RECEIVED_BEFORE_BY_RECEIVED_AT = list("received_at <= ?", "received_at");

    /** Parameters: the mailbox, the date of the condition if it has one, the limit. */
    private static String list(String condition, String newestFirstBy) {
        return "SELECT message_id FROM jmap_email_query_view WHERE mailbox_id = ? AND " + condition
            + " ORDER BY " + newestFirstBy + " DESC, seq LIMIT ?";
    }

    private EmailQueryViewSql() {
    }
}
