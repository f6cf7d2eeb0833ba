package io.syncstore.backend.sql;

/** Statements of the URLAUTH mailbox access keys (table {@code urlauth_key}). */
public final class UrlAuthKeySql {
    public static final String INSERT_IF_ABSENT =
        "INSERT INTO urlauth_key (username, mailbox_id, access_key) VALUES (?, ?, ?) "
            + "ON CONFLICT (username, mailbox_id) DO NOTHING";
    public static final String SELECT =
        "SELECT access_key FROM urlauth_key WHERE username = ? AND mailbox_id = ?";
    public static final String DELETE =
        "DELETE FROM urlauth_key WHERE username = ? AND mailbox_id = ?";
    public static final String DELETE_ALL_OF_USER =
        "DELETE FROM urlauth_key WHERE username = ?";

    private UrlAuthKeySql() {
    }
}
