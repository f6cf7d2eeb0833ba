package io.syncstore.imap.channel;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

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
        private final Runnable runAll = this::runAll;
        /*
         * Guarded by this. The loop swaps the two queues at each run, so handing work over allocates nothing once they
         * have grown: a queue node per connection was a twentieth of what a push to 1,000 idling connections allocated.
         */
        private ArrayDeque<Runnable> waiting = new ArrayDeque<>();
        private ArrayDeque<Runnable> running = new ArrayDeque<>();
        private boolean scheduled;

        private Batch(EventLoop loop) {
            this.loop = loop;
        }

        private boolean add(Runnable work) {
            synchronized (this) {
                waiting.add(work);
                if (scheduled) {
                    return true;
                }
                scheduled = true;
            }
            try {
                loop.execute(runAll);
                return true;
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    waiting.clear();
                    scheduled = false;
                }
                return false;
            }
        }

        /**
         * Runs the work waiting when it starts, and no more: work added meanwhile schedules the next run, behind the
         * loop's reads, so a steady stream of changes cannot hold the loop's other connections waiting.
         */
        private void runAll() {
            ArrayDeque<Runnable> batch;
            synchronized (this) {
                // the previous run, on this same loop, left its queue empty
                batch = waiting;
                waiting = running;
                running = batch;
                scheduled = false;
            }
            for (Runnable work = batch.poll(); work != null; work = batch.poll()) {
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
