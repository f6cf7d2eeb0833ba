package io.syncstore.reactive;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Blocking work (a database read or write, a file, a DNS lookup) run off the caller's thread, its result given to the
 * subscriber on the thread that did the work.
 *
 * <p>A call subscribed to on a thread that is already running a task of this class (the steps after an earlier call: the
 * next read of a command, the write after its checks) runs the work there and then, without a hand-off: that thread
 * may block, and each hand-off to another costs a wake-up and a thread switch (docs/benchmarks.md §9, fifteenth
 * session, counts them for an APPEND). Calls made on any other thread (Netty's event loops, Reactor's parallel
 * threads, a caller's own) are handed off as before.</p>
 *
 * <p>Not {@code Mono.fromCallable(work).subscribeOn(scheduler)}: Reactor runs that form as a task scheduled directly,
 * whose cancellation is remembered as coming from another thread when the subscriber cancels (a {@code next()}
 * downstream, say) before the subscribing thread has recorded the task. The subscribing thread then interrupts the
 * worker, which by then runs the subscriber's next steps: the next blocking call of a FETCH failed with "Interrupted
 * during connection acquisition" under load. Through a {@link reactor.core.scheduler.Scheduler.Worker} (the deferred
 * form below), a cancellation made on the worker's own thread never interrupts it.</p>
 */
public final class Blocking {
    private static final ThreadLocal<Boolean> MAY_BLOCK = ThreadLocal.withInitial(() -> false);
    private static final Scheduler BLOCKING_TASKS = new MarkingScheduler(Schedulers.boundedElastic());

    private Blocking() {
    }

    /**
     * Where the work runs is decided when the call is subscribed to, not when it is made: a call made on a thread
     * that may block but subscribed to later elsewhere (after a write to the network completes on Netty's thread, say)
     * is handed off. On a thread that may block, the work is done as it is subscribed to, not at the first request
     * for its value: a request that comes later from another thread then only takes the value there.
     */
    public static <T> Mono<T> call(Callable<T> work) {
        return Mono.defer(() -> MAY_BLOCK.get()
            ? doneNow(work)
            : Mono.defer(() -> Mono.fromCallable(work)).subscribeOn(BLOCKING_TASKS));
    }

    /**
     * The chain subscribed to on a thread that may block: the subscribing thread if it may (the work then starts
     * there and then), a task of this class otherwise. For a chain that must begin where blocking is allowed, such as
     * one holding a lock it takes without waiting.
     */
    public static <T> Mono<T> onThreadThatMayBlock(Supplier<Mono<T>> chain) {
        return Mono.defer(() -> MAY_BLOCK.get()
            ? chain.get()
            : Mono.defer(chain).subscribeOn(BLOCKING_TASKS));
    }

    /**
     * The task run on another thread, one that may block, even when the caller's may: a caller that must go on with
     * its own work first (one releasing a lock to the task, whose answer would otherwise wait for the task's).
     */
    public static void handOff(Runnable task) {
        BLOCKING_TASKS.schedule(task);
    }

    private static <T> Mono<T> doneNow(Callable<T> work) {
        try {
            return Mono.justOrEmpty(work.call());
        } catch (Exception e) {
            return Mono.error(e);
        }
    }

    /**
     * Always handed off, to the scheduler given: a caller whose work must run there (one at a time, say). Its thread is
     * not marked: what follows the work there would otherwise keep that thread, and a later call of the same kind,
     * queued behind it, could wait for itself.
     */
    public static <T> Mono<T> call(Callable<T> work, Scheduler scheduler) {
        return Mono.defer(() -> Mono.fromCallable(work)).subscribeOn(scheduler);
    }

    /** Runs each task of the scheduler it wraps with the mark of a thread that may block. */
    private static final class MarkingScheduler implements Scheduler {
        private final Scheduler delegate;

        MarkingScheduler(Scheduler delegate) {
            this.delegate = delegate;
        }

        @Override
        public Disposable schedule(Runnable task) {
            return delegate.schedule(marked(task));
        }

        @Override
        public Worker createWorker() {
            Worker worker = delegate.createWorker();
            return new Worker() {
                @Override
                public Disposable schedule(Runnable task) {
                    return worker.schedule(marked(task));
                }

                @Override
                public void dispose() {
                    worker.dispose();
                }

                @Override
                public boolean isDisposed() {
                    return worker.isDisposed();
                }
            };
        }

        private static Runnable marked(Runnable task) {
            return () -> {
                boolean before = MAY_BLOCK.get();
                MAY_BLOCK.set(true);
                try {
                    task.run();
                } finally {
                    MAY_BLOCK.set(before);
                }
            };
        }
    }
}
