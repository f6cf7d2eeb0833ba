package io.syncstore.it.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;

/** A change being pushed to idling sessions: which of them have heard of it, and when. */
final class PushRound {
    final long start = System.nanoTime();
    final AtomicIntegerArray heard;
    final long[] latency;
    final CountDownLatch all;

    PushRound(int sessions) {
        heard = new AtomicIntegerArray(sessions);
        latency = new long[sessions];
        all = new CountDownLatch(sessions);
    }

    void arrive(int session) {
        if (heard.compareAndSet(session, 0, 1)) {
            latency[session] = System.nanoTime() - start;
            all.countDown();
        }
    }
}
