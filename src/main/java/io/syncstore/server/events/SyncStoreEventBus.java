package io.syncstore.server.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;

import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventBusName;
import org.apache.james.events.EventDeadLetters;
import org.apache.james.events.EventListener.ReactiveEventListener;
import org.apache.james.events.Group;
import org.apache.james.events.GroupAlreadyRegistered;
import org.apache.james.events.GroupRegistrationNotFound;
import org.apache.james.events.Registration;
import org.apache.james.events.RegistrationKey;
import org.apache.james.events.RetryBackoffConfiguration;
import org.apache.james.metrics.api.MetricFactory;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Fuseable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An event bus inside one JVM that other threads may register on and unregister from while it dispatches.
 *
 * <p>Every event reaches every listener registered, for one of its keys or for a group, during the whole dispatch;
 * a listener that fails, or a registration that comes or goes meanwhile, never fails the dispatch. Group listeners
 * get retries and, past them, the event goes to the dead letters; keyed listeners (one per IMAP connection) get one
 * attempt, all of them asked in one loop. Delivery to groups (execution modes, retries, dead letters, timing) is
 * {@link GroupDelivery}'s.
 */
public class SyncStoreEventBus implements EventBus {
    public static final EventBusName NAME = new EventBusName("SyncStoreEventBus");
    private static final Logger LOGGER = LoggerFactory.getLogger(SyncStoreEventBus.class);

    private final KeyRegistrations keyRegistrations = new KeyRegistrations();
    private final ConcurrentHashMap<Group, ReactiveEventListener> groups = new ConcurrentHashMap<>();
    private final GroupDelivery delivery;

    @Inject
    public SyncStoreEventBus(MetricFactory metrics, RetryBackoffConfiguration retryBackoff, EventDeadLetters deadLetters) {
        this.delivery = new GroupDelivery(metrics, retryBackoff, deadLetters);
    }

    @Override
    public Mono<Registration> register(ReactiveEventListener listener, RegistrationKey key) {
        return Mono.fromCallable(() -> {
            keyRegistrations.add(key, listener);
            return () -> Mono.fromRunnable(() -> keyRegistrations.remove(key, listener));
        });
    }

    @Override
    public Registration register(ReactiveEventListener listener, Group group) {
        if (groups.putIfAbsent(group, listener) != null) {
            throw new GroupAlreadyRegistered(group);
        }
        return () -> Mono.fromRunnable(() -> groups.remove(group, listener));
    }

    @Override
    public Mono<Void> dispatch(Event event, Set<RegistrationKey> keys) {
        if (event.isNoop()) {
            return Mono.empty();
        }
        return Mono.defer(() -> Flux.merge(
                Flux.fromIterable(groups.entrySet())
                    .flatMap(entry -> delivery.deliver(entry.getKey(), entry.getValue(), event), EXECUTION_RATE),
                Flux.fromIterable(toKeyListeners(event, keys))
                    .flatMap(delivery -> delivery, EXECUTION_RATE))
            .then());
    }

    @Override
    public Mono<Void> reDeliver(Group group, Event event) {
        if (event.isNoop()) {
            return Mono.empty();
        }
        return Mono.defer(() -> Optional.ofNullable(groups.get(group))
            .map(listener -> delivery.deliver(group, listener, event))
            .orElseGet(() -> Mono.error(new GroupRegistrationNotFound(group))));
    }

    @Override
    public EventBusName eventBusName() {
        return NAME;
    }

    @Override
    public Collection<Group> listRegisteredGroups() {
        return groups.keySet();
    }

    /**
     * Asks every keyed listener in one plain loop, one attempt each, and returns the deliveries still under way. A
     * listener whose answer is complete when it returns it (an IMAP connection's selected state records the change
     * and hands its wake-up over as it is asked) costs no Reactor step: with 1,000 connections idling on a mailbox,
     * one step of a few operators per connection was most of the dispatching thread's work (docs/benchmarks.md,
     * section 6). Not through {@link GroupDelivery}: a keyed listener has no retry or dead letters, and its timer
     * per delivery was a tenth of that dispatch (James's timer and logging context, before).
     */
    private List<Mono<Void>> toKeyListeners(Event event, Set<RegistrationKey> keys) {
        List<Mono<Void>> underWay = new ArrayList<>();
        for (ReactiveEventListener listener : keyRegistrations.listenersOf(keys)) {
            try {
                if (listener.isHandling(event)) {
                    Publisher<Void> delivery = listener.reactiveEvent(event);
                    if (delivery instanceof Fuseable.ScalarCallable) {
                        // complete already, or failed already (Mono.error): nothing to subscribe to
                        ((Fuseable.ScalarCallable<?>) delivery).call();
                    } else {
                        underWay.add(Mono.from(delivery).onErrorResume(e -> failed(listener, event, e)));
                    }
                }
            } catch (Throwable e) {
                // every other listener is still told
                failed(listener, event, e);
            }
        }
        return underWay;
    }

    private static Mono<Void> failed(ReactiveEventListener listener, Event event, Throwable e) {
        LOGGER.error("Listener {} failed on event {} of {}", listener.getClass().getName(), event.getEventId().getId(),
            event.getUsername().asString(), e);
        return Mono.empty();
    }
}
