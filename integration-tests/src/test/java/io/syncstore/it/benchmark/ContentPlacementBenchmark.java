package io.syncstore.it.benchmark;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.apache.james.mailbox.MessageUid;
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

import io.syncstore.config.SyncPolicy;

/**
 * Bodies in the database or in files: append and full-read throughput by inline threshold (everything inline, the
 * default 64 KiB, everything in files) and body size, with sync FULL. A body of exactly the threshold is inline.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class ContentPlacementBenchmark {
    private static final int READ_MESSAGES = 64;

    @Param({"2147483647", "65536", "0"})
    public int inlineContentThreshold;

    @Param({"4096", "65536", "1048576"})
    public int bodySize;

    private BenchmarkStore store;
    private Mailbox mailbox;
    private long filledUpTo;
    private final byte[] buffer = new byte[64 * 1024];
    private long nextRead;

    @Setup(Level.Trial)
    public void open() throws MailboxException {
        store = BenchmarkStore.syncStore(SyncPolicy.FULL, inlineContentThreshold);
        mailbox = store.createMailbox("INBOX");
        store.fill(mailbox, READ_MESSAGES, bodySize);
        filledUpTo = store.lastUid(mailbox);
    }

    @TearDown(Level.Iteration)
    public void trim() throws MailboxException {
        store.trimTo(mailbox, filledUpTo);
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    @Benchmark
    public MessageMetaData append() throws MailboxException {
        return store.append(mailbox, bodySize);
    }

    /** Streams the whole content of one of the stored messages, each in turn. */
    @Benchmark
    public long readFull() throws MailboxException, IOException {
        MessageUid uid = MessageUid.of(1 + nextRead++ % READ_MESSAGES);
        return store.readFully(mailbox, uid, buffer);
    }
}
