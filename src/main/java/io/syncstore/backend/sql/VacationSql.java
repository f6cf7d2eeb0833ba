package io.syncstore.backend.sql;

/** Statements of vacation responses (tables {@code vacation}, {@code vacation_notification}). */
public final class VacationSql {
    public static final String VACATION_OF =
        "SELECT enabled, from_date, to_date, subject, text_body, html_body FROM vacation WHERE account = ?";
    public static final String SAVE_VACATION =
        "INSERT INTO vacation (account, enabled, from_date, to_date, subject, text_body, html_body) VALUES (?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (account) DO UPDATE SET enabled = excluded.enabled, from_date = excluded.from_date, "
            + "to_date = excluded.to_date, subject = excluded.subject, text_body = excluded.text_body, "
            + "html_body = excluded.html_body";

    public static final String REGISTER =
        "INSERT INTO vacation_notification (account, recipient, expires_at) VALUES (?, ?, ?) "
            + "ON CONFLICT (account, recipient) DO UPDATE SET expires_at = excluded.expires_at";
    /** A registration holds until its expiry has passed, or for ever when expires_at is NULL. */
    public static final String IS_REGISTERED =
        "SELECT count(*) FROM vacation_notification WHERE account = ? AND recipient = ? AND (expires_at IS NULL OR expires_at >= ?)";
    public static final String FLUSH =
        "DELETE FROM vacation_notification WHERE account = ?";

    private VacationSql() {
    }
}
