package io.syncstore.server.events;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.backends.rabbitmq.ReceiverProvider;
import org.apache.james.backends.rabbitmq.SimpleConnectionPool;
import org.apache.james.events.Event;
import org.apache.james.events.EventBusId;
import org.apache.james.events.EventListener.ReactiveEventListener;
import org.apache.james.events.EventSerializer;
import org.apache.james.events.Group;
import org.apache.james.events.GroupAlreadyRegistered;
import org.apache.james.events.NamingStrategy;
import org.apache.james.events.Registration;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.rabbitmq.BindingSpecification;
import reactor.rabbitmq.QueueSpecification;
import reactor.rabbitmq.Receiver;
import reactor.rabbitmq.Sender;

/**
 * Every mailbox event, on this node, for the {@link io.syncstore.api.NodeLocalGroup}s registered here: a queue of this
 * node's own bound to the event exchange as James's group queue is, so that each node gets its copy where James's
 * group queue gives each event to one node. An event dispatched on this node reaches them at once, as James's bus
 * delivers to keyed listeners (the broker may be away), and its copy from the queue is skipped. Listeners get one
 * attempt, as keyed ones: their state is this node's connections, which a late retry would not help.
 *
 * <p>The queue is durable, as James's queues of keyed listeners are: what other nodes publish after a broker restart
 * and before this node reconnects waits for it. It is deleted when the node stops, or by the broker after an hour
 * without a consumer (a node that died).</p>
 */
public class NodeBroadcast implements SimpleConnectionPool.ReconnectionHandler {
    private static final Logger LOGGER = LoggerFactory.getLogger(NodeBroadcast.class);
    private static final String ALL_EVENTS = "";
    /** The header in which James's bus names the bus that published an event. */
    private static final String PUBLISHED_BY = "eventBusId";
    private static final int UNUSED_QUEUE_EXPIRY_MS = 3_600_000;
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final Sender sender;
    private final ReceiverProvider receivers;
    private final NamingStrategy naming;
    private final EventSerializer serializer;
    private final EventBusId node;
    private final String queue;
    private final ConcurrentHashMap<Group, ReactiveEventListener> listeners = new ConcurrentHashMap<>();
    private Disposable consumer;

    public NodeBroadcast(Sender sender, ReceiverProvider receivers, NamingStrategy naming, EventSerializer serializer, EventBusId node) {
        this.sender = sender;
        this.node = node;
        this.receivers = receivers;
        this.naming = naming;
        this.serializer = serializer;
        this.queue = naming.getEventBusName().value() + "-node-broadcast-" + UUID.randomUUID();
    }

    Registration register(ReactiveEventListener listener, Group group) {
        if (listeners.putIfAbsent(group, listener) != null) {
            throw new GroupAlreadyRegistered(group);
        }
        consume();
        return () -> Mono.fromRunnable(() -> listeners.remove(group, listener));
    }

    Mono<Void> dispatchedHere(Event event) {
        return event.isNoop() ? Mono.empty() : deliverToAll(event);
    }

    Mono<Void> redeliver(Group group, Event event) {
        ReactiveEventListener listener = listeners.get(group);
        return listener == null ? Mono.empty() : deliver(listener, event);
    }

    Collection<Group> groups() {
        return Set.copyOf(listeners.keySet());
    }

    @Override
    public synchronized Publisher<Void> handleReconnection(Connection connection) {
        if (consumer == null) {
            return Mono.empty();
        }
        return Mono.fromRunnable(() -> {
            consumer.dispose();
            consumer = null;
            consume();
        });
    }

    synchronized void stop() {
        if (consumer != null) {
            consumer.dispose();
            consumer = null;
            // subscribed on a worker: with the broker away, James's pool reconnects inside the subscription, on the
            // subscribing thread, past any timeout; the stopping thread must not be that one
            Mono.defer(() -> sender.delete(QueueSpecification.queue(queue)))
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(STOP_WAIT)
                .onErrorResume(e -> {
                    LOGGER.warn("Could not delete RabbitMQ queue {}: the broker deletes it after an hour", queue, e);
                    return Mono.empty();
                })
                .block();
        }
    }

    private synchronized void consume() {
        if (consumer != null) {
            return;
        }
        sender.declareQueue(QueueSpecification.queue(queue).durable(true).exclusive(false).autoDelete(false)
                .arguments(Map.of("x-expires", UNUSED_QUEUE_EXPIRY_MS)))
            .then(sender.bind(BindingSpecification.binding().exchange(naming.exchange()).queue(queue).routingKey(ALL_EVENTS)))
            .block();
        consumer = Flux.using(receivers::createReceiver, receiver -> receiver.consumeAutoAck(queue), Receiver::close)
            .filter(delivery -> !publishedHere(delivery))
            .concatMap(delivery -> Mono.fromCallable(() -> serializer.fromBytes(delivery.getBody()))
                .flatMap(this::deliverToAll)
                .onErrorResume(e -> {
                    LOGGER.warn("Cannot read a mailbox event from RabbitMQ queue {}", queue, e);
                    return Mono.empty();
                }))
            .subscribe();
    }

    private boolean publishedHere(Delivery delivery) {
        Map<String, Object> headers = delivery.getProperties().getHeaders();
        return headers != null && node.asString().equals(String.valueOf(headers.get(PUBLISHED_BY)));
    }

    private Mono<Void> deliverToAll(Event event) {
        return Flux.fromIterable(listeners.values())
            .flatMap(listener -> deliver(listener, event))
            .then();
    }

    private Mono<Void> deliver(ReactiveEventListener listener, Event event) {
        if (!listener.isHandling(event)) {
            return Mono.empty();
        }
        return Mono.from(listener.reactiveEvent(event))
            .onErrorResume(e -> {
                LOGGER.warn("Listener {} failed on event {}", listener, event.getEventId(), e);
                return Mono.empty();
            });
    }
}
