package io.syncstore.backend.sql;

import java.util.Collections;

import io.syncstore.backend.db.SqlDialect;

/**
 * Statements of the JMAP change logs (tables {@code jmap_email_change}, {@code jmap_mailbox_change}, which share
 * their shape). Changes are ordered by date, then by insertion.
 */
public final class JmapChangeSql {
    public static final String EMAIL_CHANGE = "jmap_email_change";
    public static final String MAILBOX_CHANGE = "jmap_mailbox_change";

    public static String insertEmailChange() {
        return "INSERT INTO jmap_email_change (account, state, changed_at, delegated, delivery, created, updated, destroyed) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account, state) DO NOTHING";
    }

    public static String insertMailboxChange() {
        return "INSERT INTO jmap_mailbox_change (account, state, changed_at, delegated, count_change, created, updated, destroyed) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account, state) DO NOTHING";
    }

    /** PostgreSQL's lock class of an account's change positions; the account's hash is the key within it. */
    public static final int ACCOUNT_CHANGES_LOCKS = 0x4A4D4150;

    /** PostgreSQL: holds a key of a lock class until the transaction ends. */
    public static final String HOLD_ACCOUNT_CHANGES = "SELECT pg_advisory_xact_lock(?, ?)";

    /**
     * The accounts with an email change of a state (parameter 1) among the mailbox's owner (parameter 2) and the names
     * of its ACL entries (the mailbox, parameter 3): the accounts a message write saved its changes for, each looked up
     * by the index on account and state. One IN list, not an OR with a subquery: PostgreSQL answers such an OR by
     * reading the whole table; ACL names compared as accounts ({@link SqlDialect#asJmapAccount}).
     */
    public static String accountsWithState(SqlDialect dialect) {
        return "SELECT account FROM jmap_email_change WHERE state = ? AND account IN (SELECT ? UNION ALL SELECT "
            + dialect.asJmapAccount("entry_key") + " FROM mailbox_acl WHERE mailbox_id = ?)";
    }

    /** A mailbox's owner with each of its ACL entries (one row with no entry for an empty ACL). */
    public static final String OWNER_AND_ACL_ENTRIES = "SELECT m.owner, a.entry_key FROM mailbox m"
        + " LEFT JOIN mailbox_acl a ON a.mailbox_id = m.id WHERE m.id = ?";

    /**
     * The mailboxes still holding any of {@code count} messages (by row id): the message, the mailbox's owner, and each
     * of the mailbox's ACL entries with its rights (one row with no entry for an empty ACL).
     */
    public static String holdersOfMessages(int count) {
        return "SELECT e.message_id, m.id, m.owner, a.entry_key, a.rights FROM mailbox_message e"
            + " JOIN mailbox m ON m.id = e.mailbox_id LEFT JOIN mailbox_acl a ON a.mailbox_id = m.id"
            + " WHERE e.message_id IN (" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }

    /** The position (date, seq) of an account's change of a given state. */
    public static String positionOf(String table) {
        return "SELECT changed_at, seq FROM " + table + " WHERE account = ? AND state = ?";
    }

    /**
     * A page of an account's changes after a position, delegated ones included when the parameter before the limit
     * is 1. Only mailbox changes may be mere counter changes. The row-value comparison lets the (account, date, seq)
     * index start at the position; an OR of the two columns made SQLite read every change of the account.
     */
    public static String changesAfter(String table) {
        String countChange = table.equals(MAILBOX_CHANGE) ? "count_change" : "FALSE AS count_change";
        return "SELECT seq, state, changed_at, " + countChange + ", created, updated, destroyed FROM " + table
            + " WHERE account = ? AND (changed_at, seq) > (?, ?) AND (NOT delegated OR ? = 1)"
            + " ORDER BY changed_at, seq LIMIT ?";
    }

    public static String latestState(String table) {
        return "SELECT state FROM " + table + " WHERE account = ? AND (NOT delegated OR ? = 1)"
            + " ORDER BY changed_at DESC, seq DESC LIMIT 1";
    }

    /** Removes an account's changes older than a date but its newest (parameters: account, date, account). */
    public static String pruneOlderThan(String table) {
        return "DELETE FROM " + table + " WHERE account = ? AND changed_at < ?"
            + " AND changed_at < (SELECT MAX(changed_at) FROM " + table + " WHERE account = ?)";
    }

    /** Removes an account's changes older than its n-th newest (parameters: account, account, n - 1). */
    public static String pruneBeyondCount(String table) {
        return "DELETE FROM " + table + " WHERE account = ? AND (changed_at, seq) < ("
            + "SELECT changed_at, seq FROM " + table + " WHERE account = ? ORDER BY changed_at DESC, seq DESC LIMIT 1 OFFSET ?)";
    }

    private JmapChangeSql() {
    }
}
