package io.syncstore.imap.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;

class EventLoopHandOverTest {
    private final EventLoopHandOver handOver = new EventLoopHandOver();
    private final EventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @RepeatedTest(20)
    void workHandedOverFromManyThreadsRunsOnceEachOnTheLoopInEachThreadsOrder() throws Exception {
        int threads = 6;
        int perThread = 2_000;
        List<List<Integer>> seen = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            seen.add(new ArrayList<>());
        }
        AtomicInteger offLoop = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads * perThread);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                List<Integer> mine = seen.get(t);
                pool.execute(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int n = i;
                        boolean accepted = handOver.handOver(loop, () -> {
                            if (!loop.inEventLoop()) {
                                offLoop.incrementAndGet();
                            }
                            // only the loop touches the lists
                            mine.add(n);
                            done.countDown();
                        });
                        assertThat(accepted).isTrue();
                    }
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(offLoop).hasValue(0);
        loop.submit(() -> {
            for (List<Integer> mine : seen) {
                assertThat(mine).hasSize(perThread).isSorted().doesNotHaveDuplicates();
            }
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void workHandedOverByWorkRunningOnTheLoopRunsInALaterTurn() throws Exception {
        List<String> order = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        handOver.handOver(loop, () -> {
            handOver.handOver(loop, () -> {
                order.add("second");
                done.countDown();
            });
            order.add("first");
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(loop.submit(() -> List.copyOf(order)).get(10, TimeUnit.SECONDS)).containsExactly("first", "second");
    }

    @Test
    void workHandedOverToAStoppedLoopIsRefused() {
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();

        assertThat(handOver.handOver(loop, () -> { })).isFalse();
    }
}
