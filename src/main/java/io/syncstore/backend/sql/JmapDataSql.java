package io.syncstore.backend.sql;

/**
 * Statements of the smaller JMAP tables: message fast views ({@code jmap_message_fast_view}), custom identities
 * ({@code jmap_identity}) and draft access tokens ({@code jmap_access_token}).
 */
public final class JmapDataSql {
    public static final String STORE_FAST_VIEW =
        "INSERT INTO jmap_message_fast_view (message_id, preview, has_attachment) VALUES (?, ?, ?) "
            + "ON CONFLICT (message_id) DO UPDATE SET preview = excluded.preview, has_attachment = excluded.has_attachment";
    public static final String FAST_VIEW =
        "SELECT preview, has_attachment FROM jmap_message_fast_view WHERE message_id = ?";
    public static final String DELETE_FAST_VIEW =
        "DELETE FROM jmap_message_fast_view WHERE message_id = ?";
    public static final String DELETE_ALL_FAST_VIEWS =
        "DELETE FROM jmap_message_fast_view";

    private static final String IDENTITY_COLUMNS =
        "id, sort_order, name, email, reply_to, bcc, text_signature, html_signature, may_delete";
    public static final String UPSERT_IDENTITY =
        "INSERT INTO jmap_identity (owner, " + IDENTITY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (owner, id) DO UPDATE SET sort_order = excluded.sort_order, name = excluded.name, "
            + "email = excluded.email, reply_to = excluded.reply_to, bcc = excluded.bcc, "
            + "text_signature = excluded.text_signature, html_signature = excluded.html_signature, "
            + "may_delete = excluded.may_delete";
    public static final String IDENTITIES_OF =
        "SELECT " + IDENTITY_COLUMNS + " FROM jmap_identity WHERE owner = ? ORDER BY id";
    public static final String IDENTITY =
        "SELECT " + IDENTITY_COLUMNS + " FROM jmap_identity WHERE owner = ? AND id = ?";
    public static final String DELETE_IDENTITY =
        "DELETE FROM jmap_identity WHERE owner = ? AND id = ?";

    public static final String ADD_ACCESS_TOKEN =
        "INSERT INTO jmap_access_token (token, username, expires_at) VALUES (?, ?, ?)";
    public static final String ACCESS_TOKEN_OWNER =
        "SELECT username FROM jmap_access_token WHERE token = ? AND expires_at > ?";
    public static final String REMOVE_ACCESS_TOKEN =
        "DELETE FROM jmap_access_token WHERE token = ?";
    public static final String REMOVE_EXPIRED_ACCESS_TOKENS =
        "DELETE FROM jmap_access_token WHERE expires_at <= ?";

    private JmapDataSql() {
    }
}
