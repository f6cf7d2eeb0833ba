package io.syncstore.backend.db;

import java.sql.Connection;
import java.sql.SQLException;

import org.apache.james.mailbox.exception.MailboxException;

/** A unit of database work: one read, or one write that commits atomically with the others of its group. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException, MailboxException;
}
