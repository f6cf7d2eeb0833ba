package io.syncstore.server.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.rabbitmq.ChannelPool;
import reactor.rabbitmq.CorrelableOutboundMessage;
import reactor.rabbitmq.OutboundMessage;
import reactor.rabbitmq.OutboundMessageResult;
import reactor.rabbitmq.SendOptions;
import reactor.rabbitmq.Sender;
import reactor.rabbitmq.SenderOptions;

/**
 * The {@link Sender} of James's RabbitMQ event bus, publishing on a thread of its own so that a broker gone never
 * holds a client's command. James's bus delivers an event to this node's listeners, then publishes it for the other
 * nodes and waits for that; publishing means subscribing to James's connection pool, which, when the connection is
 * closed, opens a new one inside the subscription, blocking the subscriber's thread through all of James's connection
 * retries (minutes). Here every publication joins a bounded queue, in order, and one thread publishes the queue with
 * publisher confirms, retrying until the broker confirms. The caller waits for its publication's confirm at most
 * {@code confirmWait} (so that, with a broker present, a dispatch has reached it when it completes, as James's contracts
 * expect), and not at all while the broker is known to be away. Topology (queues, bindings) still goes to the broker.
 *
 * <p>When the queue is full (the broker away for long while changes go on), a new publication is dropped and counted:
 * the other nodes do not hear of that change (docs/nodes.md says what they see then). A publication whose confirm
 * did not come in time may have reached the broker and is then published again: other nodes may hear it twice.</p>
 */
public class BrokerOutbox extends Sender {
    public static final int DEFAULT_CAPACITY = 10_000;
    public static final Duration DEFAULT_CONFIRM_WAIT = Duration.ofSeconds(1);
    private static final Logger LOGGER = LoggerFactory.getLogger(BrokerOutbox.class);
    private static final int BATCH = 256;
    private static final Duration PUBLISH_WAIT = Duration.ofSeconds(10);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final BlockingQueue<CorrelableOutboundMessage<CompletableFuture<Void>>> waiting;
    private final Duration confirmWait;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread publisher;
    private volatile boolean running = true;
    private volatile boolean brokerAway;
    /** When the attempt in progress started (System.nanoTime), or 0 when the publishing thread is idle. */
    private volatile long attemptStarted;

    public BrokerOutbox(Mono<Connection> connection, ChannelPool channels, int capacity, Duration confirmWait) {
        super(new SenderOptions()
            .connectionMono(connection)
            .channelPool(channels)
            .resourceManagementChannelMono(connection.map(BrokerOutbox::channel).cache()));
        this.waiting = new ArrayBlockingQueue<>(capacity);
        this.confirmWait = confirmWait;
        this.publisher = new Thread(this::publishWhileRunning, "syncstore-broker-outbox");
        publisher.setDaemon(true);
        publisher.start();
    }

    @Override
    public Mono<Void> send(Publisher<OutboundMessage> messages, SendOptions options) {
        return Flux.from(messages).collectList().flatMap(this::handOver);
    }

    /** Acknowledged once the broker confirmed, or once the outbox took the publication over (the broker was slow or away). */
    @Override
    public <M extends OutboundMessage> Flux<OutboundMessageResult<M>> sendWithTypedPublishConfirms(Publisher<M> messages, SendOptions options) {
        return Flux.from(messages).collectList()
            .flatMapMany(batch -> handOver(batch).thenMany(Flux.fromIterable(batch).map(message -> new OutboundMessageResult<>(message, true))));
    }

    private Mono<Void> handOver(List<? extends OutboundMessage> messages) {
        if (messages.isEmpty()) {
            return Mono.empty();
        }
        boolean away = isBrokerAway();
        CompletableFuture<?>[] confirms = messages.stream().map(this::enqueue).toArray(CompletableFuture[]::new);
        if (away) {
            return Mono.empty();
        }
        return Mono.fromFuture(CompletableFuture.allOf(confirms))
            .timeout(confirmWait, Schedulers.parallel())
            .onErrorResume(TimeoutException.class, e -> Mono.empty())
            // the caller goes on elsewhere than on the publishing thread or a timer's
            .publishOn(Schedulers.boundedElastic());
    }

    private boolean isBrokerAway() {
        long started = attemptStarted;
        return brokerAway || started != 0 && System.nanoTime() - started > confirmWait.toNanos();
    }

    private CompletableFuture<Void> enqueue(OutboundMessage message) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        if (!waiting.offer(new CorrelableOutboundMessage<>(message.getExchange(), message.getRoutingKey(),
                message.getProperties(), message.getBody(), confirmed))) {
            if (dropped.getAndIncrement() % BATCH == 0) {
                LOGGER.error("{} events could not wait for RabbitMQ ({} are waiting): other nodes do not hear of them",
                    dropped.get(), waiting.size());
            }
            confirmed.complete(null);
        }
        return confirmed;
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

    private void publishWhileRunning() {
        List<CorrelableOutboundMessage<CompletableFuture<Void>>> batch = new ArrayList<>();
        while (running) {
            try {
                if (batch.isEmpty()) {
                    batch.add(waiting.take());
                    waiting.drainTo(batch, BATCH - 1);
                }
                attemptStarted = System.nanoTime();
                batch = publish(batch);
                attemptStarted = 0;
                brokerAway = !batch.isEmpty();
                if (brokerAway) {
                    TimeUnit.MILLISECONDS.sleep(RETRY_DELAY.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Publishes the batch in order; returns what the broker did not confirm, to try again. */
    private List<CorrelableOutboundMessage<CompletableFuture<Void>>> publish(List<CorrelableOutboundMessage<CompletableFuture<Void>>> batch) {
        try {
            super.sendWithTypedPublishConfirms(Flux.fromIterable(batch), new SendOptions())
                .filter(OutboundMessageResult::isAck)
                .doOnNext(result -> result.getOutboundMessage().getCorrelationMetadata().complete(null))
                .then()
                .block(PUBLISH_WAIT);
        } catch (RuntimeException e) {
            LOGGER.warn("RabbitMQ did not take {} events yet ({} more waiting): {}", batch.size(), waiting.size(), e.toString());
        }
        return batch.stream().filter(message -> !message.getCorrelationMetadata().isDone()).collect(Collectors.toList());
    }

    private static Channel channel(Connection connection) {
        try {
            return connection.createChannel();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
