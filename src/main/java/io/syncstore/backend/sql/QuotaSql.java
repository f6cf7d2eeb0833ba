package io.syncstore.backend.sql;

/** Statements of quota usage (table {@code quota_usage}) and quota limits (table {@code quota_limit}). */
public final class QuotaSql {
    /** Adds (possibly negative) amounts in one statement, so that concurrent changes cannot lose each other's. */
    public static final String ADD_USAGE =
        "INSERT INTO quota_usage (quota_root, message_count, storage_bytes) VALUES (?, ?, ?) "
            + "ON CONFLICT (quota_root) DO UPDATE SET "
            + "message_count = quota_usage.message_count + excluded.message_count, "
            + "storage_bytes = quota_usage.storage_bytes + excluded.storage_bytes";
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
    /** The limits of every resource at three (scope, scope_key) pairs: those of a user, its domain and the server. */
    public static final String LIMITS_AT_SCOPES =
        "SELECT resource, scope, max_value FROM quota_limit "
            + "WHERE (scope = ? AND scope_key = ?) OR (scope = ? AND scope_key = ?) OR (scope = ? AND scope_key = ?)";

    private QuotaSql() {
    }
}
