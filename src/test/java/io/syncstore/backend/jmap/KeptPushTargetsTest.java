package io.syncstore.backend.jmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.core.Username;
import org.apache.james.jmap.api.model.PushSubscription;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

class KeptPushTargetsTest {
    private static final Username BOB = Username.of("bob@example.com");

    private final KeptPushTargets kept = new KeptPushTargets(Clock.systemUTC(), true);
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void anAccountsTargetsAreReadOnceWhileNothingIsWritten() {
        Mono<Map<Username, List<PushSubscription>>> read = Mono.fromCallable(() -> {
            reads.incrementAndGet();
            return targets(1);
        });

        assertThat(kept.of(BOB, read).block()).isEqualTo(targets(1));
        assertThat(kept.of(BOB, read).block()).isEqualTo(targets(1));
        assertThat(reads).hasValue(1);

        kept.forgetAll();

        assertThat(kept.of(BOB, read).block()).isEqualTo(targets(1));
        assertThat(reads).hasValue(2);
    }

    @Test
    void aReadingDuringWhichAWriteEndedIsNotKept() {
        Mono<Map<Username, List<PushSubscription>>> read = Mono.fromCallable(() -> {
            reads.incrementAndGet();
            kept.forgetAll();
            return targets(1);
        });

        kept.of(BOB, read).block();
        kept.of(BOB, read).block();

        assertThat(reads).hasValue(2);
    }

    @Test
    void whereSeveralNodesWriteNothingIsKept() {
        KeptPushTargets shared = new KeptPushTargets(Clock.systemUTC(), false);
        Mono<Map<Username, List<PushSubscription>>> read = Mono.fromCallable(() -> targets(reads.incrementAndGet()));

        shared.of(BOB, read).block();

        assertThat(shared.of(BOB, read).block()).isEqualTo(targets(2));
    }

    /**
     * Readers race a writer that changes the stored targets and then forgets: once the forgetting has returned, no
     * reading of before it may be returned.
     */
    @Test
    void onceAWriteHasEndedNoReadingOfBeforeItIsReturned() throws Exception {
        AtomicReference<Map<Username, List<PushSubscription>>> stored = new AtomicReference<>(targets(0));
        Mono<Map<Username, List<PushSubscription>>> read = Mono.fromCallable(stored::get);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int reader = 0; reader < 4; reader++) {
                running.add(readers.submit(() -> {
                    while (writing.get()) {
                        kept.of(BOB, read).block();
                    }
                }));
            }
            for (int version = 1; version <= 5_000; version++) {
                stored.set(targets(version));
                kept.forgetAll();

                assertThat(kept.of(BOB, read).block()).isEqualTo(targets(version));
            }
            writing.set(false);
            for (Future<?> reader : running) {
                reader.get(30, TimeUnit.SECONDS);
            }
        } finally {
            writing.set(false);
            readers.shutdownNow();
        }
    }

    private static Map<Username, List<PushSubscription>> targets(int version) {
        return Map.of(Username.of("delegate" + version + "@example.com"), List.of());
    }
}
