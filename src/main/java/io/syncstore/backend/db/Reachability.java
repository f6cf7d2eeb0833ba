package io.syncstore.backend.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.apache.james.mailbox.exception.MailboxException;

import com.google.common.base.Throwables;

/**
 * Whether the database answered the last time it was asked: lost when an attempt failed for want of a connection (the
 * pool's timeout, SQLState class 08, a connection exception, or 57P01 to 57P03, the server shutting down or starting,
 * which a pooled connection meets first when PostgreSQL stops), found again by the next attempt that reached it.
 */
final class Reachability {
    /** SQLState class of connection exceptions (SQL standard). */
    private static final String CONNECTION_EXCEPTION = "08";
    /** PostgreSQL's admin_shutdown, crash_shutdown and cannot_connect_now. */
    private static final Set<String> SERVER_GOING_OR_COMING = Set.of("57P01", "57P02", "57P03");

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
                || cause instanceof SQLException && isConnectionState(String.valueOf(((SQLException) cause).getSQLState())));
    }

    private static boolean isConnectionState(String sqlState) {
        return sqlState.startsWith(CONNECTION_EXCEPTION) || SERVER_GOING_OR_COMING.contains(sqlState);
    }
}
