package io.syncstore.server.events;

import static org.apache.james.events.EventBusTestFixture.EVENT;
import static org.apache.james.events.EventBusTestFixture.RETRY_BACKOFF_CONFIGURATION;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventBusTestFixture;
import org.apache.james.events.EventListener;
import org.apache.james.events.MemoryEventDeadLetters;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class GroupDeliveryTest {
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private final MemoryEventDeadLetters deadLetters = new MemoryEventDeadLetters();
    private final GroupDelivery delivery = new GroupDelivery(metrics, RETRY_BACKOFF_CONFIGURATION, deadLetters);

    @Test
    void eachDeliveryIsTimedUnderJamesListenerTimerName() {
        EventListener.ReactiveEventListener listener = event -> Mono.empty();

        delivery.deliver(new EventBusTestFixture.GroupA(), listener, EVENT).block(Duration.ofSeconds(5));
        delivery.deliver(new EventBusTestFixture.GroupA(), listener, EVENT).block(Duration.ofSeconds(5));

        assertThat(metrics.executionTimesFor(EventBus.Metrics.timerName(listener))).hasSize(2);
    }

    @Test
    void aListenerThatThrowsInsteadOfFailingItsAnswerIsRetriedAndNothingGoesToTheDeadLetters() {
        AtomicInteger calls = new AtomicInteger();
        EventListener.ReactiveEventListener listener = event -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return Mono.empty();
        };

        delivery.deliver(new EventBusTestFixture.GroupA(), listener, EVENT).block(Duration.ofSeconds(10));

        assertThat(calls).hasValue(3);
        assertThat(deadLetters.groupsWithFailedEvents().collectList().block()).isEmpty();
    }

    @Test
    void anAsynchronousListenerIsNotWaitedFor() {
        Sinks.Empty<Void> never = Sinks.empty();
        AtomicInteger calls = new AtomicInteger();
        EventListener.ReactiveEventListener listener = new EventListener.ReactiveEventListener() {
            @Override
            public Mono<Void> reactiveEvent(Event event) {
                calls.incrementAndGet();
                return never.asMono();
            }

            @Override
            public ExecutionMode getExecutionMode() {
                return ExecutionMode.ASYNCHRONOUS;
            }
        };

        delivery.deliver(new EventBusTestFixture.GroupA(), listener, EVENT).block(Duration.ofSeconds(5));

        assertThat(calls).hasValue(1);
    }

    @Test
    void aListenerNotHandlingTheEventIsNotAsked() {
        AtomicInteger calls = new AtomicInteger();
        EventListener.ReactiveEventListener listener = new EventListener.ReactiveEventListener() {
            @Override
            public Mono<Void> reactiveEvent(Event event) {
                calls.incrementAndGet();
                return Mono.empty();
            }

            @Override
            public boolean isHandling(Event event) {
                return false;
            }
        };

        delivery.deliver(new EventBusTestFixture.GroupA(), listener, EVENT).block(Duration.ofSeconds(5));

        assertThat(calls).hasValue(0);
    }
}
