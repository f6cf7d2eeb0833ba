package io.syncstore.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import reactor.core.publisher.Mono;
import reactor.rabbitmq.ChannelPool;
import reactor.rabbitmq.OutboundMessage;

/** A broker that does not answer holds no caller, none of the caller's threads touches it, and what waits is bounded. */
class BrokerOutboxTest {
    private static final Duration CONFIRM_WAIT = Duration.ofMillis(500);

    private final ChannelPool unreachable = Mockito.mock(ChannelPool.class);
    private final List<String> threadsAskingForAChannel = new CopyOnWriteArrayList<>();
    private BrokerOutbox outbox;

    @AfterEach
    void tearDown() {
        outbox.close();
    }

    @Test
    void publicationsWaitForTheBrokerOnTheOutboxThreadWithoutHoldingTheCallerAndBeyondTheCapacityAreDropped() {
        Mockito.doReturn(Mono.<Channel>never().doOnSubscribe(subscription -> threadsAskingForAChannel.add(Thread.currentThread().getName())))
            .when(unreachable).getChannelMono();
        outbox = new BrokerOutbox(Mono.<Connection>never(), unreachable, 3, CONFIRM_WAIT);

        long start = System.nanoTime();
        outbox.send(Mono.just(message(0))).block(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(CONFIRM_WAIT, CONFIRM_WAIT.multipliedBy(4));
        // the publishing thread took it and waits for the broker; what follows is queued at once, without waiting
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> outbox.waiting() == 0);

        long queueing = System.nanoTime();
        for (int i = 1; i < 9; i++) {
            outbox.send(Mono.just(message(i))).block(Duration.ofSeconds(1));
        }
        assertThat(outbox.sendWithPublishConfirms(Mono.just(message(9))).blockLast(Duration.ofSeconds(1)).isAck()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - queueing)).isLessThan(CONFIRM_WAIT);

        assertThat(outbox.waiting()).isEqualTo(3);
        assertThat(outbox.dropped()).isEqualTo(6);
        assertThat(threadsAskingForAChannel).isNotEmpty().allMatch("syncstore-broker-outbox"::equals);
    }

    private static OutboundMessage message(int i) {
        return new OutboundMessage("exchange", "key", new byte[] {(byte) i});
    }
}
