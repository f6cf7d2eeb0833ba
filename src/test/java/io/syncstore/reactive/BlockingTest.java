package io.syncstore.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;

import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

class BlockingTest {
    private static final int CALLS = 40_000;
    private static final int SUBSCRIBING_THREADS = 8;

    /**
     * What follows a call runs on the thread that did the work; a {@code next()} there cancels the call as soon as
     * its value comes. With {@code Mono.fromCallable(work).subscribeOn(...)}, a few calls in ten thousand then had
     * their next step interrupted by the subscribing thread (a FETCH's next read failed under load).
     */
    @Test
    void whatFollowsACallIsNeverInterruptedByTheCallsOwnCompletion() throws InterruptedException {
        AtomicInteger interrupted = new AtomicInteger();
        AtomicInteger values = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(CALLS);
        ExecutorService subscribers = Executors.newFixedThreadPool(SUBSCRIBING_THREADS);
        try {
            for (int i = 0; i < CALLS; i++) {
                subscribers.execute(() -> Blocking.call(() -> 1).flux().next()
                    .doOnNext(value -> {
                        values.addAndGet(value);
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            interrupted.incrementAndGet();
                        }
                    })
                    .doFinally(signal -> finished.countDown())
                    .subscribe());
            }
            assertThat(finished.await(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            subscribers.shutdownNow();
        }
        assertThat(values.get()).isEqualTo(CALLS);
        assertThat(interrupted.get()).as("calls whose next step was interrupted").isZero();
    }

    @Test
    void aCallFromAThreadThatMayNotBlockIsHandedOff() {
        String caller = Thread.currentThread().getName();

        String worker = Blocking.call(() -> Thread.currentThread().getName()).block();

        assertThat(worker).isNotEqualTo(caller).startsWith("boundedElastic-");
    }

    /** The steps after a call, and the calls they make, stay on the thread that did the first call's work. */
    @Test
    void callsMadeAfterACallRunOnItsThread() {
        List<String> threads = Blocking.call(() -> Thread.currentThread().getName())
            .flatMap(first -> Blocking.call(() -> List.of(first, Thread.currentThread().getName())))
            .flatMap(two -> Mono.zip(Blocking.call(() -> Thread.currentThread().getName()),
                    Blocking.call(() -> Thread.currentThread().getName()))
                .map(zipped -> List.of(two.get(0), two.get(1), zipped.getT1(), zipped.getT2())))
            .block();

        assertThat(threads).containsOnly(threads.get(0));
    }

    /** A call made on a thread that may block but subscribed to on another thread is handed off from that one. */
    @Test
    void aCallMadeOnAThreadThatMayBlockButSubscribedElsewhereIsHandedOff() throws Exception {
        ExecutorService elsewhere = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "blocking-test-elsewhere"));
        try {
            Mono<String> made = Blocking.call(() -> Blocking.call(() -> Thread.currentThread().getName())).block();

            String worker = elsewhere.submit(() -> made.block()).get(60, TimeUnit.SECONDS);

            assertThat(worker).startsWith("boundedElastic-");
        } finally {
            elsewhere.shutdownNow();
        }
    }

    /**
     * A call subscribed to on a thread that may block does its work there, even when its value is first requested
     * from another thread: that thread (a network or parallel one) never runs the work.
     */
    @Test
    void aValueRequestedFromAnotherThreadWasWorkedOutWhereTheCallWasSubscribedTo() throws Exception {
        assertThat(workerWhenRequestedFromAnotherThread()).startsWith("boundedElastic-");
    }

    private static String workerWhenRequestedFromAnotherThread() throws Exception {
        ExecutorService requester = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "blocking-test-requester"));
        try {
            CompletableFuture<String> worker = new CompletableFuture<>();
            AtomicReference<Subscription> subscription = new AtomicReference<>();
            Blocking.call(() -> {
                Blocking.call(() -> Thread.currentThread().getName()).subscribe(new BaseSubscriber<>() {
                    @Override
                    protected void hookOnSubscribe(Subscription upstream) {
                        subscription.set(upstream);
                    }

                    @Override
                    protected void hookOnNext(String name) {
                        worker.complete(name);
                    }
                });
                return true;
            }).block(Duration.ofSeconds(30));

            requester.submit(() -> subscription.get().request(1)).get(30, TimeUnit.SECONDS);

            return worker.get(30, TimeUnit.SECONDS);
        } finally {
            requester.shutdownNow();
        }
    }

    /** A thread that is not one of Blocking's (Reactor's parallel threads here) hands its calls off. */
    @Test
    void aCallFromAnotherSchedulersThreadIsHandedOff() {
        List<String> threads = Mono.fromCallable(() -> Thread.currentThread().getName())
            .subscribeOn(Schedulers.parallel())
            .flatMap(parallel -> Blocking.call(() -> List.of(parallel, Thread.currentThread().getName())))
            .block();

        assertThat(threads.get(1)).isNotEqualTo(threads.get(0)).startsWith("boundedElastic-");
    }

    /**
     * A call given its own scheduler always runs there, even when made on a thread that may block, and what follows
     * it leaves that thread at the next call: work queued there after it does not wait for it.
     */
    @Test
    void aCallGivenASchedulerRunsOnItAndTheNextCallLeavesIt() {
        Scheduler oneThread = Schedulers.newSingle("blocking-test-single");
        try {
            List<String> threads = Blocking.call(() -> Thread.currentThread().getName())
                .flatMap(first -> Blocking.call(() -> List.of(first, Thread.currentThread().getName()), oneThread))
                .flatMap(two -> Blocking.call(() -> List.of(two.get(0), two.get(1), Thread.currentThread().getName(),
                    Blocking.call(() -> Thread.currentThread().getName(), oneThread).block(Duration.ofSeconds(30)))))
                .block(Duration.ofSeconds(60));

            assertThat(threads.get(0)).startsWith("boundedElastic-");
            assertThat(threads.get(1)).startsWith("blocking-test-single");
            assertThat(threads.get(2)).startsWith("boundedElastic-");
            assertThat(threads.get(3)).startsWith("blocking-test-single");
        } finally {
            oneThread.dispose();
        }
    }

    /** A chain that must start where blocking is allowed starts on a thread of Blocking's, and stays on it there. */
    @Test
    void aChainOnAThreadThatMayBlockStartsInPlaceOnlyWhereBlockingIsAllowed() {
        String fromHere = Blocking.onThreadThatMayBlock(() -> Mono.fromCallable(() -> Thread.currentThread().getName()))
            .block(Duration.ofSeconds(60));
        List<String> fromBlocking = Blocking.call(() -> Thread.currentThread().getName())
            .flatMap(first -> Blocking.onThreadThatMayBlock(() -> Mono.fromCallable(() -> List.of(first, Thread.currentThread().getName()))))
            .block(Duration.ofSeconds(60));

        assertThat(fromHere).startsWith("boundedElastic-");
        assertThat(fromBlocking.get(1)).isEqualTo(fromBlocking.get(0));
    }

    /** A task handed off never runs on the caller's thread, even one of Blocking's, and may block where it runs. */
    @Test
    void aTaskHandedOffRunsOnAnotherThreadThatMayBlock() throws Exception {
        CompletableFuture<List<String>> handedOff = new CompletableFuture<>();
        String caller = Blocking.call(() -> {
            String here = Thread.currentThread().getName();
            Blocking.handOff(() -> Blocking.call(() -> Thread.currentThread().getName())
                .subscribe(inside -> handedOff.complete(List.of(here, Thread.currentThread().getName(), inside))));
            Thread.sleep(50);
            return here;
        }).block(Duration.ofSeconds(60));

        List<String> threads = handedOff.get(60, TimeUnit.SECONDS);
        assertThat(threads.get(1)).startsWith("boundedElastic-").isNotEqualTo(caller);
        assertThat(threads.get(2)).as("a call made in the task stays on its thread").isEqualTo(threads.get(1));
    }
}
