package io.syncstore.backend.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.mail.MessagingException;

import org.apache.james.queue.api.MailPrioritySupport;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.backend.data.SpooledMails;
import io.syncstore.reactive.Blocking;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A durable mail queue: a mail is in the database when {@link #enQueue} returns, and stays there until its
 * processing is acknowledged, so that a mail dequeued when the server stops is delivered again after it restarts.
 * Due mails leave by priority ({@link MailPrioritySupport}), then in enqueue order.
 */
public class SyncStoreMailQueue implements ManageableMailQueue {
    private static final Logger LOGGER = LoggerFactory.getLogger(SyncStoreMailQueue.class);

    private final MailQueueName name;
    private final QueueItems items;
    private final SpooledMails spooledMails;
    private final MailQueueItemDecoratorFactory decoratorFactory;
    private final Clock clock;
    private final Optional<Duration> longestIdleWait;
    private final WakeUpSignal wakeUps = new WakeUpSignal();
    private final Set<DequeueLoop> dequeueLoops = ConcurrentHashMap.newKeySet();

    /**
     * @param longestIdleWait how long a consumer waits at most without a wake-up of this process: when several nodes
     *                        share the queue, mail enqueued by another node, or left in flight by a node that died,
     *                        wakes no one here
     */
    SyncStoreMailQueue(MailQueueName name, QueueItems items, SpooledMails spooledMails,
                       MailQueueItemDecoratorFactory decoratorFactory, Clock clock, Optional<Duration> longestIdleWait) {
        this.name = name;
        this.items = items;
        this.spooledMails = spooledMails;
        this.decoratorFactory = decoratorFactory;
        this.clock = clock;
        this.longestIdleWait = longestIdleWait;
    }

    @Override
    public MailQueueName getName() {
        return name;
    }

    @Override
    public void enQueue(Mail mail) throws MailQueueException {
        enQueue(mail, Duration.ZERO);
    }

    @Override
    public void enQueue(Mail mail, Duration delay) throws MailQueueException {
        try {
            items.enqueue(spooledMails.prepare(mail), priorityOf(mail), deliveryTimeAfter(delay));
        } catch (MailQueueException e) {
            throw e;
        } catch (MessagingException e) {
            throw new MailQueueException("Cannot enqueue mail " + mail.getName() + " in " + name.asString(), e);
        }
        wakeUps.wakeUp();
    }

    @Override
    public Publisher<Void> enqueueReactive(Mail mail) {
        return Blocking.<Void>call(() -> {
            enQueue(mail);
            return null;
        });
    }

    @Override
    public Publisher<MailQueueItem> deQueue() {
        return Flux.<SyncStoreMailQueueItem>create(sink -> {
                DequeueLoop loop = new DequeueLoop(this, sink, Schedulers.boundedElastic());
                dequeueLoops.add(loop);
                sink.onDispose(() -> {
                    loop.stop();
                    dequeueLoops.remove(loop);
                });
                loop.start();
            })
            .doOnDiscard(SyncStoreMailQueueItem.class, SyncStoreMailQueueItem::release)
            .map(item -> decoratorFactory.decorate(item, name));
    }

    @Override
    public long getSize() throws MailQueueException {
        return items.size();
    }

    @Override
    public long flush() throws MailQueueException {
        long flushed = items.flush(clock.millis());
        wakeUps.wakeUp();
        return flushed;
    }

    @Override
    public long clear() throws MailQueueException {
        return items.clear();
    }

    @Override
    public long remove(Type type, String value) throws MailQueueException {
        return items.remove(type, value);
    }

    @Override
    public MailQueueIterator browse() throws MailQueueException {
        Iterator<MailQueueItemView> views = items.browse().iterator();
        return new MailQueueIterator() {
            @Override
            public boolean hasNext() {
                return views.hasNext();
            }

            @Override
            public MailQueueItemView next() {
                return views.next();
            }

            @Override
            public void close() {
                // The views were read in one query; there is nothing left open.
            }
        };
    }

    /**
     * Queues are shared by every user of the factory, which owns them: closing one user's handle leaves the queue
     * working for the others.
     */
    @Override
    public void close() {
    }

    /** Ends every dequeue in progress, when the factory shuts down. */
    void dispose() {
        dequeueLoops.forEach(DequeueLoop::complete);
    }

    Mono<Void> nextWakeUp() {
        return wakeUps.next();
    }

    Optional<SyncStoreMailQueueItem> claimNext() throws MailQueueException {
        return items.claimNext(clock.millis())
            .map(claimed -> new SyncStoreMailQueueItem(this, claimed.itemId, claimed.mail));
    }

    /** How long a consumer that found nothing to claim may wait for a wake-up before it looks again; empty: forever. */
    Optional<Duration> timeUntilNextLook() throws MailQueueException {
        Optional<Duration> untilEarliest = items.earliestClaimable()
            .map(earliest -> Duration.ofMillis(Math.max(0, earliest - clock.millis())));
        if (longestIdleWait.isEmpty()) {
            return untilEarliest;
        }
        Duration longest = longestIdleWait.get();
        return Optional.of(untilEarliest.filter(wait -> wait.compareTo(longest) < 0).orElse(longest));
    }

    void acknowledge(long itemId) throws MailQueueException {
        items.acknowledge(itemId);
    }

    void requeue(long itemId) throws MailQueueException {
        items.requeue(itemId, clock.millis());
        wakeUps.wakeUp();
    }

    void release(long itemId) {
        try {
            items.release(itemId);
            wakeUps.wakeUp();
        } catch (MailQueueException e) {
            LOGGER.warn("Mail queue item {} of {} stays in flight until the next start", itemId, name.asString(), e);
        }
    }

    private long deliveryTimeAfter(Duration delay) {
        long now = clock.millis();
        if (delay.isNegative()) {
            return now;
        }
        try {
            return Math.addExact(now, delay.toMillis());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static int priorityOf(Mail mail) {
        int priority = mail.getAttribute(MailPrioritySupport.MAIL_PRIORITY)
            .flatMap(attribute -> attribute.getValue().valueAs(Integer.class))
            .orElse(MailPrioritySupport.NORMAL_PRIORITY);
        return Math.max(MailPrioritySupport.LOW_PRIORITY, Math.min(MailPrioritySupport.HIGH_PRIORITY, priority));
    }
}
