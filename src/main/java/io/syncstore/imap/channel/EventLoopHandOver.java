package io.syncstore.imap.channel;

import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoop;

/**
 * Work handed from another thread to the event loops of connections, one task per loop however many of its
 * connections are handed work at once: a change to a mailbox with 1,000 idling connections wakes each of the few
 * loops once, and the loop runs its connections' work one after the other, in the order it was handed over.
 */
public final class EventLoopHandOver {
    private static final Logger LOGGER = LoggerFactory.getLogger(EventLoopHandOver.class);

    private final ConcurrentHashMap<EventLoop, Batch> batches = new ConcurrentHashMap<>();

    /** False when the loop is shut down and the work was dropped. */
    public boolean handOver(EventLoop loop, Runnable work) {
        return batches.computeIfAbsent(loop, Batch::new).add(work);
    }

    private static final class Batch {
        private final EventLoop loop;
        private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        private Batch(EventLoop loop) {
            this.loop = loop;
        }

        private boolean add(Runnable work) {
            waiting.add(work);
            // read first: a failed compare-and-set would still take the line from the loop's core
            if (scheduled.get() || !scheduled.compareAndSet(false, true)) {
                return true;
            }
            try {
                loop.execute(this::runAll);
                return true;
            } catch (RejectedExecutionException e) {
                waiting.clear();
                scheduled.set(false);
                return false;
            }
        }

        /**
         * Runs the work waiting when it starts, and no more: work added meanwhile schedules the next run, behind the
         * loop's reads, so a steady stream of changes cannot hold the loop's other connections waiting.
         */
        private void runAll() {
            // cleared first: work added from now on schedules the next run
            scheduled.set(false);
            for (int count = waiting.size(); count > 0; count--) {
                Runnable work = waiting.poll();
                if (work == null) {
                    return;
                }
                try {
                    work.run();
                } catch (Throwable e) {
                    // one connection's failure must not leave the others' work waiting for a wake-up already spent
                    LOGGER.warn("Work handed to event loop {} failed", loop, e);
                }
            }
        }
    }
}
