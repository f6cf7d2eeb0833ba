package io.syncstore.backend.lock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.james.mailbox.MailboxPathLocker.LockType;

/**
 * The read and write lock of one mailbox: readers share it, a writer has it alone, and those who wait are served in
 * the order they came (a reader behind a waiting writer waits too, so that writers are not starved).
 *
 * <p>Written here rather than taken from the JDK or Reactor: their read-write locks ({@code ReentrantReadWriteLock},
 * {@code StampedLock}) wait by parking a thread, and Reactor has none. A waiter here is a task to run when the lock
 * is its own: it holds no thread while it waits, and the thread that releases the lock only hands it on.</p>
 */
final class MailboxLock {
    /** One who waits for the lock: {@link #granted} is called, outside this lock's monitor, once it holds it. */
    abstract static class Waiter {
        final LockType type;

        Waiter(LockType type) {
            this.type = type;
        }

        abstract void granted();
    }

    private final Deque<Waiter> waiting = new ArrayDeque<>();
    private int readers;
    private boolean written;

    /** Takes the lock if no one has it in a way that excludes {@code type} and no one waits for it. */
    synchronized boolean tryTake(LockType type) {
        if (!waiting.isEmpty() || !isFreeFor(type)) {
            return false;
        }
        take(type);
        return true;
    }

    /** Takes the lock, waiting for it on this thread if need be (the thread that releases it to this one wakes it). */
    void takeWaiting(LockType type) {
        CompletableFuture<Void> granted = new CompletableFuture<>();
        if (!takeOrWait(new Waiter(type) {
            @Override
            void granted() {
                granted.complete(null);
            }
        })) {
            granted.join();
        }
    }

    /** Takes the lock at once as {@link #tryTake} does, or queues the waiter: false when it was queued. */
    synchronized boolean takeOrWait(Waiter waiter) {
        if (tryTake(waiter.type)) {
            return true;
        }
        waiting.addLast(waiter);
        return false;
    }

    /** Takes the waiter out of the queue: false when it is no longer there (the lock was given to it). */
    boolean withdraw(Waiter waiter) {
        List<Waiter> granted;
        synchronized (this) {
            if (!waiting.remove(waiter)) {
                return false;
            }
            granted = grantWaiting();
        }
        granted.forEach(Waiter::granted);
        return true;
    }

    void release(LockType type) {
        List<Waiter> granted;
        synchronized (this) {
            if (type == LockType.Write) {
                written = false;
            } else {
                readers--;
            }
            granted = grantWaiting();
        }
        granted.forEach(Waiter::granted);
    }

    /** The waiters at the head of the queue that may have the lock now, which they then hold. */
    private List<Waiter> grantWaiting() {
        List<Waiter> granted = new ArrayList<>(1);
        while (!waiting.isEmpty() && isFreeFor(waiting.peekFirst().type)) {
            Waiter next = waiting.removeFirst();
            take(next.type);
            granted.add(next);
        }
        return granted;
    }

    private boolean isFreeFor(LockType type) {
        return !written && (type == LockType.Read || readers == 0);
    }

    private void take(LockType type) {
        if (type == LockType.Write) {
            written = true;
        } else {
            readers++;
        }
    }
}
