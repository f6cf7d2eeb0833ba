package io.syncstore.it.benchmark;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageManager.FlagsUpdateMode;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
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

/**
 * The MessageMapper operations IMAP leans on, SyncStore (sync FULL, the durable default, and NORMAL) against James's
 * memory backend (not durable). Mailboxes that appends and copies grow are trimmed back after each iteration.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MapperBenchmark {
    static final int MESSAGE_BODY = 4 * 1024;
    private static final int FLAGGED_MESSAGES = 10_000;
    private static final int LISTED_MESSAGES = 100_000;

    @State(Scope.Benchmark)
    public static class Backend {
        @Param({"syncstore-full", "syncstore-normal", "memory"})
        public String backend;

        BenchmarkStore store;

        @Setup(Level.Trial)
        public void open() {
            store = BenchmarkStore.open(backend);
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
        }
    }

    /** A mailbox holding {@code mailboxSize} messages at the start of each iteration. */
    @State(Scope.Benchmark)
    public static class AppendTarget {
        @Param({"1000", "100000"})
        public int mailboxSize;

        Mailbox mailbox;
        private long filledUpTo;

        @Setup(Level.Trial)
        public void fill(Backend backend) throws MailboxException {
            mailbox = backend.store.createMailbox("INBOX");
            backend.store.fill(mailbox, mailboxSize, MESSAGE_BODY);
            filledUpTo = backend.store.lastUid(mailbox);
        }

        @TearDown(Level.Iteration)
        public void trim(Backend backend) throws MailboxException {
            backend.store.trimTo(mailbox, filledUpTo);
        }
    }

    @State(Scope.Benchmark)
    public static class FlaggedMailbox {
        Mailbox mailbox;
        MessageRange range;
        boolean seen;

        @Setup(Level.Trial)
        public void fill(Backend backend) throws MailboxException {
            mailbox = backend.store.createMailbox("Flagged");
            backend.store.fill(mailbox, FLAGGED_MESSAGES, MESSAGE_BODY);
            range = MessageRange.range(MessageUid.MIN_VALUE, MessageUid.of(backend.store.lastUid(mailbox)));
        }
    }

    @State(Scope.Benchmark)
    public static class ListedMailbox {
        Mailbox mailbox;

        @Setup(Level.Trial)
        public void fill(Backend backend) {
            mailbox = backend.store.createMailbox("Listed");
            backend.store.fill(mailbox, LISTED_MESSAGES, MESSAGE_BODY);
        }
    }

    @State(Scope.Benchmark)
    public static class CopySource {
        MailboxMessage original;
        Mailbox destination;

        @Setup(Level.Trial)
        public void store(Backend backend) throws MailboxException {
            Mailbox source = backend.store.createMailbox("Source");
            MessageUid uid = backend.store.append(source, MESSAGE_BODY).getUid();
            original = backend.store.find(source, uid);
            destination = backend.store.createMailbox("Destination");
        }

        @TearDown(Level.Iteration)
        public void trim(Backend backend) throws MailboxException {
            backend.store.trimTo(destination, 0);
        }
    }

    @Benchmark
    public MessageMetaData append(Backend backend, AppendTarget target) throws MailboxException {
        return backend.store.append(target.mailbox, MESSAGE_BODY);
    }

    /** Adds \Seen to the 10,000 messages, then removes it on the next call. */
    @Benchmark
    public int flagUpdate(Backend backend, FlaggedMailbox flagged) throws MailboxException {
        flagged.seen = !flagged.seen;
        FlagsUpdateMode mode = flagged.seen ? FlagsUpdateMode.ADD : FlagsUpdateMode.REMOVE;
        Iterator<UpdatedFlags> updated = backend.store.messages.updateFlags(flagged.mailbox,
            new FlagsUpdateCalculator(new Flags(Flags.Flag.SEEN), mode), flagged.range);
        int count = 0;
        for (; updated.hasNext(); updated.next()) {
            count++;
        }
        return count;
    }

    @Benchmark
    public List<MessageUid> listAllMessageUids(Backend backend, ListedMailbox listed) {
        return backend.store.messages.listAllMessageUids(listed.mailbox).collectList().block();
    }

    @Benchmark
    public MessageMetaData copy(Backend backend, CopySource copy) throws MailboxException {
        return backend.store.messages.copy(copy.destination, copy.original);
    }
}
