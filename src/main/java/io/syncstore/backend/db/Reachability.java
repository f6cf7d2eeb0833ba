package io.syncstore.backend.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.apache.james.mailbox.exception.MailboxException;

import com.google.common.base.Throwables;

/**
 * Whether the database answered the last time it was asked: lost when an attempt failed for want of a connection (the
 * pool's timeout, or SQLState class 08, a connection exception), found again by the next attempt that reached it.
 */
final class Reachability {
    /** SQLState class of connection exceptions (SQL standard). */
    private static final String CONNECTION_EXCEPTION = "08";

    interface Attempt<T> {
        T run() throws MailboxException;
    }

    private volatile boolean lost;

    boolean isLost() {
        return lost;
    }

    <T> T track(Attempt<T> attempt) throws MailboxException {
        try {
            T value = attempt.run();
            lost = false;
            return value;
        } catch (MailboxException | RuntimeException e) {
            lost = isConnectionFailure(e);
            throw e;
        }
    }

    private static boolean isConnectionFailure(Throwable failure) {
        return Throwables.getCausalChain(failure).stream()
            .anyMatch(cause -> cause instanceof SQLTransientConnectionException
                || cause instanceof SQLException && String.valueOf(((SQLException) cause).getSQLState()).startsWith(CONNECTION_EXCEPTION));
    }
}
