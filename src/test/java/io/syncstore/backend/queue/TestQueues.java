package io.syncstore.backend.queue;

import java.time.Clock;

import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;

import io.syncstore.backend.data.TestSpooledMails;
import io.syncstore.backend.db.Database;

/** Mail queues over a test database, wired as the server wires them. */
final class TestQueues {
    private TestQueues() {
    }

    static SyncStoreMailQueueFactory factory(Database database) {
        return new SyncStoreMailQueueFactory(database, TestSpooledMails.over(database),
            new RawMailQueueItemDecoratorFactory(), Clock.systemUTC());
    }
}
