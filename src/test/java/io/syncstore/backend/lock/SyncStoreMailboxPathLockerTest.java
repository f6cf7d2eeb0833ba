package io.syncstore.backend.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxPathLocker.LockType;
import org.apache.james.mailbox.model.MailboxPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import io.syncstore.reactive.Blocking;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

class SyncStoreMailboxPathLockerTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<MailboxPath> PATHS = List.of(
        MailboxPath.inbox(Username.of("alice")),
        MailboxPath.forUser(Username.of("alice"), "Sent"),
        MailboxPath.inbox(Username.of("bob")));

    private final SyncStoreMailboxPathLocker locker = new SyncStoreMailboxPathLocker();
    private final ExecutorService callers = Executors.newFixedThreadPool(16);

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    /**
     * Many threads take the locks of a few paths at once, in both forms, the work under a lock ending on this thread,
     * on Blocking's, or on a timer's: a writer is never with anyone, every write's increment survives (a counter
     * written without atomics), every execution ends, and readers were seen together.
     */
    @RepeatedTest(5)
    void writersAreAloneReadersShareAndEveryExecutionEnds() throws Exception {
        ConcurrentHashMap<MailboxPath, Occupancy> occupancies = new ConcurrentHashMap<>();
        PATHS.forEach(path -> occupancies.put(path, new Occupancy()));
        int operationsPerCaller = 150;
        List<Future<?>> running = new ArrayList<>();
        for (int caller = 0; caller < 16; caller++) {
            boolean blockingForm = caller % 4 == 0;
            running.add(callers.submit(() -> {
                for (int i = 0; i < operationsPerCaller; i++) {
                    MailboxPath path = PATHS.get(ThreadLocalRandom.current().nextInt(PATHS.size()));
                    LockType type = ThreadLocalRandom.current().nextInt(3) == 0 ? LockType.Write : LockType.Read;
                    Occupancy occupancy = occupancies.get(path);
                    if (blockingForm) {
                        locker.executeWithLock(path, () -> occupancy.visit(type), type);
                    } else {
                        Mono.from(locker.executeReactiveWithLockReactive(path, occupancy.visitLater(type), type))
                            .block(PATIENCE);
                    }
                }
                return null;
            }));
        }
        for (Future<?> caller : running) {
            caller.get(2, TimeUnit.MINUTES);
        }

        occupancies.values().forEach(occupancy -> {
            assertThat(occupancy.violations).as("a writer with another").hasValue(0);
            assertThat(occupancy.writes).as("writes that survived").isEqualTo(occupancy.writesCounted.get());
        });
        assertThat(occupancies.values()).as("readers seen together").anyMatch(occupancy -> occupancy.mostReaders.get() > 1);
        assertThat(occupancies.values().stream().mapToInt(occupancy -> occupancy.visits.get()).sum())
            .isEqualTo(16 * operationsPerCaller);
    }

    /** The load James's own test puts on its locker: a hundred threads waiting at once for one mailbox's lock. */
    @Test
    void aHundredCallersOfOneMailboxAllGetThrough() throws Exception {
        ExecutorService hundred = Executors.newFixedThreadPool(100);
        try {
            AtomicInteger done = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int caller = 0; caller < 100; caller++) {
                LockType type = caller % 2 == 0 ? LockType.Write : LockType.Read;
                running.add(hundred.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        Mono.from(locker.executeReactiveWithLockReactive(PATHS.get(0),
                                Blocking.call(() -> {
                                    Thread.sleep(1);
                                    return done.incrementAndGet();
                                }), type))
                            .subscribeOn(Schedulers.boundedElastic())
                            .block(PATIENCE);
                    }
                    return null;
                }));
            }
            for (Future<?> caller : running) {
                caller.get(2, TimeUnit.MINUTES);
            }
            assertThat(done).hasValue(1000);
        } finally {
            hundred.shutdownNow();
        }
    }

    /** The APPEND's case: taken on a thread that may block, the lock and the work stay on it. */
    @Test
    void aFreeLockIsTakenAndWorkedUnderOnTheCallersThreadWhenItMayBlock() {
        String[] threads = Blocking.call(() -> Thread.currentThread().getName())
            .flatMap(checks -> Mono.from(locker.executeReactiveWithLockReactive(PATHS.get(0),
                Blocking.call(() -> new String[] {checks, Thread.currentThread().getName()}), LockType.Write)))
            .block(PATIENCE);

        assertThat(threads[1]).isEqualTo(threads[0]);
    }

    /** Netty's threads must not block: from a thread that may not, the work runs on one of Blocking's. */
    @Test
    void aFreeLockTakenFromAThreadThatMayNotBlockRunsItsWorkOnBlockingsThreads() throws Exception {
        String thread = callers.submit(() -> Mono.from(locker.executeReactiveWithLockReactive(PATHS.get(0),
                Mono.fromCallable(() -> Thread.currentThread().getName()), LockType.Write)).block(PATIENCE))
            .get(1, TimeUnit.MINUTES);

        assertThat(thread).startsWith("boundedElastic-");
    }

    @Test
    void aWaitingExecutionRunsWhenTheLockIsReleasedWithoutAThreadWaitingMeanwhile() throws Exception {
        Sinks.Empty<Void> firstMayEnd = Sinks.empty();
        CountDownLatch firstHolds = new CountDownLatch(1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Mono<Void> first = Mono.from(locker.executeReactiveWithLockReactive(PATHS.get(0),
            Mono.fromRunnable(firstHolds::countDown)
                .then(firstMayEnd.asMono().doOnSuccess(any -> order.add("first ends"))), LockType.Write));
        Mono<String> second = Mono.from(locker.executeReactiveWithLockReactive(PATHS.get(0),
            Mono.fromCallable(() -> {
                order.add("second runs");
                return Thread.currentThread().getName();
            }), LockType.Read));

        Disposable holding = first.subscribe();
        assertThat(firstHolds.await(1, TimeUnit.MINUTES)).isTrue();
        Mono<String> secondsThread = second.cache();
        secondsThread.subscribe();
        assertThat(order).isEmpty();
        firstMayEnd.tryEmitEmpty();

        assertThat(secondsThread.block(PATIENCE)).startsWith("boundedElastic-");
        assertThat(order).containsExactly("first ends", "second runs");
        assertThat(holding.isDisposed()).isTrue();
    }

    @Test
    void aWaiterThatGoesAwayNeverHoldsTheLock() throws Exception {
        Sinks.Empty<Void> firstMayEnd = Sinks.empty();
        CountDownLatch firstHolds = new CountDownLatch(1);
        AtomicInteger abandonedRuns = new AtomicInteger();
        Mono.from(locker.executeReactiveWithLockReactive(PATHS.get(0),
            Mono.fromRunnable(firstHolds::countDown).then(firstMayEnd.asMono()), LockType.Write)).subscribe();
        assertThat(firstHolds.await(1, TimeUnit.MINUTES)).isTrue();
        Disposable abandoned = Mono.from(locker.executeReactiveWithLockReactive(PATHS.get(0),
            Mono.fromRunnable(abandonedRuns::incrementAndGet), LockType.Write)).subscribe();
        // time to be queued behind the first: handed to Blocking's threads from this one
        Thread.sleep(100);

        abandoned.dispose();
        firstMayEnd.tryEmitEmpty();

        assertThat(Mono.from(locker.executeReactiveWithLockReactive(PATHS.get(0), Mono.just("third"), LockType.Write))
            .block(PATIENCE)).isEqualTo("third");
        assertThat(abandonedRuns).hasValue(0);
    }

    @Test
    void anExecutionThatFailsOrIsCancelledReleasesTheLock() {
        Mono<Object> failing = Mono.from(locker.executeReactiveWithLockReactive(PATHS.get(0),
            Mono.error(new IllegalStateException("failed")), LockType.Write));
        assertThat(failing.onErrorResume(e -> Mono.just(e.getMessage())).block(PATIENCE)).isEqualTo("failed");

        Mono.from(locker.executeReactiveWithLockReactive(PATHS.get(0), Mono.never(), LockType.Write)).subscribe().dispose();

        assertThat(Mono.from(locker.executeReactiveWithLockReactive(PATHS.get(0), Mono.just("after"), LockType.Write))
            .block(PATIENCE)).isEqualTo("after");
    }

    @Test
    void theBlockingFormWaitsForAReactiveWriterAndExcludesIt() throws Exception {
        Sinks.Empty<Void> writerMayEnd = Sinks.empty();
        CountDownLatch writerHolds = new CountDownLatch(1);
        CountDownLatch writerEnded = new CountDownLatch(1);
        Mono.from(locker.executeReactiveWithLockReactive(PATHS.get(0),
                Mono.fromRunnable(writerHolds::countDown)
                    .then(writerMayEnd.asMono().doOnSuccess(any -> writerEnded.countDown())), LockType.Write))
            .subscribe();
        assertThat(writerHolds.await(1, TimeUnit.MINUTES)).isTrue();

        Future<Long> reader = callers.submit(() -> locker.executeWithLock(PATHS.get(0), writerEnded::getCount, LockType.Read));
        Thread.sleep(100);
        assertThat(reader.isDone()).isFalse();
        writerMayEnd.tryEmitEmpty();

        assertThat(reader.get(1, TimeUnit.MINUTES)).isZero();
    }

    /** What the executions under one path's lock saw. */
    private static final class Occupancy {
        private final AtomicInteger readers = new AtomicInteger();
        private final AtomicInteger writers = new AtomicInteger();
        private final AtomicInteger mostReaders = new AtomicInteger();
        private final AtomicInteger violations = new AtomicInteger();
        private final AtomicInteger visits = new AtomicInteger();
        private final AtomicInteger writesCounted = new AtomicInteger();
        /** Written only under the write lock, without atomics: a write let in beside another may lose one. */
        private int writes;

        Object visit(LockType type) {
            enter(type);
            pause();
            leave(type);
            return type;
        }

        /** The visit with its pause on Blocking's threads or a timer's, so that the lock is released from them. */
        Mono<LockType> visitLater(LockType type) {
            Mono<Long> pause = ThreadLocalRandom.current().nextBoolean()
                ? Blocking.call(() -> {
                    pause();
                    return 0L;
                })
                : Mono.delay(Duration.ofNanos(ThreadLocalRandom.current().nextInt(200_000)));
            return Mono.fromRunnable(() -> enter(type))
                .then(pause)
                .then(Mono.fromCallable(() -> {
                    leave(type);
                    return type;
                }));
        }

        private void enter(LockType type) {
            visits.incrementAndGet();
            if (type == LockType.Write) {
                if (writers.incrementAndGet() > 1 || readers.get() > 0) {
                    violations.incrementAndGet();
                }
                int before = writes;
                Thread.yield();
                writes = before + 1;
                writesCounted.incrementAndGet();
            } else {
                mostReaders.accumulateAndGet(readers.incrementAndGet(), Math::max);
                if (writers.get() > 0) {
                    violations.incrementAndGet();
                }
            }
        }

        private void leave(LockType type) {
            (type == LockType.Write ? writers : readers).decrementAndGet();
        }

        private static void pause() {
            if (ThreadLocalRandom.current().nextBoolean()) {
                Thread.yield();
            } else {
                try {
                    Thread.sleep(0, ThreadLocalRandom.current().nextInt(200_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
