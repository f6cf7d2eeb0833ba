package io.syncstore.backend.sql;

/** Statements of the mail held by queues and mail repositories (table {@code spooled_mail}, alias {@code m}). */
public final class SpooledMailSql {
    /** The columns read back into a James {@code Mail}, from {@code spooled_mail m}. */
    public static final String MAIL_COLUMNS =
        "m.id AS mail_id, m.name, m.state, m.error_message, m.sender, m.recipients, m.remote_host, m.remote_addr, "
            + "m.last_updated, m.attributes, m.per_recipient_headers, m.content_hash, m.content_size";

    public static final String INSERT =
        "INSERT INTO spooled_mail (name, state, error_message, sender, recipients, remote_host, remote_addr, "
            + "last_updated, attributes, per_recipient_headers, content_hash, content_size) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    public static final String DELETE =
        "DELETE FROM spooled_mail WHERE id = ? RETURNING content_hash";
    public static final String FIND =
        "SELECT " + MAIL_COLUMNS + " FROM spooled_mail m WHERE m.id = ?";

    private SpooledMailSql() {
    }
}
