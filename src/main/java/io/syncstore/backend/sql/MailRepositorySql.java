package io.syncstore.backend.sql;

/** Statements of the mail repositories (tables {@code mail_repository_url}, {@code mail_repository_entry}). */
public final class MailRepositorySql {
    public static final String ADD_URL =
        "INSERT INTO mail_repository_url (url) VALUES (?) ON CONFLICT (url) DO NOTHING";
    public static final String LIST_URLS =
        "SELECT url FROM mail_repository_url ORDER BY url";
    public static final String COUNT_URL =
        "SELECT count(*) FROM mail_repository_url WHERE url = ?";

    public static final String FIND_MAIL_ID =
        "SELECT mail_id FROM mail_repository_entry WHERE repository = ? AND mail_key = ?";
    public static final String UPSERT_ENTRY =
        "INSERT INTO mail_repository_entry (repository, mail_key, mail_id) VALUES (?, ?, ?) "
            + "ON CONFLICT (repository, mail_key) DO UPDATE SET mail_id = excluded.mail_id";
    public static final String DELETE_ENTRY =
        "DELETE FROM mail_repository_entry WHERE repository = ? AND mail_key = ? RETURNING mail_id";
    public static final String DELETE_ALL_ENTRIES =
        "DELETE FROM mail_repository_entry WHERE repository = ? RETURNING mail_id";
    public static final String COUNT_ENTRIES =
        "SELECT count(*) FROM mail_repository_entry WHERE repository = ?";
    public static final String LIST_KEYS =
        "SELECT mail_key FROM mail_repository_entry WHERE repository = ? ORDER BY mail_key";
    public static final String RETRIEVE =
        "SELECT " + SpooledMailSql.MAIL_COLUMNS + " FROM mail_repository_entry e JOIN spooled_mail m ON m.id = e.mail_id "
            + "WHERE e.repository = ? AND e.mail_key = ?";

    private MailRepositorySql() {
    }
}
