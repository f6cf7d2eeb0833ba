package io.syncstore.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.james.backends.rabbitmq.RabbitMQConnectionFactory;
import org.apache.james.backends.rabbitmq.ReactorRabbitMQChannelPool;
import org.apache.james.backends.rabbitmq.SimpleConnectionPool;
import org.apache.james.events.EventBusId;
import org.apache.james.events.EventBusName;
import org.apache.james.events.EventBusTestFixture;
import org.apache.james.events.EventListener;
import org.apache.james.events.MemoryEventDeadLetters;
import org.apache.james.events.NamingStrategy;
import org.apache.james.events.RabbitMQEventBus;
import org.apache.james.events.RoutingKeyConverter;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

import com.google.common.collect.ImmutableSet;

import io.syncstore.api.NodeLocalGroup;

/**
 * Two nodes' buses on one broker: a node-local group (NOTIFY's) hears every event on each node, wherever it was
 * dispatched, while a James group hears each event once across the nodes.
 */
class DistributedEventBusTest {
    private static final AtomicInteger TEST_NUMBERS = new AtomicInteger();
    private static final int EVENTS = 50;

    private SimpleConnectionPool connections;
    private ReactorRabbitMQChannelPool channels;
    private List<RabbitMQEventBus> jamesBuses;
    private List<DistributedEventBus> nodes;
    private BrokerOutbox outbox;

    @BeforeEach
    void setUp() {
        RabbitMQTestServer server = RabbitMQTestServer.instance();
        connections = new SimpleConnectionPool(new RabbitMQConnectionFactory(server.configuration()), SimpleConnectionPool.Configuration.DEFAULT);
        channels = new ReactorRabbitMQChannelPool(connections.getResilientConnection(), ReactorRabbitMQChannelPool.Configuration.DEFAULT,
            new RecordingMetricFactory());
        channels.start();
        NamingStrategy naming = new NamingStrategy(new EventBusName("nodes-" + TEST_NUMBERS.incrementAndGet()));
        MemoryEventDeadLetters deadLetters = new MemoryEventDeadLetters();
        List<EventBusId> ids = List.of(EventBusId.random(), EventBusId.random());
        outbox = new BrokerOutbox(connections.getResilientConnection(), channels, BrokerOutbox.DEFAULT_CAPACITY, BrokerOutbox.DEFAULT_CONFIRM_WAIT);
        jamesBuses = ids.stream().map(id -> new RabbitMQEventBus(naming, outbox, channels::createReceiver,
                new EventBusTestFixture.TestEventSerializer(), EventBusTestFixture.RETRY_BACKOFF_CONFIGURATION,
                new RoutingKeyConverter(ImmutableSet.of(new EventBusTestFixture.TestRegistrationKeyFactory())),
                deadLetters, new RecordingMetricFactory(), channels, id, server.configuration()))
            .collect(Collectors.toList());
        jamesBuses.forEach(RabbitMQEventBus::start);
        nodes = IntStream.range(0, 2)
            .mapToObj(i -> new DistributedEventBus(jamesBuses.get(i), new NodeBroadcast(outbox, channels::createReceiver, naming,
                new EventBusTestFixture.TestEventSerializer(), ids.get(i))))
            .collect(Collectors.toList());
    }

    @AfterEach
    void tearDown() {
        nodes.forEach(DistributedEventBus::stop);
        jamesBuses.forEach(RabbitMQEventBus::stop);
        outbox.close();
        channels.close();
        connections.close();
    }

    @RepeatedTest(3)
    void nodeLocalGroupsHearEveryEventOnEveryNodeJamesGroupsOnceAcrossThem() throws Exception {
        List<AtomicInteger> nodeLocal = List.of(new AtomicInteger(), new AtomicInteger());
        AtomicInteger jamesGroup = new AtomicInteger();
        for (int node = 0; node < 2; node++) {
            AtomicInteger counter = nodeLocal.get(node);
            nodes.get(node).register((EventListener) event -> counter.incrementAndGet(), NodeLocalGroup.named("notify-node-" + node));
            nodes.get(node).register((EventListener) event -> jamesGroup.incrementAndGet(), EventBusTestFixture.GROUP_A);
        }

        for (int i = 0; i < EVENTS; i++) {
            nodes.get(i % 2).dispatch(EventBusTestFixture.EVENT, ImmutableSet.of()).block();
        }

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(nodeLocal.get(0).get()).isEqualTo(EVENTS);
            assertThat(nodeLocal.get(1).get()).isEqualTo(EVENTS);
            assertThat(jamesGroup.get()).isEqualTo(EVENTS);
        });
        Thread.sleep(500);
        assertThat(List.of(nodeLocal.get(0).get(), nodeLocal.get(1).get(), jamesGroup.get())).containsOnly(EVENTS);
        assertThat(nodes.get(0).listRegisteredGroups()).contains(NodeLocalGroup.named("notify-node-0"), EventBusTestFixture.GROUP_A);
    }
}
