package io.syncstore.it.load;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Latencies and errors per operation name; one instance per client thread, merged at the end. */
final class Latencies {
    private final Map<String, Series> series = new TreeMap<>();

    void record(String operation, long nanos) {
        series.computeIfAbsent(operation, o -> new Series()).add(nanos);
    }

    void error(String operation) {
        series.computeIfAbsent(operation, o -> new Series()).errors++;
    }

    void mergeInto(Latencies total) {
        synchronized (total) {
            series.forEach((operation, s) -> total.series.computeIfAbsent(operation, o -> new Series()).addAll(s));
        }
    }

    Map<String, Series> series() {
        return series;
    }

    long count() {
        return series.values().stream().mapToLong(s -> s.size).sum();
    }

    long errors() {
        return series.values().stream().mapToLong(s -> s.errors).sum();
    }

    /** All latencies of all operations, for the "ALL" line. */
    Series all() {
        Series all = new Series();
        series.values().forEach(all::addAll);
        return all;
    }

    static final class Series {
        private long[] nanos = new long[1024];
        int size;
        long errors;
        private boolean sorted;

        void add(long value) {
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = value;
            sorted = false;
        }

        void addAll(Series other) {
            for (int i = 0; i < other.size; i++) {
                add(other.nanos[i]);
            }
            errors += other.errors;
        }

        double percentileMillis(double p) {
            if (size == 0) {
                return Double.NaN;
            }
            if (!sorted) {
                Arrays.sort(nanos, 0, size);
                sorted = true;
            }
            int index = (int) Math.min(size - 1, Math.max(0, Math.ceil(p / 100.0 * size) - 1));
            return nanos[index] / 1e6;
        }
    }
}
