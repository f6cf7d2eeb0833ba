package io.syncstore.backend.db;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

import io.syncstore.config.SyncStoreConfiguration;

/**
 * Everything that differs between the databases SyncStore can run on. The statements themselves are written in the
 * SQL that SQLite and PostgreSQL share (including {@code ON CONFLICT} and {@code RETURNING}); what cannot be shared
 * lives behind this seam.
 */
public interface SqlDialect {
    /**
     * The JDBC driver, used directly: {@code DriverManager} does not see a driver loaded by another class loader than
     * the application's, such as James's for {@code extensions-jars/}.
     */
    Driver driver();

    String jdbcUrl(SyncStoreConfiguration configuration);

    /** Driver properties of every connection (durability, lock waits, foreign keys). */
    Properties connectionProperties(SyncStoreConfiguration configuration);

    /** A statement that makes a pooled connection refuse writes, so that only the writer writes. */
    String readOnlySetup();

    /** Flyway location of this database's migrations. */
    String migrationLocation();

    /**
     * Whether several processes (nodes) write the database at once, in concurrent transactions: writes then lock
     * the mailbox row before reading what they change, and content lives in the database, where every node reads it.
     * Otherwise one writer runs the writes one after the other and large content is kept in files beside the database.
     */
    boolean sharedByNodes();

    /**
     * The isolation level at which the statements of one read transaction all see the same committed state: SQLite's
     * read transactions always do (WAL); PostgreSQL's only from REPEATABLE READ on.
     */
    int snapshotIsolation();

    /** The clause that makes a SELECT lock the rows it returns, passing over rows another transaction holds. */
    String skipLockedRows();

    /** What follows a text expression of ORDER BY to compare it by code point (SORT's i;ascii-casemap on folded text). */
    String byCodePoint();

    /** An aggregate joining the rows' values of a text expression into one text, a line each, NULLs left out. */
    String joinedLines(String text);

    /**
     * The expression as a condition the planner must not answer by an index: a search the text index narrows is then
     * driven from the messages it names instead of every entry of the mailbox. SQLite has no statistics to see that a
     * mailbox holds many entries and a message few (its unary +); PostgreSQL plans by its own (the expression as is).
     */
    String notIndexed(String expression);

    /**
     * A column of user names compared as the JMAP tables' columns are: PostgreSQL keeps the names of mailboxes, ACLs and
     * delegations in collation "C" and the JMAP tables' accounts in the default one, and an index serves a comparison
     * only in its own collation. SQLite has one (the expression as is).
     */
    String asJmapAccount(String column);

    /** A sentence for an administrator when the error is a known storage condition (full disk, lock, corruption). */
    Optional<String> describe(SQLException e);
}
