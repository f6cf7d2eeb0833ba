package io.syncstore.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventBusTestFixture.TestEvent;
import org.apache.james.events.EventBusTestFixture.TestRegistrationKey;
import org.apache.james.events.EventListener.ReactiveEventListener;
import org.apache.james.events.MemoryEventDeadLetters;
import org.apache.james.events.Registration;
import org.apache.james.events.RegistrationKey;
import org.apache.james.events.RetryBackoffConfiguration;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.junit.jupiter.api.RepeatedTest;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;

/**
 * What IMAP does to the bus: connections register keyed listeners (SELECT, IDLE, NOTIFY) and drop them (LOGOUT,
 * another SELECT) on many threads while changes are dispatched on others. Every event must reach, once, every
 * listener registered on one of its keys for the whole dispatch, and no dispatch may fail; so for listeners that do
 * their work when asked (told in the bus's loop) as for those that do it when subscribed to.
 */
class RegistrationChurnTest {
    private static final List<RegistrationKey> KEYS = IntStream.range(0, 4)
        .mapToObj(i -> (RegistrationKey) new TestRegistrationKey("mailbox-" + i))
        .collect(Collectors.toList());
    private static final int CONNECTION_THREADS = 8;
    private static final int REGISTRATIONS_PER_THREAD = 1_500;
    private static final int DISPATCH_THREADS = 4;
    private static final int DISPATCHES_PER_THREAD = 1_500;

    /** A total order of registrations, unregistrations and dispatches across threads. */
    private final AtomicLong clock = new AtomicLong();
    private final ConcurrentLinkedQueue<Throwable> dispatchFailures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Connection> connections = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Dispatch> dispatches = new ConcurrentLinkedQueue<>();

    @RepeatedTest(5)
    void everyEventReachesEveryListenerRegisteredThroughoutItsDispatch() throws Exception {
        EventBus bus = new SyncStoreEventBus(new RecordingMetricFactory(),
            RetryBackoffConfiguration.DEFAULT, new MemoryEventDeadLetters());

        runConcurrently(bus);

        assertThat(dispatchFailures).isEmpty();
        List<Dispatch> byStart = new ArrayList<>(dispatches);
        byStart.sort(Comparator.comparingLong(Dispatch::start));
        List<String> missed = new ArrayList<>();
        long checked = 0;
        for (Connection connection : connections) {
            assertThat(connection.received.values()).allSatisfy(times -> assertThat(times.get()).isEqualTo(1));
            for (Dispatch dispatch : byStart) {
                if (dispatch.start > connection.unregisteredAt) {
                    break;
                }
                if (connection.receives(dispatch)) {
                    checked++;
                    if (!connection.received.containsKey(dispatch.event.getEventId())) {
                        missed.add(connection + " missed " + dispatch);
                    }
                }
            }
        }
        assertThat(missed).isEmpty();
        assertThat(checked).as("deliveries that had to happen").isGreaterThan(1_000);
    }

    private void runConcurrently(EventBus bus) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(CONNECTION_THREADS + DISPATCH_THREADS);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < CONNECTION_THREADS; t++) {
            threads.execute(() -> {
                await(start);
                for (int i = 0; i < REGISTRATIONS_PER_THREAD; i++) {
                    connectSelectAndLeave(bus);
                }
            });
        }
        for (int t = 0; t < DISPATCH_THREADS; t++) {
            threads.execute(() -> {
                await(start);
                for (int i = 0; i < DISPATCHES_PER_THREAD; i++) {
                    dispatchChange(bus);
                }
            });
        }
        start.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(2, TimeUnit.MINUTES)).as("all threads done").isTrue();
    }

    private void connectSelectAndLeave(EventBus bus) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Set<RegistrationKey> keys = randomKeys(random);
        Connection connection = new Connection(keys, random.nextBoolean());
        Registration registration = Mono.from(bus.register(connection, keys)).block();
        connection.registeredAt = clock.incrementAndGet();
        LockSupport.parkNanos(random.nextLong(200_000));
        connection.unregisteredAt = clock.incrementAndGet();
        Mono.from(registration.unregister()).block();
        connections.add(connection);
    }

    private void dispatchChange(EventBus bus) {
        Event event = new TestEvent(Event.EventId.random(), Username.of("user"));
        Set<RegistrationKey> keys = randomKeys(ThreadLocalRandom.current());
        long start = clock.incrementAndGet();
        try {
            bus.dispatch(event, keys).block();
        } catch (Throwable e) {
            dispatchFailures.add(e);
        }
        dispatches.add(new Dispatch(event, keys, start, clock.incrementAndGet()));
    }

    private static Set<RegistrationKey> randomKeys(ThreadLocalRandom random) {
        return IntStream.range(0, 1 + random.nextInt(2))
            .mapToObj(i -> KEYS.get(random.nextInt(KEYS.size())))
            .collect(Collectors.toSet());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static class Connection implements ReactiveEventListener {
        private final Set<RegistrationKey> keys;
        /** Records the event as it is asked, as an IMAP connection's selected state does; otherwise when subscribed to. */
        private final boolean atOnce;
        private final Map<Event.EventId, AtomicInteger> received = new ConcurrentHashMap<>();
        private volatile long registeredAt = Long.MAX_VALUE;
        private volatile long unregisteredAt;

        Connection(Set<RegistrationKey> keys, boolean atOnce) {
            this.keys = keys;
            this.atOnce = atOnce;
        }

        @Override
        public Publisher<Void> reactiveEvent(Event event) {
            if (atOnce) {
                record(event);
                return Mono.empty();
            }
            return Mono.fromRunnable(() -> record(event));
        }

        private void record(Event event) {
            received.computeIfAbsent(event.getEventId(), id -> new AtomicInteger()).incrementAndGet();
        }

        boolean receives(Dispatch dispatch) {
            return registeredAt < dispatch.start && dispatch.end < unregisteredAt
                && dispatch.keys.stream().anyMatch(keys::contains);
        }

        @Override
        public String toString() {
            return "listener on " + keys + " from " + registeredAt + " to " + unregisteredAt;
        }
    }

    private static class Dispatch {
        private final Event event;
        private final Set<RegistrationKey> keys;
        private final long start;
        private final long end;

        Dispatch(Event event, Set<RegistrationKey> keys, long start, long end) {
            this.event = event;
            this.keys = keys;
            this.start = start;
            this.end = end;
        }

        long start() {
            return start;
        }

        @Override
        public String toString() {
            return "event " + event.getEventId().getId() + " on " + keys + " from " + start + " to " + end;
        }
    }
}
