package io.syncstore.backend.sql;

/** Statements of the delegation store (table {@code delegation}). */
public final class DelegationSql {
    public static final String INSERT =
        "INSERT INTO delegation (base_user, authorized_user) VALUES (?, ?) "
            + "ON CONFLICT (base_user, authorized_user) DO NOTHING";
    public static final String DELETE =
        "DELETE FROM delegation WHERE base_user = ? AND authorized_user = ?";
    public static final String DELETE_ALL_OF_BASE_USER =
        "DELETE FROM delegation WHERE base_user = ?";
    public static final String AUTHORIZED_USERS_OF =
        "SELECT authorized_user FROM delegation WHERE base_user = ? ORDER BY authorized_user";
    public static final String BASE_USERS_OF =
        "SELECT base_user FROM delegation WHERE authorized_user = ? ORDER BY base_user";

    private DelegationSql() {
    }
}
