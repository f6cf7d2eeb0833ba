package io.syncstore.server.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.rabbitmq.ChannelPool;
import reactor.rabbitmq.OutboundMessage;
import reactor.rabbitmq.OutboundMessageResult;
import reactor.rabbitmq.SendOptions;
import reactor.rabbitmq.Sender;
import reactor.rabbitmq.SenderOptions;

/**
 * The {@link Sender} of James's RabbitMQ event bus, whose publications leave the caller's path: James's bus delivers
 * an event to this node's listeners, then publishes it for the other nodes and waits for that; with the broker gone,
 * the wait was James's connection retries (minutes) inside the client's command, whose change was already durable.
 * Here a publication joins a bounded queue and the caller goes on; one thread publishes the queue in order, with
 * publisher confirms, retrying until the broker takes it. Topology (queues, bindings) still goes to the broker at once.
 *
 * <p>When the queue is full (the broker away for long while changes go on), a new publication is dropped and counted:
 * the other nodes do not hear of that change (docs/nodes.md says what they see then). Memory stays bounded.</p>
 */
public class BrokerOutbox extends Sender {
    public static final int DEFAULT_CAPACITY = 10_000;
    private static final Logger LOGGER = LoggerFactory.getLogger(BrokerOutbox.class);
    private static final int BATCH = 256;
    private static final Duration PUBLISH_WAIT = Duration.ofSeconds(10);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final BlockingQueue<OutboundMessage> waiting;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread publisher;
    private volatile boolean running = true;

    public BrokerOutbox(Mono<Connection> connection, ChannelPool channels, int capacity) {
        super(new SenderOptions()
            .connectionMono(connection)
            .channelPool(channels)
            .resourceManagementChannelMono(connection.map(BrokerOutbox::channel).cache()));
        this.waiting = new ArrayBlockingQueue<>(capacity);
        this.publisher = new Thread(this::publishWhileRunning, "syncstore-broker-outbox");
        publisher.setDaemon(true);
        publisher.start();
    }

    @Override
    public Mono<Void> send(Publisher<OutboundMessage> messages, SendOptions options) {
        return Flux.from(messages).doOnNext(this::enqueue).then();
    }

    /** Confirmed by the outbox, which alone then owns the publication (and its own confirm from the broker). */
    @Override
    public Flux<OutboundMessageResult> sendWithPublishConfirms(Publisher<OutboundMessage> messages, SendOptions options) {
        return Flux.from(messages)
            .doOnNext(this::enqueue)
            .map(message -> new OutboundMessageResult<>(message, true));
    }

    /** Publications waiting for the broker. */
    public int waiting() {
        return waiting.size();
    }

    /** Publications dropped because the queue was full, since start. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        running = false;
        publisher.interrupt();
        super.close();
    }

    private void enqueue(OutboundMessage message) {
        if (!waiting.offer(message) && dropped.getAndIncrement() % BATCH == 0) {
            LOGGER.error("{} events could not wait for RabbitMQ ({} are waiting): other nodes do not hear of them",
                dropped.get(), waiting.size());
        }
    }

    private void publishWhileRunning() {
        List<OutboundMessage> batch = new ArrayList<>();
        while (running) {
            try {
                if (batch.isEmpty()) {
                    batch.add(waiting.take());
                    waiting.drainTo(batch, BATCH - 1);
                }
                batch = publish(batch);
                if (!batch.isEmpty()) {
                    TimeUnit.MILLISECONDS.sleep(RETRY_DELAY.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Publishes the batch; returns what the broker did not confirm, to try again. */
    private List<OutboundMessage> publish(List<OutboundMessage> batch) {
        try {
            List<OutboundMessage> unconfirmed = new ArrayList<>();
            super.sendWithTypedPublishConfirms(Flux.fromIterable(batch), new SendOptions())
                .filter(result -> !result.isAck())
                .doOnNext(result -> unconfirmed.add(result.getOutboundMessage()))
                .then()
                .block(PUBLISH_WAIT);
            return unconfirmed;
        } catch (RuntimeException e) {
            LOGGER.warn("RabbitMQ did not take {} events yet ({} more waiting): {}", batch.size(), waiting.size(), e.toString());
            return batch;
        }
    }

    private static Channel channel(Connection connection) {
        try {
            return connection.createChannel();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
