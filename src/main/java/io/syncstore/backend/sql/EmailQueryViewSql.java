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
