package io.syncstore.backend.queue;

import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Wakes the dequeuers of a queue when an item may have become available. A dequeuer takes {@link #next()} before
 * it looks for an item, so that an enqueue committed while it looks still wakes it.
 */
final class WakeUpSignal {
    private final AtomicReference<Sinks.Empty<Void>> next = new AtomicReference<>(Sinks.empty());

    /** Completes at the first wake-up after this call. */
    Mono<Void> next() {
        return next.get().asMono();
    }

    void wakeUp() {
        next.getAndSet(Sinks.empty()).tryEmitEmpty();
    }
}
