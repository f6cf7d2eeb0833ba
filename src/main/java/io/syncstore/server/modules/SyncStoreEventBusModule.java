package io.syncstore.server.modules;

import java.util.Optional;
import java.util.Set;

import javax.inject.Provider;

import org.apache.james.backends.rabbitmq.RabbitMQConfiguration;
import org.apache.james.backends.rabbitmq.RabbitMQConnectionFactory;
import org.apache.james.backends.rabbitmq.ReactorRabbitMQChannelPool;
import org.apache.james.backends.rabbitmq.ReceiverProvider;
import org.apache.james.backends.rabbitmq.SimpleConnectionPool;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventBusId;
import org.apache.james.events.EventBusReconnectionHandler;
import org.apache.james.events.EventSerializer;
import org.apache.james.events.NamingStrategy;
import org.apache.james.events.RabbitMQEventBus;
import org.apache.james.events.RegistrationKey;
import org.apache.james.mailbox.events.MailboxIdRegistrationKey;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

import reactor.rabbitmq.Sender;

import io.syncstore.config.SyncStoreConfiguration;
import io.syncstore.server.events.BrokerOutbox;
import io.syncstore.server.events.DistributedEventBus;
import io.syncstore.server.events.NodeBroadcast;
import io.syncstore.server.events.RabbitMQReachability;
import io.syncstore.server.events.RabbitMQSettings;
import io.syncstore.server.events.SyncStoreEventBus;

/**
 * The mailbox {@link EventBus}, one binding for IMAP, the mailbox listeners and JMAP (overriding James's
 * {@code DefaultEventModule}): SyncStore's in-VM bus on a single node (James 3.8.1's {@code InVMEventBus} fails
 * dispatches while IMAP connections register and unregister, docs/events.md), James's RabbitMQ bus when
 * {@code rabbitmq.properties} is present, so that several nodes on one PostgreSQL hear each other (docs/nodes.md),
 * with {@link io.syncstore.api.NodeLocalGroup}s heard on every node ({@link DistributedEventBus}).
 * Only the chosen bus is built: the RabbitMQ bindings are not used on a single node.
 */
public class SyncStoreEventBusModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SyncStoreEventBus.class).in(Scopes.SINGLETON);
        bind(RabbitMQEventBus.class).in(Scopes.SINGLETON);
        bind(DistributedEventBus.class).in(Scopes.SINGLETON);
        bind(NamingStrategy.class).toInstance(NamingStrategy.MAILBOX_EVENT_NAMING_STRATEGY);
        bind(EventBusId.class).toInstance(EventBusId.random());
        // the keys whose listeners RabbitMQ routes to a node; a bus user with keys of its own adds its factory here
        Multibinder.newSetBinder(binder(), RegistrationKey.Factory.class)
            .addBinding().to(MailboxIdRegistrationKey.Factory.class);
    }

    @Provides
    @Singleton
    Optional<RabbitMQConfiguration> rabbitMQSettings(PropertiesProvider files, SyncStoreConfiguration store) {
        Optional<RabbitMQConfiguration> rabbitMQ = RabbitMQSettings.read(files, store);
        rabbitMQ.ifPresent(RabbitMQReachability::check);
        return rabbitMQ;
    }

    @Provides
    @Singleton
    EventBus eventBus(Optional<RabbitMQConfiguration> rabbitMQ, Provider<SyncStoreEventBus> inVm, Provider<DistributedEventBus> distributed) {
        return rabbitMQ.isPresent() ? distributed.get() : inVm.get();
    }

    @Provides
    @Singleton
    RabbitMQConfiguration rabbitMQConfiguration(Optional<RabbitMQConfiguration> rabbitMQ) {
        return rabbitMQ.orElseThrow(() -> new IllegalStateException(RabbitMQSettings.FILE_NAME + " is absent: no RabbitMQ to connect to"));
    }

    @Provides
    @Singleton
    SimpleConnectionPool connectionPool(RabbitMQConfiguration configuration) {
        return new SimpleConnectionPool(new RabbitMQConnectionFactory(configuration), SimpleConnectionPool.Configuration.DEFAULT);
    }

    @Provides
    @Singleton
    ReactorRabbitMQChannelPool channelPool(SimpleConnectionPool connections, MetricFactory metricFactory) {
        ReactorRabbitMQChannelPool channels = new ReactorRabbitMQChannelPool(connections.getResilientConnection(),
            ReactorRabbitMQChannelPool.Configuration.DEFAULT, metricFactory);
        channels.start();
        return channels;
    }

    /** Publications for the other nodes leave the client's path (a broker gone must not hold a command). */
    @Provides
    @Singleton
    Sender sender(SimpleConnectionPool connections, ReactorRabbitMQChannelPool channels) {
        return new BrokerOutbox(connections.getResilientConnection(), channels, BrokerOutbox.DEFAULT_CAPACITY, BrokerOutbox.DEFAULT_CONFIRM_WAIT);
    }

    @Provides
    @Singleton
    NodeBroadcast nodeBroadcast(Sender sender, ReceiverProvider receivers, NamingStrategy naming, EventSerializer serializer, EventBusId node) {
        return new NodeBroadcast(sender, receivers, naming, serializer, node);
    }

    @Provides
    @Singleton
    ReceiverProvider receiverProvider(ReactorRabbitMQChannelPool channels) {
        return channels::createReceiver;
    }

    /** Starts the RabbitMQ bus, when it is the one in use, before anything registers on it. */
    @ProvidesIntoSet
    InitializationOperation startRabbitMQEventBus(Optional<RabbitMQConfiguration> rabbitMQ, Provider<RabbitMQEventBus> bus,
                                                  Provider<SimpleConnectionPool> connections, Provider<NodeBroadcast> broadcast) {
        return InitilizationOperationBuilder.forClass(RabbitMQEventBus.class)
            .init(() -> rabbitMQ.ifPresent(configuration -> {
                connections.get().init(Set.of(new EventBusReconnectionHandler(bus.get()), broadcast.get()));
                bus.get().start();
            }));
    }
}
