package io.syncstore.backend.lock;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxPath;
import org.reactivestreams.Publisher;

import io.syncstore.reactive.Blocking;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Read and write locks per mailbox path, in this JVM, as James's {@code JVMMailboxPathLocker} keeps them, without its
 * thread: James's locker takes every lock on a thread of its own pool, where the work under the lock then runs (a
 * wake-up and a thread switch per APPEND, COPY, MOVE). Here a lock no one holds against the caller is taken on the
 * caller's thread when that thread may block (on a thread of {@link Blocking} otherwise), and the work runs there.
 * A contended lock is waited for without holding a thread: the work is queued, and runs on a thread of
 * {@link Blocking} when the lock is released to it.
 *
 * <p>One lock per mailbox path met, kept for the JVM's life as James's locker keeps them.</p>
 */
public final class SyncStoreMailboxPathLocker implements MailboxPathLocker {
    private final ConcurrentHashMap<MailboxPath, MailboxLock> locks = new ConcurrentHashMap<>();

    @Override
    public <T> T executeWithLock(MailboxPath path, LockAwareExecution<T> execution, LockType type) throws MailboxException {
        MailboxLock lock = lockOf(path);
        lock.takeWaiting(type);
        try {
            return execution.execute();
        } finally {
            lock.release(type);
        }
    }

    @Override
    public <T> Publisher<T> executeReactiveWithLockReactive(MailboxPath path, Publisher<T> execution, LockType type) {
        MailboxLock lock = lockOf(path);
        return Blocking.onThreadThatMayBlock(() -> lock.tryTake(type)
            ? holding(lock, type, execution)
            : Mono.create(sink -> new QueuedExecution<>(lock, type, execution, sink).queue()));
    }

    private MailboxLock lockOf(MailboxPath path) {
        return locks.computeIfAbsent(path, any -> new MailboxLock());
    }

    /** The execution, the lock released as it ends (before its value or error goes on) or is cancelled. */
    private static <T> Mono<T> holding(MailboxLock lock, LockType type, Publisher<T> execution) {
        return Mono.using(() -> type, held -> Mono.from(execution), lock::release);
    }

    /**
     * An execution queued for the lock. Its subscriber may go away while it waits, when the lock is given to it, or
     * while it runs: in each case the lock is released exactly once ({@link #running} says which case it is).
     */
    private static final class QueuedExecution<T> extends MailboxLock.Waiter {
        private static final Disposable CANCELLED = Disposables.disposed();

        private final MailboxLock lock;
        private final Publisher<T> execution;
        private final MonoSink<T> sink;
        private final AtomicReference<Disposable> running = new AtomicReference<>();

        QueuedExecution(MailboxLock lock, LockType type, Publisher<T> execution, MonoSink<T> sink) {
            super(type);
            this.lock = lock;
            this.execution = execution;
            this.sink = sink;
        }

        void queue() {
            sink.onCancel(this::cancel);
            if (lock.takeOrWait(this)) {
                run();
            }
        }

        /**
         * Runs elsewhere: the thread that released the lock goes on with what follows its own execution. A hand-off
         * refused (Reactor's pool shut down or its queue full) fails this execution and releases its lock.
         */
        @Override
        void granted() {
            try {
                Blocking.handOff(this::run);
            } catch (RejectedExecutionException e) {
                lock.release(type);
                sink.error(e);
            }
        }

        private void run() {
            if (running.get() == CANCELLED) {
                lock.release(type);
                return;
            }
            Disposable subscription = holding(lock, type, execution)
                .contextWrite(sink.contextView())
                .subscribe(sink::success, sink::error, () -> sink.success());
            if (!running.compareAndSet(null, subscription)) {
                subscription.dispose();
            }
        }

        private void cancel() {
            if (!lock.withdraw(this)) {
                Disposable subscription = running.getAndSet(CANCELLED);
                if (subscription != null) {
                    subscription.dispose();
                }
            }
        }
    }
}
