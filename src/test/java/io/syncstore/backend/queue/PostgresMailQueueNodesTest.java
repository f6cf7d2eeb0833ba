package io.syncstore.backend.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueue.MailQueueItem.CompletionStatus;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.Mails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.PostgresTestServer;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Two nodes (two {@link Database}s with their queue factories) consuming one mail queue on one PostgreSQL database:
 * each mail processed once, a node that opens the queue while the other processes takes nothing from it, and the
 * mail of a node that stopped renewing its leases (died) is taken by the other once they ran out, not before.
 */
class PostgresMailQueueNodesTest {
    private static final MailQueueName SPOOL = MailQueueName.of("spool");
    private static final int CONSUMERS_PER_NODE = 6;

    @TempDir
    Path folder;

    private final List<Database> databases = new ArrayList<>();
    private final List<SyncStoreMailQueueFactory> factories = new ArrayList<>();
    private final List<Disposable> consumers = new ArrayList<>();
    private SyncStoreConfiguration configuration;

    @AfterEach
    void tearDown() {
        consumers.forEach(Disposable::dispose);
        factories.forEach(SyncStoreMailQueueFactory::close);
        databases.forEach(Database::close);
        PostgresTestServer.instance().releaseDatabases();
    }

    @RepeatedTest(3)
    void twoNodesProcessEveryMailOnceWhileTheSecondJoinsMidway() throws Exception {
        shared(Duration.ofSeconds(30));
        int mails = 300;
        MailQueue queueOfA = node().createQueue(SPOOL);
        for (int i = 0; i < mails / 2; i++) {
            queueOfA.enQueue(Mails.defaultMail().name("mail-" + i).build());
        }
        Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
        consume(queueOfA, processed);
        awaitProcessed(processed, 20);

        // the second node starts while the first holds mails in flight; on one server this released them all
        MailQueue queueOfB = node().createQueue(SPOOL);
        consume(queueOfB, processed);
        for (int i = mails / 2; i < mails; i++) {
            (i % 2 == 0 ? queueOfA : queueOfB).enQueue(Mails.defaultMail().name("mail-" + i).build());
        }
        awaitProcessed(processed, mails);
        Thread.sleep(500);

        Map<String, Integer> twice = processed.entrySet().stream().filter(entry -> entry.getValue().get() != 1)
            .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().get()));
        assertThat(twice).as("mails processed more than once").isEmpty();
        assertThat(processed.keySet()).containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, mails).mapToObj(i -> "mail-" + i).collect(Collectors.toList()));
        assertThat(((SyncStoreMailQueue) queueOfB).getSize()).isZero();
    }

    @Test
    void theMailOfANodeThatDiedIsTakenByAnotherWhenItsLeaseRunsOut() throws Exception {
        Duration lease = Duration.ofSeconds(3);
        shared(lease);
        SyncStoreMailQueueFactory dying = node();
        MailQueue queueOfA = dying.createQueue(SPOOL);
        queueOfA.enQueue(Mails.defaultMail().name("held").build());
        long beforeTaking = System.nanoTime(); // the lease starts later: takeover comes a lease after this, at least
        MailQueue.MailQueueItem held = Flux.from(queueOfA.deQueue()).blockFirst(Duration.ofSeconds(10));
        assertThat(held.getMail().getName()).isEqualTo("held");
        dying.close(); // its leases are no longer renewed: as far as the others know, it died

        MailQueue queueOfB = node().createQueue(SPOOL);
        MailQueue.MailQueueItem takenOver = Flux.from(queueOfB.deQueue()).blockFirst(Duration.ofSeconds(30));
        long afterMillis = Duration.ofNanos(System.nanoTime() - beforeTaking).toMillis();

        assertThat(takenOver.getMail().getName()).isEqualTo("held");
        assertThat(afterMillis).as("taken over after the lease ran out, soon after").isBetween(lease.toMillis(), lease.toMillis() + 10_000);
        takenOver.done(CompletionStatus.SUCCESS);
        assertThat(((SyncStoreMailQueue) queueOfB).getSize()).isZero();
    }

    @Test
    void aNodeAlreadyWaitingOnAnEmptyQueueTakesTheMailOfANodeThatDied() throws Exception {
        Duration lease = Duration.ofSeconds(2);
        shared(lease);
        Map<String, AtomicInteger> takenByB = new ConcurrentHashMap<>();
        consume(node().createQueue(SPOOL), takenByB);
        SyncStoreMailQueueFactory dying = node();
        MailQueue queueOfA = dying.createQueue(SPOOL);
        CompletableFuture<MailQueue.MailQueueItem> heldByA = Flux.from(queueOfA.deQueue()).next().toFuture();
        queueOfA.enQueue(Mails.defaultMail().name("held").build());
        assertThat(heldByA.get(10, TimeUnit.SECONDS).getMail().getName()).isEqualTo("held");
        dying.close(); // nothing is enqueued on B: only B looking again finds the mail whose lease ran out

        awaitProcessed(takenByB, 1);
        assertThat(takenByB).containsOnlyKeys("held");
    }

    @Test
    void aLiveNodeKeepsItsMailPastTheLeaseDurationByRenewingIt() throws Exception {
        shared(Duration.ofSeconds(1));
        MailQueue queueOfA = node().createQueue(SPOOL);
        queueOfA.enQueue(Mails.defaultMail().name("slow").build());
        MailQueue.MailQueueItem held = Flux.from(queueOfA.deQueue()).blockFirst(Duration.ofSeconds(10));

        Map<String, AtomicInteger> takenByB = new ConcurrentHashMap<>();
        consume(node().createQueue(SPOOL), takenByB);
        Thread.sleep(4_000);
        assertThat(takenByB).as("taken by the other node while the first still processes it").isEmpty();

        held.done(CompletionStatus.SUCCESS);
        Thread.sleep(1_500);
        assertThat(takenByB).isEmpty();
        assertThat(((SyncStoreMailQueue) queueOfA).getSize()).isZero();
    }

    private void shared(Duration lease) {
        configuration = SyncStoreConfiguration.builder()
            .databaseFile(folder.resolve("unused.db"))
            .syncPolicy(SyncPolicy.OFF)
            .mailQueueLease(lease)
            .postgresql(Optional.of(PostgresTestServer.instance().newDatabase()))
            .build();
    }

    private SyncStoreMailQueueFactory node() {
        Database database = Database.open(configuration);
        databases.add(database);
        SyncStoreMailQueueFactory factory = TestQueues.factory(database);
        factories.add(factory);
        return factory;
    }

    /** Consumers as James's mail spooler runs them: several mails at once, each acknowledged after its processing. */
    private void consume(MailQueue queue, Map<String, AtomicInteger> processed) {
        consumers.add(Flux.from(queue.deQueue())
            .flatMap(item -> Mono.fromCallable(() -> {
                processed.computeIfAbsent(item.getMail().getName(), name -> new AtomicInteger()).incrementAndGet();
                Thread.sleep(5);
                item.done(CompletionStatus.SUCCESS);
                return item;
            }).subscribeOn(Schedulers.boundedElastic()), CONSUMERS_PER_NODE)
            .subscribe());
    }

    private static void awaitProcessed(Map<String, AtomicInteger> processed, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (processed.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(processed.size()).as("mails processed").isGreaterThanOrEqualTo(count);
    }
}
