package io.syncstore.backend.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;

/**
 * The search index's own thread, beside the server: after start-up it indexes the messages without a row of the
 * current format ({@link SearchIndexRows#rebuild}), then, every {@link #PAUSE_MILLIS}, the messages written since
 * ({@link SearchIndexRows#indexWritten}). A message's write thus costs its writer and the single database writer none of
 * the index's work, and a message deleted within the pause (an APPEND a filter or a client expunges at once) none at
 * all; SEARCH reads the few messages not yet indexed whole, so its answers do not depend on the pause. It stops when the
 * database closes, after the batch it is writing: the rows written are the mark of how far it got, and the next start
 * goes on from there.
 */
final class BackgroundIndexing {
    private static final Logger LOGGER = LoggerFactory.getLogger(BackgroundIndexing.class);
    /** Long enough to take the messages of many writes in one batch, short against the time a client waits to search. */
    private static final long PAUSE_MILLIS = 500;
    /** A batch is a few messages: far less than this even on a loaded machine. */
    private static final long STOP_WAIT_SECONDS = 60;
    private static final CompletableFuture<Void> STOP = new CompletableFuture<>();

    private final Database database;
    private final ContentStore contentStore;
    private final CompletableFuture<Integer> rebuilt = new CompletableFuture<>();
    private final BlockingQueue<CompletableFuture<Void>> askedToCatchUp = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopping;
    private boolean ended;

    BackgroundIndexing(Database database, ContentStore contentStore) {
        this.database = database;
        this.contentStore = contentStore;
        thread = new Thread(this::run, "search-indexing");
        thread.setDaemon(true);
        database.beforeClose(this::stop);
        thread.start();
    }

    /** How many messages the start-up rebuild indexed, once it ends (done or stopped). */
    CompletableFuture<Integer> rebuilt() {
        return rebuilt;
    }

    /** Completes once every message written before this call is indexed (or deleted); cancelled if indexing ends first. */
    synchronized CompletableFuture<Void> caughtUp() {
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        if (ended) {
            caughtUp.cancel(false);
        } else {
            askedToCatchUp.add(caughtUp);
        }
        return caughtUp;
    }

    private void run() {
        try {
            rebuilt.complete(SearchIndexRows.rebuild(database, contentStore, () -> stopping));
        } catch (Exception e) {
            LOGGER.error("Search index: the rebuild stopped; messages not yet indexed are searched by reading them", e);
            rebuilt.completeExceptionally(e);
        }
        while (true) {
            List<CompletableFuture<Void>> asking = nextTurn();
            if (stopping) {
                asking.forEach(asked -> asked.cancel(false));
                break;
            }
            try {
                SearchIndexRows.indexWritten(database, contentStore, () -> stopping);
                asking.forEach(asked -> asked.complete(null));
            } catch (Exception e) {
                LOGGER.warn("Search index: indexing written messages failed, tried again in {} ms; they are searched by "
                    + "reading them meanwhile", PAUSE_MILLIS, e);
                asking.forEach(asked -> asked.completeExceptionally(e));
            }
        }
        end();
    }

    private synchronized void end() {
        ended = true;
        askedToCatchUp.forEach(asked -> asked.cancel(false));
    }

    /** Waits out the pause, or less when asked to catch up; returns who asked. */
    private List<CompletableFuture<Void>> nextTurn() {
        List<CompletableFuture<Void>> asking = new ArrayList<>();
        try {
            CompletableFuture<Void> first = askedToCatchUp.poll(PAUSE_MILLIS, TimeUnit.MILLISECONDS);
            if (first != null) {
                asking.add(first);
                askedToCatchUp.drainTo(asking);
            }
        } catch (InterruptedException e) {
            stopping = true;
        }
        asking.remove(STOP);
        return asking;
    }

    private void stop() {
        stopping = true;
        askedToCatchUp.add(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOGGER.warn("Search index: indexing did not stop within {} s of the store closing", STOP_WAIT_SECONDS);
        }
    }
}
