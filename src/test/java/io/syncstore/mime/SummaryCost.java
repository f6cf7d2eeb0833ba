package io.syncstore.mime;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.sun.management.ThreadMXBean;

/**
 * What the written FETCH items ({@link FetchItemBytes}) add to a message's summary at APPEND: CPU per message for the
 * items alone and for the whole summary (the message parsed, the items, the tree, the preview), and the bytes they add,
 * over the messages of a folder (CRLF line ends), each summarised 2,000 times after as many (docs/benchmarks.md, §5).
 *
 * <p>{@code java -cp target/test-classes:target/classes:CLASSPATH io.syncstore.mime.SummaryCost [FOLDER]}</p>
 */
public final class SummaryCost {
    private static final int ROUNDS = 2_000;

    private SummaryCost() {
    }

    public static void main(String[] args) throws IOException {
        List<byte[]> messages = messages(Path.of(args.length > 0 ? args[0]
            : "integration-tests/src/test/resources/differential/messages"));
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int pass = 0; pass < 2; pass++) {
            long cpu = threads.getThreadCpuTime(thread);
            long kept = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (byte[] message : messages) {
                    kept += MessageSummary.of(message).length;
                }
            }
            long summaryNanos = threads.getThreadCpuTime(thread) - cpu;
            List<MessagePart> parsed = new ArrayList<>();
            messages.forEach(message -> parsed.add(MessagePart.parse(message)));
            cpu = threads.getThreadCpuTime(thread);
            for (int round = 0; round < ROUNDS; round++) {
                for (MessagePart root : parsed) {
                    kept += items(root);
                }
            }
            long itemNanos = threads.getThreadCpuTime(thread) - cpu;
            long calls = (long) ROUNDS * messages.size();
            System.out.printf("pass %d: summary %.2f us, of which the written items %.2f us per message (%d)%n", pass,
                summaryNanos / 1e3 / calls, itemNanos / 1e3 / calls, kept);
        }
        long summaryBytes = 0;
        long itemBytes = 0;
        for (byte[] message : messages) {
            byte[] summary = MessageSummary.of(message);
            summaryBytes += summary.length;
            itemBytes += summary.length - FormerSummaries.beforeItems(summary).length;
        }
        System.out.printf("%d messages: summary %d bytes per message, of which the written items %d%n", messages.size(),
            summaryBytes / messages.size(), itemBytes / messages.size());
    }

    private static int items(MessagePart root) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            FetchItemBytes.write(root, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.size();
    }

    private static List<byte[]> messages(Path folder) throws IOException {
        List<byte[]> messages = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
                messages.add(text.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return messages;
    }
}
