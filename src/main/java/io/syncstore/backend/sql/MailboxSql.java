package io.syncstore.backend.sql;

/** Statements of the mailbox tables ({@code mailbox}, {@code mailbox_acl}). */
public final class MailboxSql {
    private static final String COLUMNS = "id, namespace, owner, name, uid_validity";

    public static final String CREATE =
        "INSERT INTO mailbox (namespace, owner, name, uid_validity) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (namespace, owner, name) DO NOTHING RETURNING id";
    /** PostgreSQL only: holds the mailbox row until commit (see {@code MailboxEntries#lock}). */
    public static final String LOCK =
        "SELECT id FROM mailbox WHERE id = ? FOR UPDATE";
    public static final String RENAME =
        "UPDATE mailbox SET namespace = ?, owner = ?, name = ? WHERE id = ?";
    public static final String EXISTS_BY_PATH =
        "SELECT id FROM mailbox WHERE namespace = ? AND owner = ? AND name = ?";
    public static final String DELETE =
        "DELETE FROM mailbox WHERE id = ?";
    public static final String FIND_BY_PATH =
        "SELECT " + COLUMNS + " FROM mailbox WHERE namespace = ? AND owner = ? AND name = ?";
    public static final String FIND_BY_ID =
        "SELECT " + COLUMNS + " FROM mailbox WHERE id = ?";
    public static final String FIND_BY_NAMESPACE_AND_OWNER =
        "SELECT " + COLUMNS + " FROM mailbox WHERE namespace = ? AND owner = ?";
    public static final String FIND_WITH_ACL_ENTRY =
        "SELECT " + COLUMNS + " FROM mailbox WHERE id IN (SELECT mailbox_id FROM mailbox_acl WHERE entry_key = ?)";
    public static final String LIST =
        "SELECT " + COLUMNS + " FROM mailbox";
    public static final String HAS_CHILDREN =
        "SELECT count(*) FROM mailbox WHERE namespace = ? AND owner = ? AND substr(name, 1, ?) = ?";

    /** The mailboxes of a query of this class, a row per entry of their ACLs (one row with none for an empty ACL). */
    public static String withAclEntries(String mailboxQuery) {
        return "SELECT m.id, m.namespace, m.owner, m.name, m.uid_validity, a.entry_key, a.rights FROM (" + mailboxQuery
            + ") m LEFT JOIN mailbox_acl a ON a.mailbox_id = m.id ORDER BY m.id";
    }

    public static final String ACL_OF =
        "SELECT entry_key, rights FROM mailbox_acl WHERE mailbox_id = ?";
    public static final String CLEAR_ACL =
        "DELETE FROM mailbox_acl WHERE mailbox_id = ?";
    public static final String ADD_ACL_ENTRY =
        "INSERT INTO mailbox_acl (mailbox_id, entry_key, rights) VALUES (?, ?, ?)";

    private MailboxSql() {
    }
}
