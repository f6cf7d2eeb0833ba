package io.syncstore.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

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
}
