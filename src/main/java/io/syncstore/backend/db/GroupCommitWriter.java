package io.syncstore.backend.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

import org.apache.james.mailbox.exception.MailboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the database. Writes queued while a commit is in progress are run together in the next
 * transaction, each in its own savepoint, and share one commit (and so one fsync). A write returns only after the
 * commit that holds it, so what returned is on disk as the sync policy promises.
 */
final class GroupCommitWriter implements Writer {
    private static final Logger LOGGER = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_GROUP = 512;

    private final Connection connection;
    private final String beginStatement;
    private final ErrorTranslator errorTranslator;
    private final Runnable afterEachCommit;
    private final BlockingQueue<PendingWrite<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    private PendingWrite<?> running;

    /** {@code afterEachCommit} runs on the writer after every commit, before the group's writes return. */
    GroupCommitWriter(Connection connection, String beginStatement, ErrorTranslator errorTranslator, Runnable afterEachCommit) {
        this.connection = connection;
        this.beginStatement = beginStatement;
        this.errorTranslator = errorTranslator;
        this.afterEachCommit = afterEachCommit;
        this.thread = new Thread(this::loop, "syncstore-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public <T> T write(SqlWork<T> work) throws MailboxException {
        if (Thread.currentThread() == thread) {
            return runNested(work);
        }
        if (closed) {
            throw new MailboxException("The mail store is closed");
        }
        PendingWrite<T> pending = new PendingWrite<>(work);
        queue.add(pending);
        if (closed && !thread.isAlive()) {
            failRemaining();
        }
        return pending.await();
    }

    /** Runs after the commit of the current write, only if it commits. Callable only from inside a write. */
    @Override
    public void afterCommit(Runnable action) {
        if (Thread.currentThread() != thread || running == null) {
            throw new IllegalStateException("afterCommit outside of a write");
        }
        running.afterCommit.add(action);
    }

    private <T> T runNested(SqlWork<T> work) throws MailboxException {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw errorTranslator.translate("write", e);
        }
    }

    private void loop() {
        while (!closed || !queue.isEmpty()) {
            List<PendingWrite<?>> group = new ArrayList<>();
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
                continue;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            runGroup(group);
        }
    }

    private void runGroup(List<PendingWrite<?>> group) {
        boolean committed;
        try (Statement statement = connection.createStatement()) {
            statement.execute(beginStatement);
            committed = group.size() == 1 ? runAlone(statement, group.get(0)) : runInSavepoints(statement, group);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            MailboxException failure = e instanceof SQLException
                ? errorTranslator.translate("commit", (SQLException) e)
                : new MailboxException("Write failed", e);
            group.forEach(pending -> pending.fail(failure));
            return;
        }
        if (committed) {
            afterEachCommit.run();
        }
        group.forEach(PendingWrite::complete);
    }

    /**
     * A write alone in its group takes no savepoint: if it fails, its transaction is rolled back whole. A savepoint
     * makes SQLite keep a copy of every page the write changes until it is released, spilled to a temporary file
     * beyond 64 KiB: 45 of the 142 write calls of an APPEND (docs/benchmarks.md, section 9, tenth session).
     */
    private boolean runAlone(Statement statement, PendingWrite<?> pending) throws SQLException {
        running = pending;
        try {
            pending.run(connection);
        } catch (SQLException | MailboxException | RuntimeException e) {
            pending.afterCommit.clear();
            rollBackAfter(statement, e);
            pending.fail(e instanceof SQLException ? errorTranslator.translate("write", (SQLException) e) : e);
            return false;
        } finally {
            running = null;
        }
        statement.execute("COMMIT");
        return true;
    }

    /** SQLite may have rolled back already (a full disk, an I/O error): then there is nothing left to undo. */
    private static void rollBackAfter(Statement statement, Exception failure) {
        try {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            LOGGER.debug("Rollback after a failed write ({}) failed", failure.getMessage(), e);
        }
    }

    private boolean runInSavepoints(Statement statement, List<PendingWrite<?>> group) throws SQLException {
        for (PendingWrite<?> pending : group) {
            runInSavepoint(statement, pending);
        }
        statement.execute("COMMIT");
        return true;
    }

    private void runInSavepoint(Statement statement, PendingWrite<?> pending) throws SQLException {
        statement.execute("SAVEPOINT write_unit");
        running = pending;
        try {
            pending.run(connection);
            statement.execute("RELEASE write_unit");
        } catch (SQLException | MailboxException | RuntimeException e) {
            statement.execute("ROLLBACK TO write_unit");
            statement.execute("RELEASE write_unit");
            pending.afterCommit.clear();
            pending.fail(e instanceof SQLException ? errorTranslator.translate("write", (SQLException) e) : e);
        } finally {
            running = null;
        }
    }

    private void rollbackQuietly() {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            LOGGER.debug("Rollback after a failed group commit failed", e);
        }
    }

    /**
     * Stops the writer once the queued writes are done. A write queued while the writer stops fails instead of
     * waiting forever: {@link #write} checks again after queueing, and this drains what the writer left.
     */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failRemaining();
    }

    private void failRemaining() {
        List<PendingWrite<?>> leftOver = new ArrayList<>();
        queue.drainTo(leftOver);
        MailboxException closedStore = new MailboxException("The mail store is closed");
        leftOver.forEach(pending -> pending.fail(closedStore));
    }

    private static final class PendingWrite<T> {
        private final SqlWork<T> work;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private final List<Runnable> afterCommit = new ArrayList<>();
        private T value;
        private Exception failure;

        PendingWrite(SqlWork<T> work) {
            this.work = work;
        }

        void run(Connection connection) throws SQLException, MailboxException {
            value = work.run(connection);
        }

        void fail(Exception e) {
            failure = e;
            result.completeExceptionally(e);
        }

        void complete() {
            if (failure != null) {
                return;
            }
            for (Runnable action : afterCommit) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOGGER.warn("Post-commit action failed", e);
                }
            }
            result.complete(value);
        }

        T await() throws MailboxException {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return result.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof MailboxException) {
                    throw (MailboxException) cause;
                }
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                throw new MailboxException("Write failed", cause);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
