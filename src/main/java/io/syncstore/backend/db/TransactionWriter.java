package io.syncstore.backend.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.james.mailbox.exception.MailboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes of a database that several nodes share: each write is a transaction of its own on a pooled connection,
 * concurrent with the others (PostgreSQL's READ COMMITTED). Writes lock the rows they change (the mailbox row for
 * UIDs, modseqs and entries), so concurrent ones on the same mailbox wait for each other; a write that loses a race
 * (deadlock, key inserted or row deleted meanwhile) is rolled back and run again from the start. A write inside a
 * write joins its transaction.
 */
final class TransactionWriter implements Writer {
    private static final Logger LOGGER = LoggerFactory.getLogger(TransactionWriter.class);
    private static final int ATTEMPTS = 8;

    private final DataSource connections;
    private final ErrorTranslator errorTranslator;
    private final ThreadLocal<Transaction> current = new ThreadLocal<>();
    private final Duration drainTimeout;
    private final Object drained = new Object();
    private int running;
    private volatile boolean closed;

    TransactionWriter(DataSource connections, Duration drainTimeout, ErrorTranslator errorTranslator) {
        this.connections = connections;
        this.drainTimeout = drainTimeout;
        this.errorTranslator = errorTranslator;
    }

    @Override
    public <T> T write(SqlWork<T> work) throws MailboxException {
        Transaction outer = current.get();
        if (outer != null) {
            return runNested(outer, work);
        }
        started();
        try {
            return runWithRetries(work);
        } finally {
            finished();
        }
    }

    private <T> T runWithRetries(SqlWork<T> work) throws MailboxException {
        for (int attempt = 1; ; attempt++) {
            if (closed) {
                throw new MailboxException("The mail store is closed");
            }
            try {
                return runOnce(work);
            } catch (SQLException e) {
                if (closed) {
                    throw new MailboxException("The mail store is closed", e);
                }
                if (!PostgresDialect.isConflict(e) || attempt == ATTEMPTS) {
                    throw errorTranslator.translate("write", e);
                }
                LOGGER.debug("Write conflicted with a concurrent one (SQLState {}), attempt {}", e.getSQLState(), attempt);
                backOff(attempt);
            }
        }
    }

    private <T> T runNested(Transaction running, SqlWork<T> work) throws MailboxException {
        try {
            return work.run(running.connection);
        } catch (SQLException e) {
            throw errorTranslator.translate("write", e);
        }
    }

    private <T> T runOnce(SqlWork<T> work) throws SQLException, MailboxException {
        try (Connection connection = connections.getConnection()) {
            Transaction transaction = new Transaction(connection);
            current.set(transaction);
            T value;
            try {
                value = work.run(connection);
                connection.commit();
            } catch (SQLException | MailboxException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            } finally {
                current.remove();
            }
            transaction.committed();
            return value;
        }
    }

    @Override
    public void afterCommit(Runnable action) {
        Transaction running = current.get();
        if (running == null) {
            throw new IllegalStateException("afterCommit outside of a write");
        }
        running.afterCommit.add(action);
    }

    /**
     * Writes from now on fail; those running may finish for up to the drain timeout before the pool closes under
     * them. Draining first matters: a write waiting inside the pool for a connection when the pool closes would wait
     * out the pool's whole connection timeout.
     */
    @Override
    public void close() {
        closed = true;
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        synchronized (drained) {
            for (long left = drainTimeout.toNanos(); running > 0 && left > 0; left = deadline - System.nanoTime()) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(drained, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    // Counted before the closed check in write, so that close either sees this write or the write sees closed.
    private void started() {
        synchronized (drained) {
            running++;
        }
    }

    private void finished() {
        synchronized (drained) {
            if (--running == 0) {
                drained.notifyAll();
            }
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOGGER.debug("Rollback failed", e);
        }
    }

    private static final class Transaction {
        private final Connection connection;
        private final List<Runnable> afterCommit = new ArrayList<>();

        Transaction(Connection connection) {
            this.connection = connection;
        }

        void committed() {
            for (Runnable action : afterCommit) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOGGER.warn("Post-commit action failed", e);
                }
            }
        }
    }
}
