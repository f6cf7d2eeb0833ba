package io.syncstore.imap.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

class SessionGateTest {
    private final SessionGate gate = new SessionGate();

    @RepeatedTest(20)
    void commandsAndImmediateDrainsFromManyThreadsNeverOverlapAndAllRun() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        int threads = 8;
        int perThread = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch done = new CountDownLatch(threads * perThread);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                for (int i = 0; i < perThread; i++) {
                    if (i % 2 == 0) {
                        // a command: its work goes on on another thread after run() returned
                        gate.run(() -> Mono.fromRunnable(() -> enter(inside, overlaps))
                                .then(Mono.delay(Duration.ofNanos(1000)))
                                .then(Mono.fromRunnable(() -> leave(inside, ran))))
                            .subscribe(any -> { }, e -> errors.incrementAndGet(), done::countDown);
                    } else if (gate.runIfFree(() -> {
                        enter(inside, overlaps);
                        leave(inside, ran);
                        return true;
                    })) {
                        done.countDown();
                    } else {
                        gate.run(() -> Mono.fromRunnable(() -> {
                            enter(inside, overlaps);
                            leave(inside, ran);
                        })).subscribeOn(Schedulers.parallel()).subscribe(any -> { }, e -> errors.incrementAndGet(), done::countDown);
                    }
                }
            });
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).as("left %d, ran %d, busy %s, errors %d", done.getCount(), ran.get(), gate.isBusy(), errors.get()).isTrue();
        pool.shutdown();
        assertThat(overlaps.get()).isZero();
        assertThat(ran.get()).isEqualTo(threads * perThread);
        // a holder's completion is signalled just before it frees the gate
        await().atMost(Duration.ofSeconds(5)).until(() -> !gate.isBusy());
    }

    @Test
    void aTakenGateRunsNothingAtOnceAndTheQueuedTaskRunsAfterTheHolder() {
        List<String> order = new ArrayList<>();
        Mono<Void> holder = gate.run(() -> Mono.delay(Duration.ofMillis(50)).then(Mono.fromRunnable(() -> order.add("holder"))));
        CountDownLatch held = new CountDownLatch(1);
        holder.subscribe(any -> { }, e -> { }, held::countDown);
        boolean ranAtOnce = gate.runIfFree(() -> order.add("at once"));
        Mono<Void> next = gate.run(() -> Mono.fromRunnable(() -> order.add("next")));
        next.block(Duration.ofSeconds(5));
        assertThat(ranAtOnce).isFalse();
        assertThat(order).containsExactly("holder", "next");
    }

    @Test
    void thousandsOfTasksQueuedBehindAHolderAllRunWhenEachCompletesAtOnce() {
        Sinks.Empty<Void> holderDone = Sinks.empty();
        gate.run(holderDone::asMono).subscribe();
        AtomicInteger ran = new AtomicInteger();
        int queued = 20_000;
        for (int i = 0; i < queued; i++) {
            gate.run(() -> Mono.fromRunnable(ran::incrementAndGet)).subscribe();
        }
        holderDone.tryEmitEmpty();
        assertThat(ran.get()).isEqualTo(queued);
        assertThat(gate.isBusy()).isFalse();
    }

    @Test
    void aTaskThatThrowsOrDeclinesLeavesTheGateFree() {
        try {
            gate.runIfFree(() -> {
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // the failure is the caller's
        }
        assertThat(gate.isBusy()).isFalse();
        assertThat(gate.runIfFree(() -> false)).isFalse();
        assertThat(gate.isBusy()).isFalse();
        assertThat(gate.runIfFree(() -> true)).isTrue();
    }

    /**
     * One thread's trampoline holds the starts of every session released on it: a start that throws an Error (here the
     * subscriber of a command that failed to start, as a stack overflow would) must not drop the starts queued behind it.
     */
    @Test
    void anErrorThrownByOneStartLeavesTheStartsOfOtherSessionsQueuedOnTheThreadToRun() {
        SessionGate other = new SessionGate();
        Sinks.Empty<Void> holdingThis = Sinks.empty();
        Sinks.Empty<Void> holdingOther = Sinks.empty();
        gate.run(holdingThis::asMono).subscribe();
        other.run(holdingOther::asMono).subscribe();
        // queued behind the holder: it frees the other gate as it starts, then fails, and its subscriber fails on that
        gate.run(() -> {
            holdingOther.tryEmitEmpty();
            throw new IllegalStateException("a command that cannot start");
        }).subscribe(any -> { }, e -> {
            throw new StackOverflowError("the subscriber of the failed command");
        });
        AtomicInteger otherRan = new AtomicInteger();
        other.run(() -> Mono.fromRunnable(otherRan::incrementAndGet)).subscribe();

        Throwable thrown = catchThrowable(holdingThis::tryEmitEmpty);

        assertThat(otherRan).as("the other session's queued start ran").hasValue(1);
        assertThat(other.isBusy()).isFalse();
        assertThat(gate.isBusy()).isFalse();
        assertThat(thrown).as("the Error still reaches the thread that released the gate").isInstanceOf(StackOverflowError.class);
    }

    private static void enter(AtomicInteger inside, AtomicInteger overlaps) {
        if (inside.incrementAndGet() != 1) {
            overlaps.incrementAndGet();
        }
    }

    private static void leave(AtomicInteger inside, AtomicInteger ran) {
        inside.decrementAndGet();
        ran.incrementAndGet();
    }
}
