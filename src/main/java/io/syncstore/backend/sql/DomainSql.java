package io.syncstore.backend.sql;

/** Statements of the domain list (table {@code mail_domain}). */
public final class DomainSql {
    public static final String INSERT =
        "INSERT INTO mail_domain (name) VALUES (?) ON CONFLICT (name) DO NOTHING";
    public static final String DELETE =
        "DELETE FROM mail_domain WHERE name = ?";
    public static final String COUNT_NAMED =
        "SELECT count(*) FROM mail_domain WHERE name = ?";
    public static final String LIST =
        "SELECT name FROM mail_domain ORDER BY name";

    private DomainSql() {
    }
}
