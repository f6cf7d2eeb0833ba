package io.syncstore.backend.search;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;

/**
 * The index's rebuild after start-up ({@link SearchIndexRows#rebuild}), on a thread of its own while the server serves.
 * It stops when the database closes, after the batch it is writing: the rows written are the mark of how far it got,
 * and the next start goes on from there.
 */
final class BackgroundRebuild {
    private static final Logger LOGGER = LoggerFactory.getLogger(BackgroundRebuild.class);
    /** A batch is a few messages: far less than this even on a loaded machine. */
    private static final long STOP_WAIT_SECONDS = 60;

    private final CompletableFuture<Integer> indexed = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean stopping;

    BackgroundRebuild(Database database, ContentStore contentStore) {
        thread = new Thread(() -> run(database, contentStore), "search-index-rebuild");
        thread.setDaemon(true);
        database.beforeClose(this::stop);
        thread.start();
    }

    private void run(Database database, ContentStore contentStore) {
        try {
            indexed.complete(SearchIndexRows.rebuild(database, contentStore, () -> stopping));
        } catch (Exception e) {
            LOGGER.error("Search index: the rebuild stopped; messages not yet indexed are searched by reading them", e);
            indexed.completeExceptionally(e);
        }
    }

    /** How many messages it indexed, once it ends (done or stopped). */
    CompletableFuture<Integer> indexed() {
        return indexed;
    }

    private void stop() {
        stopping = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOGGER.warn("Search index: the rebuild did not stop within {} s of the store closing", STOP_WAIT_SECONDS);
        }
    }
}
