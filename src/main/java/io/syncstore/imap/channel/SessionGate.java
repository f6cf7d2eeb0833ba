package io.syncstore.imap.channel;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Queue;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Runs the tasks of one IMAP session one at a time, in submission order, whatever thread submits them.
 *
 * <p>Commands and unsolicited-notification drains both go through the gate of their session, so a notification is
 * never written while a command is writing its response (a FETCH literal is never split), and a command never starts
 * while notifications are still being written.</p>
 */
public final class SessionGate {
    private static final Logger LOGGER = LoggerFactory.getLogger(SessionGate.class);
    private static final ThreadLocal<Deque<Runnable>> STARTING = new ThreadLocal<>();

    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private boolean busy;

    /** The task is created (supplier called) only when its turn comes. */
    public Mono<Void> run(Supplier<Mono<Void>> task) {
        return Mono.create(sink -> {
            Disposable[] inner = new Disposable[1];
            boolean[] cancelled = new boolean[1];
            Runnable start = () -> {
                synchronized (inner) {
                    if (cancelled[0]) {
                        release();
                        return;
                    }
                    Mono<Void> mono;
                    try {
                        mono = task.get();
                    } catch (RuntimeException | Error e) {
                        // an Error too (James's ModifiedUtf7 throws one): the gate must never stay closed
                        release();
                        sink.error(e);
                        return;
                    }
                    inner[0] = mono
                        .doFinally(signal -> release())
                        .subscribe(ignored -> { }, sink::error, sink::success);
                }
            };
            sink.onCancel(() -> {
                synchronized (inner) {
                    cancelled[0] = true;
                    if (inner[0] != null) {
                        inner[0].dispose();
                    }
                }
            });
            boolean runNow;
            synchronized (this) {
                if (busy) {
                    waiting.add(start);
                    runNow = false;
                } else {
                    busy = true;
                    runNow = true;
                }
            }
            if (runNow) {
                start.run();
            }
        });
    }

    /**
     * Runs the task on this thread at once if the gate is free, then frees it: for work that completes before it
     * returns, without {@link #run}'s reactive cost. False when the gate is taken, or when the task declines (returns
     * false) and must go through {@link #run}.
     */
    public boolean runIfFree(BooleanSupplier task) {
        synchronized (this) {
            if (busy) {
                return false;
            }
            busy = true;
        }
        try {
            return task.getAsBoolean();
        } finally {
            release();
        }
    }

    public synchronized boolean isBusy() {
        return busy;
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                busy = false;
                return;
            }
        }
        startInTurn(next);
    }

    /**
     * Starts the next holder, unless this thread is already starting one further up its stack: then that outer call
     * starts it once the current start returns. A holder that completes at once releases the gate inside its own start,
     * so starting the next one right there nested one start in the other for every queued task: a few hundred
     * pipelined commands completing on the event loop overflowed the stack and left the gate taken for good.
     *
     * <p>The queue may hold the starts of other sessions released on this thread: whatever one start throws, the others
     * still run (else their gates stay taken and their connections hang); an Error is thrown on once all have run.</p>
     */
    private static void startInTurn(Runnable start) {
        Deque<Runnable> outer = STARTING.get();
        if (outer != null) {
            outer.add(start);
            return;
        }
        Deque<Runnable> starts = new ArrayDeque<>();
        STARTING.set(starts);
        Error firstError = null;
        try {
            for (Runnable next = start; next != null; next = starts.poll()) {
                try {
                    next.run();
                } catch (RuntimeException e) {
                    LOGGER.error("A session's task failed to start", e);
                } catch (Error e) {
                    LOGGER.error("A session's task failed to start", e);
                    if (firstError == null) {
                        firstError = e;
                    } else {
                        firstError.addSuppressed(e);
                    }
                }
            }
        } finally {
            STARTING.remove();
        }
        if (firstError != null) {
            throw firstError;
        }
    }
}
