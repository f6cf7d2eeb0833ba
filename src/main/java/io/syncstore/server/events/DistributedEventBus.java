package io.syncstore.server.events;

import java.util.Collection;
import java.util.Set;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventBusName;
import org.apache.james.events.EventListener.ReactiveEventListener;
import org.apache.james.events.Group;
import org.apache.james.events.RabbitMQEventBus;
import org.apache.james.events.Registration;
import org.apache.james.events.RegistrationKey;
import org.reactivestreams.Publisher;

import com.google.common.collect.ImmutableSet;

import io.syncstore.api.NodeLocalGroup;
import reactor.core.publisher.Mono;

/**
 * James's RabbitMQ event bus for several nodes, with {@link NodeLocalGroup}s heard on every node
 * ({@link NodeBroadcast}); everything else (keys, James's groups, dispatch) is James's bus. This node's node-local
 * and keyed listeners hear an event at once, whatever the broker does; the other nodes when the broker takes it
 * ({@link BrokerOutbox}).
 */
public class DistributedEventBus implements EventBus {
    private final RabbitMQEventBus james;
    private final NodeBroadcast broadcast;

    @Inject
    public DistributedEventBus(RabbitMQEventBus james, NodeBroadcast broadcast) {
        this.james = james;
        this.broadcast = broadcast;
    }

    @Override
    public Publisher<Registration> register(ReactiveEventListener listener, RegistrationKey key) {
        return james.register(listener, key);
    }

    @Override
    public Registration register(ReactiveEventListener listener, Group group) {
        return NodeLocalGroup.isNodeLocal(group) ? broadcast.register(listener, group) : james.register(listener, group);
    }

    @Override
    public Mono<Void> dispatch(Event event, Set<RegistrationKey> keys) {
        return Mono.when(broadcast.dispatchedHere(event), james.dispatch(event, keys));
    }

    @Override
    public Mono<Void> reDeliver(Group group, Event event) {
        return NodeLocalGroup.isNodeLocal(group) ? broadcast.redeliver(group, event) : james.reDeliver(group, event);
    }

    @Override
    public EventBusName eventBusName() {
        return james.eventBusName();
    }

    @Override
    public Collection<Group> listRegisteredGroups() {
        return ImmutableSet.<Group>builder().addAll(james.listRegisteredGroups()).addAll(broadcast.groups()).build();
    }

    @PreDestroy
    public void stop() {
        broadcast.stop();
    }
}
