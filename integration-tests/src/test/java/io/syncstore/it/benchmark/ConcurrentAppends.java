package io.syncstore.it.benchmark;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.mailbox.model.Mailbox;

import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;

/**
 * Appends a number of messages with sync FULL from a number of threads, each into its own mailbox. Run under
 * {@code strace -f -c -e trace=fsync,fdatasync}, it counts the fsyncs the appends took: fewer than one per append
 * when writers share commits. Usage: {@code ConcurrentAppends threads appends}.
 */
public final class ConcurrentAppends {
    private ConcurrentAppends() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int appendsPerThread = Integer.parseInt(args[1]) / threads;
        try (BenchmarkStore store = BenchmarkStore.syncStore(SyncPolicy.FULL, SyncStoreConfiguration.DEFAULT_INLINE_CONTENT_THRESHOLD)) {
            List<Thread> writers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Mailbox mailbox = store.createMailbox("writer" + i);
                Thread writer = new Thread(() -> {
                    try {
                        for (int j = 0; j < appendsPerThread; j++) {
                            store.append(mailbox, MapperBenchmark.MESSAGE_BODY);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                writer.start();
                writers.add(writer);
            }
            for (Thread writer : writers) {
                writer.join();
            }
            System.out.printf("%d appends from %d threads%n", threads * appendsPerThread, threads);
        }
    }
}
