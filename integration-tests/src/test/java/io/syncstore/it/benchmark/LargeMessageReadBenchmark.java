package io.syncstore.it.benchmark;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Mailbox;
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

import io.syncstore.config.SyncPolicy;

/**
 * Streams a 50 MiB message; run with {@code -prof gc}, whose gc.alloc.rate.norm is the heap one read allocates.
 * With the default threshold the body is a file and a read needs a buffer's worth of heap; stored inline
 * (threshold Integer.MAX_VALUE) it is loaded whole, for comparison.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class LargeMessageReadBenchmark {
    private static final int BODY_SIZE = 50 * 1024 * 1024;

    @Param({"65536", "2147483647"})
    public int inlineContentThreshold;

    private BenchmarkStore store;
    private Mailbox mailbox;
    private MessageUid uid;
    private final byte[] buffer = new byte[64 * 1024];

    @Setup(Level.Trial)
    public void open() throws MailboxException {
        store = BenchmarkStore.syncStore(SyncPolicy.FULL, inlineContentThreshold);
        mailbox = store.createMailbox("INBOX");
        uid = store.append(mailbox, BODY_SIZE).getUid();
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    @Benchmark
    public long readFull() throws MailboxException, IOException {
        return store.readFully(mailbox, uid, buffer);
    }
}
