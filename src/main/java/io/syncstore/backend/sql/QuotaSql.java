package io.syncstore.backend.sql;

/** Statements of quota usage (table {@code quota_usage}) and quota limits (table {@code quota_limit}). */
public final class QuotaSql {
    /**
     * The quota root of mailbox {@code b} as James's {@code DefaultUserQuotaRootResolver} names it: namespace, {@code &},
     * owner; the namespace alone for a mailbox without an owner.
     */
    private static final String ROOT_OF_MAILBOX =
        "CASE WHEN b.owner = '' THEN b.namespace ELSE b.namespace || '&' || b.owner END";
    private static final String ADDING_TO_USAGE =
        "INSERT INTO quota_usage (quota_root, message_count, storage_bytes) SELECT " + ROOT_OF_MAILBOX + ", ";
    private static final String ON_CONFLICT_ADD =
        " ON CONFLICT (quota_root) DO UPDATE SET "
            + "message_count = quota_usage.message_count + excluded.message_count, "
            + "storage_bytes = quota_usage.storage_bytes + excluded.storage_bytes";
    /** Adds (possibly negative) amounts in one statement, so that concurrent changes cannot lose each other's. */
    public static final String ADD_USAGE =
        "INSERT INTO quota_usage (quota_root, message_count, storage_bytes) VALUES (?, ?, ?)" + ON_CONFLICT_ADD;
    /** Counts one new entry of message (by primary key) in mailbox (by id) into the usage of the mailbox's root. */
    public static final String ADD_ENTRY_TO_USAGE =
        ADDING_TO_USAGE + "1, m.size FROM mailbox b JOIN message m ON m.id = ? WHERE b.id = ?" + ON_CONFLICT_ADD;
    /** Adds (count, size) to the usage of the root of mailbox (by id). */
    public static final String ADD_TO_USAGE_OF_MAILBOX =
        ADDING_TO_USAGE + "?, ? FROM mailbox b WHERE b.id = ?" + ON_CONFLICT_ADD;
    /** Takes every entry of mailbox (by id) out of the usage of its root; nothing when it has none. */
    public static final String REMOVE_MAILBOX_FROM_USAGE =
        ADDING_TO_USAGE + "-COUNT(*), -SUM(m.size) FROM mailbox b JOIN mailbox_message e ON e.mailbox_id = b.id "
            + "JOIN message m ON m.id = e.message_id WHERE b.id = ? GROUP BY b.id" + ON_CONFLICT_ADD;
    public static final String SET_USAGE =
        "INSERT INTO quota_usage (quota_root, message_count, storage_bytes) VALUES (?, ?, ?) "
            + "ON CONFLICT (quota_root) DO UPDATE SET "
            + "message_count = excluded.message_count, storage_bytes = excluded.storage_bytes";
    public static final String USAGE =
        "SELECT message_count, storage_bytes FROM quota_usage WHERE quota_root = ?";

    public static final String SET_LIMIT =
        "INSERT INTO quota_limit (scope, scope_key, resource, max_value) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (scope, scope_key, resource) DO UPDATE SET max_value = excluded.max_value";
    public static final String REMOVE_LIMIT =
        "DELETE FROM quota_limit WHERE scope = ? AND scope_key = ? AND resource = ?";
    public static final String LIMIT =
        "SELECT max_value FROM quota_limit WHERE scope = ? AND scope_key = ? AND resource = ?";
    /** Limits {@code l} at three (scope, scope_key) pairs: those of a user, its domain and the server. */
    private static final String AT_SCOPES =
        "(l.scope = ? AND l.scope_key = ?) OR (l.scope = ? AND l.scope_key = ?) OR (l.scope = ? AND l.scope_key = ?)";
    /** The limits of every resource at the three pairs of {@link #AT_SCOPES}. */
    public static final String LIMITS_AT_SCOPES =
        "SELECT l.resource, l.scope, l.max_value FROM quota_limit l WHERE " + AT_SCOPES;
    /**
     * A quota root's usage beside the limits of {@link #LIMITS_AT_SCOPES} (the root, then the three pairs): a row per
     * limit, or one without a limit when none applies; the usage NULL while the root has none.
     */
    public static final String USAGE_AND_LIMITS =
        "SELECT u.message_count, u.storage_bytes, l.resource, l.scope, l.max_value FROM (SELECT ? AS quota_root) r "
            + "LEFT JOIN quota_usage u ON u.quota_root = r.quota_root "
            + "LEFT JOIN quota_limit l ON " + AT_SCOPES;

    private QuotaSql() {
    }
}
