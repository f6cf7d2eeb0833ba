package io.syncstore.backend.sql;

/** Statements of mailbox subscriptions (table {@code subscription}). */
public final class SubscriptionSql {
    public static final String SUBSCRIBE =
        "INSERT INTO subscription (username, mailbox_name) VALUES (?, ?) "
            + "ON CONFLICT (username, mailbox_name) DO NOTHING";
    public static final String UNSUBSCRIBE =
        "DELETE FROM subscription WHERE username = ? AND mailbox_name = ?";
    public static final String MAILBOXES_OF_USER =
        "SELECT mailbox_name FROM subscription WHERE username = ? ORDER BY mailbox_name";

    private SubscriptionSql() {
    }
}
