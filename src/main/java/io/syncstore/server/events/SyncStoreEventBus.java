package io.syncstore.server.events;

import java.util.Collection;
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
import org.apache.james.events.delivery.EventDelivery;
import org.apache.james.events.delivery.EventDelivery.DeliveryOption;
import org.apache.james.events.delivery.EventDelivery.PermanentFailureHandler.StoreToDeadLetters;
import org.apache.james.events.delivery.EventDelivery.Retryer.BackoffRetryer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An event bus inside one JVM that other threads may register on and unregister from while it dispatches.
 *
 * <p>Every event reaches every listener registered, for one of its keys or for a group, during the whole dispatch;
 * a listener that fails, or a registration that comes or goes meanwhile, never fails the dispatch. Group listeners
 * get retries and, past them, the event goes to the dead letters; keyed listeners (one per IMAP connection) get one
 * attempt. Delivery to groups (execution modes, retries, metrics, logging) is James's {@link EventDelivery}.
 */
public class SyncStoreEventBus implements EventBus {
    public static final EventBusName NAME = new EventBusName("SyncStoreEventBus");
    private static final Logger LOGGER = LoggerFactory.getLogger(SyncStoreEventBus.class);

    private final KeyRegistrations keyRegistrations = new KeyRegistrations();
    private final ConcurrentHashMap<Group, ReactiveEventListener> groups = new ConcurrentHashMap<>();
    private final EventDelivery delivery;
    private final RetryBackoffConfiguration retryBackoff;
    private final EventDeadLetters deadLetters;

    @Inject
    public SyncStoreEventBus(EventDelivery delivery, RetryBackoffConfiguration retryBackoff, EventDeadLetters deadLetters) {
        this.delivery = delivery;
        this.retryBackoff = retryBackoff;
        this.deadLetters = deadLetters;
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
                    .flatMap(entry -> toGroup(entry.getKey(), entry.getValue(), event), EXECUTION_RATE),
                Flux.fromIterable(keyRegistrations.listenersOf(keys))
                    .flatMap(listener -> toKeyListener(listener, event), EXECUTION_RATE))
            .then());
    }

    @Override
    public Mono<Void> reDeliver(Group group, Event event) {
        if (event.isNoop()) {
            return Mono.empty();
        }
        return Mono.defer(() -> Optional.ofNullable(groups.get(group))
            .map(listener -> toGroup(group, listener, event))
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

    private Mono<Void> toGroup(Group group, ReactiveEventListener listener, Event event) {
        DeliveryOption retriedThenDeadLetters = DeliveryOption.of(BackoffRetryer.of(retryBackoff, listener),
            StoreToDeadLetters.of(group, deadLetters));
        return Mono.defer(() -> delivery.deliver(listener, event, retriedThenDeadLetters))
            .onErrorResume(e -> {
                LOGGER.error("Event {} for group {} was neither handled nor stored in the dead letters",
                    event.getEventId().getId(), group.asString(), e);
                return Mono.empty();
            });
    }

    /**
     * One attempt, its failure logged and kept from the dispatch and the other listeners. Not through James's
     * {@link EventDelivery}: its timer and logging context per delivery were a tenth of the dispatch to 1,000 idling
     * connections (docs/benchmarks.md, section 6), and a keyed listener has no retry for them to serve.
     */
    private Mono<Void> toKeyListener(ReactiveEventListener listener, Event event) {
        return Mono.defer(() -> listener.isHandling(event) ? Mono.from(listener.reactiveEvent(event)) : Mono.<Void>empty())
            .onErrorResume(e -> {
                LOGGER.error("Listener {} failed on event {} of {}", listener.getClass().getName(), event.getEventId().getId(),
                    event.getUsername().asString(), e);
                return Mono.empty();
            });
    }
}
