package io.syncstore.backend.sql;

import io.syncstore.backend.db.SqlDialect;

/** Statements of the JMAP push subscriptions (table {@code jmap_push_subscription}). */
public final class PushSubscriptionSql {
    private static final String COLUMNS =
        "id, device_client_id, url, key_p256dh, key_auth, verification_code, validated, expires, types";

    public static final String INSERT =
        "INSERT INTO jmap_push_subscription (owner, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    public static final String DEVICE_CLIENT_ID_TAKEN =
        "SELECT count(*) FROM jmap_push_subscription WHERE owner = ? AND device_client_id = ?";
    public static final String SET_EXPIRES =
        "UPDATE jmap_push_subscription SET expires = ? WHERE owner = ? AND id = ?";
    public static final String SET_TYPES =
        "UPDATE jmap_push_subscription SET types = ? WHERE owner = ? AND id = ?";
    public static final String VALIDATE =
        "UPDATE jmap_push_subscription SET validated = TRUE WHERE owner = ? AND id = ?";
    public static final String DELETE =
        "DELETE FROM jmap_push_subscription WHERE owner = ? AND id = ?";
    public static final String DELETE_ALL_AT =
        "DELETE FROM jmap_push_subscription WHERE url = ?";
    public static final String ONE =
        "SELECT " + COLUMNS + " FROM jmap_push_subscription WHERE owner = ? AND id = ?";
    public static final String ALL_OF =
        "SELECT " + COLUMNS + " FROM jmap_push_subscription WHERE owner = ?";
    /**
     * The subscriptions of a user (parameter 1) and of every user that user's account is delegated to (parameter 2):
     * one IN list, which PostgreSQL answers by the owner's index, not an OR with a subquery, which it answers by reading
     * every subscription; delegates compared as accounts ({@link SqlDialect#asJmapAccount}).
     */
    public static String allOfAccountAndDelegates(SqlDialect dialect) {
        return "SELECT owner, " + COLUMNS + " FROM jmap_push_subscription WHERE owner IN (SELECT ? UNION ALL SELECT "
            + dialect.asJmapAccount("authorized_user") + " FROM delegation WHERE base_user = ?)";
    }

    private PushSubscriptionSql() {
    }
}
