package io.syncstore.backend.sql;

/** Statements of the sieve scripts and quotas (tables {@code sieve_script}, {@code sieve_quota}). */
public final class SieveSql {
    /** Replaces the content of an existing script and keeps whether it is active. */
    public static final String UPSERT_SCRIPT =
        "INSERT INTO sieve_script (owner, name, content, size) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (owner, name) DO UPDATE SET content = excluded.content, size = excluded.size";
    public static final String SCRIPT_CONTENT =
        "SELECT content FROM sieve_script WHERE owner = ? AND name = ?";
    public static final String SCRIPT_IS_ACTIVE =
        "SELECT active FROM sieve_script WHERE owner = ? AND name = ?";
    public static final String SCRIPTS_OF =
        "SELECT name, active FROM sieve_script WHERE owner = ? ORDER BY name";
    public static final String SPACE_USED_BY_OTHER_SCRIPTS =
        "SELECT COALESCE(SUM(size), 0) FROM sieve_script WHERE owner = ? AND name <> ?";
    public static final String ACTIVE_CONTENT =
        "SELECT content FROM sieve_script WHERE owner = ? AND active";
    public static final String ACTIVATION_DATE =
        "SELECT activated_at FROM sieve_script WHERE owner = ? AND active";
    public static final String DEACTIVATE_ALL =
        "UPDATE sieve_script SET active = FALSE, activated_at = NULL WHERE owner = ? AND active";
    public static final String ACTIVATE =
        "UPDATE sieve_script SET active = TRUE, activated_at = ? WHERE owner = ? AND name = ?";
    public static final String RENAME =
        "UPDATE sieve_script SET name = ? WHERE owner = ? AND name = ?";
    public static final String DELETE_SCRIPT =
        "DELETE FROM sieve_script WHERE owner = ? AND name = ?";

    public static final String QUOTA_OF =
        "SELECT max_size FROM sieve_quota WHERE owner = ?";
    /** The user's own quota if any, otherwise the default one (owner ''). */
    public static final String EFFECTIVE_QUOTA_OF =
        "SELECT max_size FROM sieve_quota WHERE owner = ? OR owner = '' ORDER BY owner DESC LIMIT 1";
    public static final String SET_QUOTA =
        "INSERT INTO sieve_quota (owner, max_size) VALUES (?, ?) "
            + "ON CONFLICT (owner) DO UPDATE SET max_size = excluded.max_size";
    public static final String DELETE_QUOTA =
        "DELETE FROM sieve_quota WHERE owner = ?";

    private SieveSql() {
    }
}
