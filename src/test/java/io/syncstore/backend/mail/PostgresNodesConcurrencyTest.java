package io.syncstore.backend.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageManager.FlagsUpdateMode;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.PostgresTestServer;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;

/**
 * Two nodes (two {@link Database}s, each with its own connection pools, as two servers have) changing one mailbox on
 * the same PostgreSQL database at once, from several threads each: UIDs and modseqs are never given twice and follow
 * commit order, no flag update is lost, and a message expunged from both nodes at once is expunged once.
 */
class PostgresNodesConcurrencyTest {
    private static final int THREADS_PER_NODE = 4;

    @TempDir
    Path folder;

    private Database first;
    private Database second;
    private StoreFixture nodeA;
    private StoreFixture nodeB;
    private Mailbox inbox;
    private ExecutorService threads;

    @BeforeEach
    void setUp() {
        SyncStoreConfiguration configuration = SyncStoreConfiguration.builder()
            .databaseFile(folder.resolve("unused.db"))
            .syncPolicy(SyncPolicy.OFF)
            .postgresql(Optional.of(PostgresTestServer.instance().newDatabase()))
            .build();
        first = Database.open(configuration);
        second = Database.open(configuration);
        nodeA = new StoreFixture(first);
        nodeB = new StoreFixture(second);
        inbox = nodeA.createMailbox("INBOX");
        threads = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
    }

    @AfterEach
    void tearDown() throws Exception {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        first.close();
        second.close();
        PostgresTestServer.instance().releaseDatabases();
    }

    @RepeatedTest(3)
    void appendsThroughBothNodesGetEveryUidOnceInOrder() throws Exception {
        int perThread = 15;
        ConcurrentLinkedQueue<MessageMetaData> added = new ConcurrentLinkedQueue<>();

        onBothNodes(node -> {
            for (int i = 0; i < perThread; i++) {
                added.add(node.messages.add(inbox, StoreFixture.message(inbox, node.newMessageId(), "body " + i)));
            }
            return null;
        });

        int total = 2 * THREADS_PER_NODE * perThread;
        List<MessageUid> expected = LongStream.rangeClosed(1, total).mapToObj(MessageUid::of).collect(Collectors.toList());
        assertThat(added.stream().map(MessageMetaData::getUid).sorted()).containsExactlyElementsOf(expected);
        assertThat(added.stream().map(MessageMetaData::getModSeq)).doesNotHaveDuplicates();
        assertThat(nodeB.messages.listAllMessageUids(inbox).collectList().block()).containsExactlyElementsOf(expected);
        assertThat(nodeB.messages.getMailboxCounters(inbox).getCount()).isEqualTo(total);
        assertThat(nodeA.messages.getLastUid(inbox)).contains(MessageUid.of(total));
        // a UID's modseq grows with the UID: both were taken under the same lock, in commit order
        List<ModSeq> modSeqsInUidOrder = added.stream()
            .sorted((left, right) -> left.getUid().compareTo(right.getUid()))
            .map(MessageMetaData::getModSeq)
            .collect(Collectors.toList());
        assertThat(modSeqsInUidOrder).isSorted();
    }

    @RepeatedTest(3)
    void flagUpdatesThroughBothNodesAreAllKept() throws Exception {
        MessageUid uid = nodeA.messages.add(inbox, StoreFixture.message(inbox, nodeA.newMessageId(), "flag me")).getUid();
        ConcurrentLinkedQueue<ModSeq> modSeqs = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> keywords = new ConcurrentLinkedQueue<>();

        onBothNodes(node -> {
            for (int i = 0; i < 5; i++) {
                String keyword = "k" + Thread.currentThread().getId() + "-" + i;
                keywords.add(keyword);
                node.messages.updateFlags(inbox, new FlagsUpdateCalculator(new Flags(keyword), FlagsUpdateMode.ADD), MessageRange.one(uid))
                    .forEachRemaining(update -> modSeqs.add(update.getModSeq()));
            }
            return null;
        });

        Flags stored = nodeB.messages.findInMailbox(inbox, MessageRange.one(uid), org.apache.james.mailbox.store.mail.MessageMapper.FetchType.METADATA, 1)
            .next().createFlags();
        assertThat(stored.getUserFlags()).containsExactlyInAnyOrderElementsOf(keywords);
        assertThat(modSeqs).hasSize(keywords.size()).doesNotHaveDuplicates();
    }

    @RepeatedTest(3)
    void aMessageExpungedThroughBothNodesAtOnceIsExpungedOnce() throws Exception {
        List<MessageUid> uids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            uids.add(nodeA.messages.add(inbox, StoreFixture.message(inbox, nodeA.newMessageId(), "expunge " + i)).getUid());
        }
        ModSeq before = nodeA.messages.getHighestModSeq(inbox);
        ConcurrentLinkedQueue<MessageUid> reported = new ConcurrentLinkedQueue<>();

        onBothNodes(node -> {
            Map<MessageUid, MessageMetaData> expunged = node.messages.deleteMessages(inbox, uids);
            reported.addAll(expunged.keySet());
            return null;
        });

        assertThat(reported).containsExactlyInAnyOrderElementsOf(uids);
        assertThat(nodeB.messages.expungedSince(inbox, before).collectList().block()).containsExactlyElementsOf(uids);
        assertThat(nodeB.messages.getMailboxCounters(inbox).getCount()).isZero();
    }

    private interface NodeWork {
        Void run(StoreFixture node) throws Exception;
    }

    /** Runs the work on THREADS_PER_NODE threads of each node, released together. */
    private void onBothNodes(NodeWork work) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2 * THREADS_PER_NODE);
        Collection<Callable<Void>> tasks = new ArrayList<>();
        for (StoreFixture node : List.of(nodeA, nodeB)) {
            for (int i = 0; i < THREADS_PER_NODE; i++) {
                tasks.add(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return work.run(node);
                });
            }
        }
        for (Future<Void> result : threads.invokeAll(tasks, 120, TimeUnit.SECONDS)) {
            result.get();
        }
    }
}
