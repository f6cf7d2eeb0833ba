package io.syncstore.backend.queue;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.queue.api.MailQueue.MailQueueException;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;

import com.google.common.collect.ImmutableSet;

import io.syncstore.backend.data.SpooledMails;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.sql.QueueSql;

/**
 * The durable mail queues. Queues are recorded in the database, so those created by an earlier run are listed and
 * found again. A dequeued item is leased to this process ({@link Leases}): on a database of one server, the first
 * use of a queue returns to it at once the items that the previous run left in flight; on a database several nodes
 * share, those items are taken again when their leases run out, as are those of a node that died.
 */
public class SyncStoreMailQueueFactory implements MailQueueFactory<SyncStoreMailQueue>, AutoCloseable {
    private final Database database;
    private final SpooledMails spooledMails;
    private final MailQueueItemDecoratorFactory decoratorFactory;
    private final Clock clock;
    private final ConcurrentMap<MailQueueName, SyncStoreMailQueue> queues = new ConcurrentHashMap<>();
    private final Leases leases;

    @Inject
    public SyncStoreMailQueueFactory(Database database, SpooledMails spooledMails,
                                     MailQueueItemDecoratorFactory decoratorFactory, Clock clock) {
        this.database = database;
        this.spooledMails = spooledMails;
        this.decoratorFactory = decoratorFactory;
        this.clock = clock;
        this.leases = new Leases(database, clock);
    }

    @Override
    public Optional<SyncStoreMailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        if (!queues.containsKey(name) && !exists(name)) {
            return Optional.empty();
        }
        return Optional.of(open(name));
    }

    @Override
    public SyncStoreMailQueue createQueue(MailQueueName name, PrefetchCount count) {
        write(connection -> Sql.update(connection, QueueSql.CREATE_QUEUE, name.asString()));
        return open(name);
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        List<MailQueueName> names = read(connection -> Sql.list(connection, QueueSql.LIST_QUEUES,
            row -> MailQueueName.of(row.getString(1))));
        return ImmutableSet.copyOf(names);
    }

    @PreDestroy
    @Override
    public void close() {
        queues.values().forEach(SyncStoreMailQueue::dispose);
        leases.close();
    }

    private boolean exists(MailQueueName name) {
        return read(connection -> Sql.count(connection, QueueSql.COUNT_QUEUE, name.asString()) > 0);
    }

    private SyncStoreMailQueue open(MailQueueName name) {
        return queues.computeIfAbsent(name, this::recover);
    }

    private SyncStoreMailQueue recover(MailQueueName name) {
        QueueItems items = new QueueItems(database, spooledMails, name.asString(), leases);
        if (database.dialect().sharedByNodes()) {
            // another node may be processing them: what the previous run left is taken when its leases run out, by
            // consumers that look again at least once a lease, as enqueues and deaths on other nodes wake no one here
            return new SyncStoreMailQueue(name, items, spooledMails, decoratorFactory, clock,
                Optional.of(database.configuration().mailQueueLease()));
        }
        try {
            items.releaseAllInFlight();
        } catch (MailQueueException e) {
            throw new IllegalStateException("Cannot open mail queue " + name.asString(), e);
        }
        return new SyncStoreMailQueue(name, items, spooledMails, decoratorFactory, clock, Optional.empty());
    }

    private <T> T read(SqlWork<T> work) {
        try {
            return database.read(work);
        } catch (MailboxException e) {
            throw new IllegalStateException("Cannot read the mail queues: " + e.getMessage(), e);
        }
    }

    private void write(SqlWork<Integer> work) {
        try {
            database.write(work);
        } catch (MailboxException e) {
            throw new IllegalStateException("Cannot create a mail queue: " + e.getMessage(), e);
        }
    }
}
