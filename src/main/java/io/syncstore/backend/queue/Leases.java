package io.syncstore.backend.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.QueueSql;

/**
 * This process's leases on the queue items it dequeued. An item in flight is held by one process (a node) until a
 * time; the node renews its leases while it holds items, a third of the lease duration before they run out, so that
 * an item whose node died is taken by another consumer once its lease ran out, and never while its node lives.
 */
final class Leases implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(Leases.class);

    private final String owner = UUID.randomUUID().toString();
    private final Database database;
    private final Clock clock;
    private final Duration duration;
    private final AtomicInteger held = new AtomicInteger();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mail-queue-lease-renewal");
        thread.setDaemon(true);
        return thread;
    });

    Leases(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.duration = database.configuration().mailQueueLease();
        long period = Math.max(1, duration.toMillis() / 3);
        renewals.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    String owner() {
        return owner;
    }

    /** When a lease taken or renewed now runs out. */
    long endFrom(long now) {
        return now + duration.toMillis();
    }

    void taken() {
        held.incrementAndGet();
    }

    void given() {
        held.decrementAndGet();
    }

    private void renew() {
        if (held.get() <= 0) {
            return;
        }
        try {
            database.write(connection -> Sql.update(connection, QueueSql.RENEW_LEASES, endFrom(clock.millis()), owner));
        } catch (Exception e) {
            LOGGER.warn("Cannot renew the leases of the mail queue items this node processes; other nodes take them when they run out", e);
        }
    }

    @Override
    public void close() {
        renewals.shutdownNow();
    }
}
