package io.syncstore.it.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.james.mailbox.model.Mailbox;

import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;

/**
 * Bytes on disk per message after appending N messages, for each inline threshold and body size of
 * {@link ContentPlacementBenchmark}, less what an empty store takes: the database file (its log folded in by closing
 * it), the content files, and what {@code du} counts as allocated (whole blocks, directories included). Sync OFF:
 * the layout does not depend on it. Usage: {@code DiskUsage [messages]}, 500 by default.
 */
public final class DiskUsage {
    private static final int[] THRESHOLDS = {Integer.MAX_VALUE, 64 * 1024, 0};
    private static final int[] BODY_SIZES = {4 * 1024, 64 * 1024, 1024 * 1024};

    private DiskUsage() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Usage empty = measure(SyncStoreConfiguration.DEFAULT_INLINE_CONTENT_THRESHOLD, 0, 0);
        System.out.printf("Bytes on disk per message after %d appends, less an empty store (%d B, %d B allocated)%n",
            messages, empty.database + empty.content, empty.allocated);
        System.out.println("| inline threshold | body | message | database | content files | total | total / message | allocated (du) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (int bodySize : BODY_SIZES) {
            for (int threshold : THRESHOLDS) {
                Usage usage = measure(threshold, messages, bodySize);
                long database = (usage.database - empty.database) / messages;
                long content = (usage.content - empty.content) / messages;
                System.out.printf("| %s | %d | %d | %d | %d | %d | %.2f | %d |%n",
                    threshold == Integer.MAX_VALUE ? "all inline" : threshold == 0 ? "all files" : threshold,
                    bodySize, usage.messageSize, database, content, database + content,
                    (double) (database + content) / usage.messageSize, (usage.allocated - empty.allocated) / messages);
            }
        }
    }

    private static Usage measure(int threshold, int messages, int bodySize) throws IOException, InterruptedException {
        try (BenchmarkStore store = BenchmarkStore.syncStore(SyncPolicy.OFF, threshold)) {
            Mailbox mailbox = store.createMailbox("INBOX");
            store.fill(mailbox, messages, bodySize);
            long messageSize = store.newMessage(mailbox, bodySize).getFullContentOctets();
            store.closeDatabase();
            return new Usage(messageSize, bytesOf(store.folder().resolve("mail.db")),
                bytesOf(store.folder().resolve("content")), allocated(store.folder()));
        }
    }

    private static long bytesOf(Path path) throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static long allocated(Path folder) throws IOException, InterruptedException {
        Process du = new ProcessBuilder("du", "-s", "-B1", folder.toString()).start();
        String output = new String(du.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        du.waitFor();
        return Long.parseLong(output.split("\\s+")[0]);
    }

    private static final class Usage {
        private final long messageSize;
        private final long database;
        private final long content;
        private final long allocated;

        private Usage(long messageSize, long database, long content, long allocated) {
            this.messageSize = messageSize;
            this.database = database;
            this.content = content;
            this.allocated = allocated;
        }
    }
}
