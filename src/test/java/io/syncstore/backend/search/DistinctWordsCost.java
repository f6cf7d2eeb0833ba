package io.syncstore.backend.search;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import com.sun.management.ThreadMXBean;

/**
 * What finding the distinct words of a 10 KB body costs, {@link IndexTerms#distinctWords} against a set built from
 * every word: CPU time and bytes allocated (the JVM's per-thread counters), alternating, over the 10 KB pieces of a
 * text file lowercased as the index folds it.
 *
 * <p>{@code java -cp target/test-classes:target/classes io.syncstore.backend.search.DistinctWordsCost docs/benchmarks.md}</p>
 */
public final class DistinctWordsCost {
    private static final int BODY = 10_000;
    private static final int ROUNDS = 200;

    private DistinctWordsCost() {
    }

    public static void main(String[] arguments) throws Exception {
        String text = Files.readString(Path.of(arguments[0])).toLowerCase(Locale.ROOT);
        List<String> bodies = new ArrayList<>();
        for (int start = 0; start + BODY <= text.length(); start += BODY) {
            bodies.add(text.substring(start, start + BODY));
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long words = 0;
        for (int pass = 0; pass < 6; pass++) {
            boolean everyWord = pass % 2 == 0;
            long cpu = threads.getCurrentThreadCpuTime();
            long bytes = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int round = 0; round < ROUNDS; round++) {
                for (String body : bodies) {
                    Collection<String> distinct = everyWord ? new LinkedHashSet<>(IndexTerms.words(body)) : IndexTerms.distinctWords(body);
                    words += distinct.size();
                }
            }
            long calls = (long) ROUNDS * bodies.size();
            System.out.printf("%-30s %7.1f µs %8d bytes per %d-character body%n",
                everyWord ? "every word, then a set" : "distinctWords",
                (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / calls,
                (threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - bytes) / calls, BODY);
        }
        System.out.println(words + " words in all");
    }
}
