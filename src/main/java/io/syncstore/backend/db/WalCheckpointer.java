package io.syncstore.backend.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log into the database file from a thread and connection of its own. SQLite's automatic
 * checkpoint would run inside the commit that crosses 1,000 log pages, on the single writer, so that every queued
 * write waited for about 130 page copies and an fsync (docs/benchmarks.md, section 9, tenth session); the writer's
 * connection has it turned off and only tells this thread that it committed.
 *
 * <p>A passive checkpoint never waits for the writer or a reader, but it cannot rewind the log while a reader still
 * reads from it: under reads that always overlap, the log would grow without end (SQLite's "checkpoint starvation").
 * When the log holds more than {@link Policy#restartAboveFrames} pages, a RESTART checkpoint waits, at most
 * {@link Policy#restartWait}, for those readers to finish, so that the next commit writes the log from its start.
 * The writer waits too meanwhile; so when a reader outlasts the wait (a backup's long read), the next attempt waits
 * until the log has grown by as much again.
 *
 * <p>A writer faster than the checkpoints would still grow the log without end, so a writer that has committed
 * {@link #LAG_LIMIT} intervals since the running checkpoint began waits for it: the automatic checkpoint's brake,
 * kept only where it is needed.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(WalCheckpointer.class);
    private static final int LAG_LIMIT = 10;

    /**
     * When to checkpoint: every 44 commits. Chosen when an APPEND made two commits of about 45 pages together, so
     * near SQLite's own 1,000 pages; an APPEND is now one commit of about 44 pages, so the log reaches about 2,000
     * pages (8 MB) between checkpoints. Checkpointing more often copies a page rewritten by several commits more often
     * (20 two-commit APPENDs: 10.2 to 11.0 copies per APPEND against SQLite's 6.1 to 6.7).
     */
    static final class Policy {
        final int commitsPerCheckpoint;
        final int restartAboveFrames;
        final Duration restartWait;

        Policy(int commitsPerCheckpoint, int restartAboveFrames, Duration restartWait) {
            this.commitsPerCheckpoint = commitsPerCheckpoint;
            this.restartAboveFrames = restartAboveFrames;
            this.restartWait = restartWait;
        }

        /** The writer waits for a RESTART checkpoint, so it waits less than the writer's own busy timeout. */
        static Policy standard(Duration writerBusyTimeout) {
            Duration wait = writerBusyTimeout.dividedBy(2);
            return new Policy(44, 20_000, wait.compareTo(Duration.ofSeconds(1)) < 0 ? wait : Duration.ofSeconds(1));
        }
    }

    private final Connection connection;
    private final Policy policy;
    private final AtomicLong commits = new AtomicLong();
    private final Object checkpointStarted = new Object();
    private final Thread thread;
    private volatile boolean closed;
    private volatile long commitsAtLastCheckpoint;
    private int restartAboveFrames;

    /** Only a RESTART checkpoint waits, so the connection's busy timeout is the RESTART's wait. */
    WalCheckpointer(Connection connection, Policy policy) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = " + policy.restartWait.toMillis());
        }
        this.connection = connection;
        this.policy = policy;
        this.restartAboveFrames = policy.restartAboveFrames;
        this.thread = new Thread(this::loop, "syncstore-wal-checkpoint");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Called by the writer after each commit: a counter and, now and then, a wake-up; the writer waits only when it is
     * far ahead of the checkpoints.
     */
    void committed() {
        long behind = commits.incrementAndGet() - commitsAtLastCheckpoint;
        if (behind >= policy.commitsPerCheckpoint) {
            LockSupport.unpark(thread);
        }
        if (behind >= (long) policy.commitsPerCheckpoint * LAG_LIMIT) {
            awaitNextCheckpoint();
        }
    }

    private void awaitNextCheckpoint() {
        synchronized (checkpointStarted) {
            while (!closed && thread.isAlive() && commits.get() - commitsAtLastCheckpoint >= (long) policy.commitsPerCheckpoint * LAG_LIMIT) {
                try {
                    checkpointStarted.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void loop() {
        while (!closed) {
            LockSupport.park(this);
            long committed = commits.get();
            if (!closed && committed - commitsAtLastCheckpoint >= policy.commitsPerCheckpoint) {
                synchronized (checkpointStarted) {
                    commitsAtLastCheckpoint = committed;
                    checkpointStarted.notifyAll();
                }
                checkpoint();
            }
        }
    }

    private void checkpoint() {
        try (Statement statement = connection.createStatement()) {
            int logFrames = logFrames(statement, "PASSIVE");
            if (logFrames > restartAboveFrames) {
                boolean readerOutlastedTheWait = logFrames(statement, "RESTART") < 0;
                restartAboveFrames = readerOutlastedTheWait ? logFrames + policy.restartAboveFrames : policy.restartAboveFrames;
            }
        } catch (SQLException | RuntimeException e) {
            // the thread goes on: ended, no checkpoint would run again and the log would grow until shutdown
            LOGGER.warn("WAL checkpoint failed; the next one copies what this one left", e);
        }
    }

    /** Runs a checkpoint of the mode; returns the number of pages in the log, or -1 if it could not complete. */
    private static int logFrames(Statement statement, String mode) throws SQLException {
        try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            if (!result.next() || result.getInt(1) != 0) {
                return -1;
            }
            return result.getInt(2);
        }
    }

    /** Stops the thread and closes its connection; the caller checkpoints a last time once the writer has stopped. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOGGER.debug("Closing the checkpoint connection failed", e);
        }
    }
}
