package io.syncstore.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import com.rabbitmq.client.Connection;

import reactor.core.publisher.Mono;
import reactor.rabbitmq.ChannelPool;
import reactor.rabbitmq.OutboundMessage;

/** A broker that does not answer holds no caller, and what waits for it is bounded. */
class BrokerOutboxTest {
    private final ChannelPool unreachable = Mockito.mock(ChannelPool.class);
    private BrokerOutbox outbox;

    @AfterEach
    void tearDown() {
        outbox.close();
    }

    @Test
    void publicationsWaitForTheBrokerWithoutHoldingTheCallerAndBeyondTheCapacityAreDropped() {
        Mockito.doReturn(Mono.never()).when(unreachable).getChannelMono();
        outbox = new BrokerOutbox(Mono.<Connection>never(), unreachable, 3);

        outbox.send(Mono.just(message(0))).block(Duration.ofSeconds(1));
        // the publishing thread took it and waits for the broker
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> outbox.waiting() == 0);

        for (int i = 1; i < 9; i++) {
            outbox.send(Mono.just(message(i))).block(Duration.ofSeconds(1));
        }
        assertThat(outbox.sendWithPublishConfirms(Mono.just(message(9))).blockLast(Duration.ofSeconds(1)).isAck()).isTrue();

        assertThat(outbox.waiting()).isEqualTo(3);
        assertThat(outbox.dropped()).isEqualTo(6);
    }

    private static OutboundMessage message(int i) {
        return new OutboundMessage("exchange", "key", new byte[] {(byte) i});
    }
}
