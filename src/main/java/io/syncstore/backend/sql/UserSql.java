package io.syncstore.backend.sql;

/** Statements of the James users (table {@code james_user}). */
public final class UserSql {
    public static final String INSERT =
        "INSERT INTO james_user (name, password_hash, hash_algorithm) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING";
    public static final String UPDATE_PASSWORD =
        "UPDATE james_user SET password_hash = ?, hash_algorithm = ? WHERE name = ?";
    public static final String REHASH =
        "UPDATE james_user SET password_hash = ?, hash_algorithm = ? WHERE name = ? AND password_hash = ?";
    public static final String DELETE =
        "DELETE FROM james_user WHERE name = ?";
    public static final String FIND =
        "SELECT name, password_hash, hash_algorithm FROM james_user WHERE name = ?";
    public static final String COUNT_NAMED =
        "SELECT count(*) FROM james_user WHERE name = ?";
    public static final String COUNT =
        "SELECT count(*) FROM james_user";
    public static final String LIST_NAMES =
        "SELECT name FROM james_user ORDER BY name";

    private UserSql() {
    }
}
