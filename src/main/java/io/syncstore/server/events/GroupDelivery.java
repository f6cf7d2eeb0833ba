package io.syncstore.server.events;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventDeadLetters;
import org.apache.james.events.EventListener.ExecutionMode;
import org.apache.james.events.EventListener.ReactiveEventListener;
import org.apache.james.events.Group;
import org.apache.james.events.RetryBackoffConfiguration;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Fuseable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Delivers an event to one group listener: timed as James times it ({@link EventBus.Metrics#timerName}); on failure,
 * retried with the configured backoff, then stored in the dead letters; an asynchronous listener's delivery is not
 * waited for.
 *
 * <p>The retry is built only when the first attempt fails, and a listener whose answer is complete when it returns it
 * costs no Reactor step. James's {@code InVmEventDelivery} built a logging context, a timer operator and a retry operator
 * for every listener of every event: about ten group listeners for each APPEND, STORE and EXPUNGE, on the command's
 * own thread, before the connections idling on the mailbox were told.</p>
 */
final class GroupDelivery {
    private static final Logger LOGGER = LoggerFactory.getLogger(GroupDelivery.class);

    private final MetricFactory metrics;
    private final RetryBackoffConfiguration retryBackoff;
    private final EventDeadLetters deadLetters;

    GroupDelivery(MetricFactory metrics, RetryBackoffConfiguration retryBackoff, EventDeadLetters deadLetters) {
        this.metrics = metrics;
        this.retryBackoff = retryBackoff;
        this.deadLetters = deadLetters;
    }

    /** Completes once the listener has handled the event, or once it is in the dead letters; never fails. */
    Mono<Void> deliver(Group group, ReactiveEventListener listener, Event event) {
        if (listener.getExecutionMode() == ExecutionMode.ASYNCHRONOUS) {
            return Mono.fromRunnable(() -> handled(group, listener, event)
                .subscribe(any -> { }, e -> LOGGER.error("Asynchronous delivery to group {} failed", group.asString(), e)));
        }
        return Mono.defer(() -> handled(group, listener, event));
    }

    private Mono<Void> handled(Group group, ReactiveEventListener listener, Event event) {
        Mono<Void> attempt;
        try {
            attempt = attempt(listener, event);
        } catch (RuntimeException e) {
            return retried(group, listener, event, e);
        }
        return attempt.onErrorResume(e -> retried(group, listener, event, e));
    }

    /** Mono.empty() when the listener answered complete already; a listener that throws has failed its attempt. */
    private Mono<Void> attempt(ReactiveEventListener listener, Event event) {
        if (!listener.isHandling(event)) {
            return Mono.empty();
        }
        TimeMetric timer = metrics.timer(EventBus.Metrics.timerName(listener));
        Publisher<Void> answer = listener.reactiveEvent(event);
        if (answer instanceof Fuseable.ScalarCallable) {
            try {
                ((Fuseable.ScalarCallable<?>) answer).call();
            } catch (Exception e) {
                throw e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
            } finally {
                timer.stopAndPublish();
            }
            return Mono.empty();
        }
        return Mono.from(answer).doFinally(signal -> timer.stopAndPublish());
    }

    /** The first attempt failed with {@code first}: the configured retries follow it, then the dead letters. */
    private Mono<Void> retried(Group group, ReactiveEventListener listener, Event event, Throwable first) {
        logFailure(listener, event, first);
        AtomicBoolean firstTold = new AtomicBoolean();
        return Mono.defer(() -> firstTold.getAndSet(true)
                ? Mono.defer(() -> attempt(listener, event)).doOnError(e -> logFailure(listener, event, e))
                : Mono.<Void>error(first))
            .retryWhen(Retry.backoff(retryBackoff.getMaxRetries(), retryBackoff.getFirstBackoff())
                .jitter(retryBackoff.getJitterFactor())
                .scheduler(Schedulers.parallel()))
            .onErrorResume(e -> {
                LOGGER.error("Listener {} exceeded its retries on event {}: stored in the dead letters of group {}",
                    listener.getClass().getName(), event.getEventId().getId(), group.asString());
                return Mono.from(deadLetters.store(group, event)).then();
            })
            .onErrorResume(e -> {
                LOGGER.error("Event {} for group {} was neither handled nor stored in the dead letters",
                    event.getEventId().getId(), group.asString(), e);
                return Mono.empty();
            });
    }

    private static void logFailure(ReactiveEventListener listener, Event event, Throwable e) {
        LOGGER.error("Listener {} failed on event {} ({}) of {}", listener.getClass().getName(),
            event.getEventId().getId(), event.getClass().getSimpleName(), event.getUsername().asString(), e);
    }
}
