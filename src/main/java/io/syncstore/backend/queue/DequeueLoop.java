package io.syncstore.backend.queue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Feeds one subscriber of a queue: claims items as the subscriber requests them, and when none is due waits for a
 * wake-up (an enqueue, a retry, a flush) or for the earliest delayed item, never polling the database in between
 * on a database of one server (several nodes: {@link SyncStoreMailQueue#timeUntilNextLook}).
 */
final class DequeueLoop {
    /** Bounds a wait for a delayed item, so that a jump of the wall clock delays it by this much at most. */
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);
    private static final Duration WAIT_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final Logger LOGGER = LoggerFactory.getLogger(DequeueLoop.class);

    private final SyncStoreMailQueue queue;
    private final FluxSink<SyncStoreMailQueueItem> sink;
    private final Scheduler scheduler;
    private final AtomicInteger pendingDrains = new AtomicInteger();
    private final Disposable.Swap pendingWait = Disposables.swap();

    DequeueLoop(SyncStoreMailQueue queue, FluxSink<SyncStoreMailQueueItem> sink, Scheduler scheduler) {
        this.queue = queue;
        this.sink = sink;
        this.scheduler = scheduler;
    }

    void start() {
        sink.onRequest(requested -> drain());
    }

    /** Ends the subscription, as the queue shuts down. */
    void complete() {
        sink.complete();
    }

    /** Called once the subscription ended, whether cancelled or completed. */
    void stop() {
        pendingWait.dispose();
    }

    private void drain() {
        if (pendingDrains.getAndIncrement() == 0) {
            scheduler.schedule(this::drainLoop);
        }
    }

    private void drainLoop() {
        int missed = 1;
        do {
            emitWhileRequested();
            missed = pendingDrains.addAndGet(-missed);
        } while (missed != 0);
    }

    private void emitWhileRequested() {
        while (sink.requestedFromDownstream() > 0 && !sink.isCancelled()) {
            Mono<Void> wakeUp = queue.nextWakeUp();
            try {
                Optional<SyncStoreMailQueueItem> item = queue.claimNext();
                if (item.isEmpty()) {
                    waitFor(wakeUp, queue.timeUntilNextLook().map(this::bounded));
                    return;
                }
                sink.next(item.get());
            } catch (Exception e) {
                LOGGER.warn("Dequeue from mail queue {} failed, trying again in {}", queue.getName().asString(), WAIT_AFTER_FAILURE, e);
                waitFor(wakeUp, Optional.of(WAIT_AFTER_FAILURE));
                return;
            }
        }
    }

    private void waitFor(Mono<Void> wakeUp, Optional<Duration> timeout) {
        Mono<Void> trigger = timeout
            .map(duration -> Mono.firstWithSignal(wakeUp, Mono.delay(duration).then()))
            .orElse(wakeUp);
        pendingWait.update(trigger.subscribe(null, error -> drain(), this::drain));
    }

    private Duration bounded(Duration wait) {
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }
}
