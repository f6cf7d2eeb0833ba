package io.syncstore.backend.db;

import java.sql.SQLException;

import org.apache.james.mailbox.exception.MailboxException;

/** How a database runs its writes: one group-committing writer (SQLite) or concurrent transactions (PostgreSQL). */
interface Writer extends AutoCloseable {
    /** Runs the work in a transaction; it is committed (and durable) when this returns. */
    <T> T write(SqlWork<T> work) throws MailboxException;

    /** Registers an action for after the commit of the write in progress on this thread. */
    void afterCommit(Runnable action);

    @Override
    void close();

    interface ErrorTranslator {
        MailboxException translate(String action, SQLException e);
    }
}
