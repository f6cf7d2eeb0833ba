package io.syncstore.it.benchmark;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageMetaData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;

/**
 * Appends from 1 and from 8 threads, each into its own mailbox: concurrent writers share one commit, so with sync
 * FULL they share its fsync. NORMAL, which does not fsync each commit, tells how much of the gain is CPU.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class GroupCommitBenchmark {
    @Param({"FULL", "NORMAL"})
    public SyncPolicy sync;

    BenchmarkStore store;
    private final AtomicInteger writers = new AtomicInteger();

    @Setup(Level.Trial)
    public void open() {
        store = BenchmarkStore.syncStore(sync, SyncStoreConfiguration.DEFAULT_INLINE_CONTENT_THRESHOLD);
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    @State(Scope.Thread)
    public static class Writer {
        Mailbox mailbox;

        @Setup(Level.Trial)
        public void createMailbox(GroupCommitBenchmark benchmark) {
            mailbox = benchmark.store.createMailbox("writer" + benchmark.writers.incrementAndGet());
        }
    }

    @Benchmark
    @Threads(1)
    public MessageMetaData append1Thread(Writer writer) throws MailboxException {
        return store.append(writer.mailbox, MapperBenchmark.MESSAGE_BODY);
    }

    @Benchmark
    @Threads(8)
    public MessageMetaData append8Threads(Writer writer) throws MailboxException {
        return store.append(writer.mailbox, MapperBenchmark.MESSAGE_BODY);
    }
}
