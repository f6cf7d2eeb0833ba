package io.syncstore.imap.selected;

import java.util.Arrays;

/**
 * The messages a connection was told of, in sequence order: UIDs kept as runs of consecutive values, so that a mailbox
 * whose UIDs have few gaps costs a few bytes whatever its size (12 bytes a run). A message's sequence number is its
 * position here. UIDs are IMAP's 32-bit unsigned values, kept in {@code int}s.
 */
final class UidSequence {
    private int[] first = new int[4];
    private int[] last = new int[4];
    /** How many messages the runs before this one hold. */
    private int[] before = new int[4];
    private int runs;
    private int count;

    static UidSequence ofRanges(long[] ranges) {
        UidSequence sequence = new UidSequence();
        for (int i = 0; i + 1 < ranges.length; i += 2) {
            sequence.appendRun(ranges[i], ranges[i + 1]);
        }
        return sequence;
    }

    int count() {
        return count;
    }

    long firstUid() {
        return runs == 0 ? 0 : unsigned(first[0]);
    }

    long lastUid() {
        return runs == 0 ? 0 : unsigned(last[runs - 1]);
    }

    /** 1-based sequence number of the UID, 0 if absent. */
    int msn(long uid) {
        int run = runAtOrBefore(uid);
        if (run < 0 || uid > unsigned(last[run])) {
            return 0;
        }
        return before[run] + (int) (uid - unsigned(first[run])) + 1;
    }

    /**
     * Sequence numbers of UIDs from {@code lowest} up, asked for in ascending order: one search for the first, then a
     * walk of the runs instead of a search each.
     */
    Cursor cursor(long lowest) {
        return new Cursor(Math.max(0, runAtOrBefore(lowest)));
    }

    final class Cursor {
        private int run;

        private Cursor(int run) {
            this.run = run;
        }

        /** 1-based sequence number of the UID, 0 if absent; {@code uid} no lower than the one asked for before. */
        int msn(long uid) {
            while (run < runs && unsigned(last[run]) < uid) {
                run++;
            }
            if (run == runs || uid < unsigned(first[run])) {
                return 0;
            }
            return before[run] + (int) (uid - unsigned(first[run])) + 1;
        }
    }

    /** UID at the 1-based sequence number, 0 if there is none. */
    long uid(int msn) {
        if (msn < 1 || msn > count) {
            return 0;
        }
        int low = 0;
        int high = runs - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (before[middle] < msn) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return unsigned(first[low]) + (msn - before[low] - 1);
    }

    /** Every UID, in sequence order (ascending). */
    long[] uids() {
        long[] uids = new long[count];
        int at = 0;
        for (int run = 0; run < runs; run++) {
            for (long uid = unsigned(first[run]); uid <= unsigned(last[run]); uid++) {
                uids[at++] = uid;
            }
        }
        return uids;
    }

    boolean contains(long uid) {
        return msn(uid) > 0;
    }

    /** Adds a UID; above the last one (the usual case) in constant time. */
    void add(long uid) {
        if (runs == 0 || uid > lastUid()) {
            appendRun(uid, uid);
            return;
        }
        if (contains(uid)) {
            return;
        }
        int run = runAtOrBefore(uid);
        if (run >= 0 && unsigned(last[run]) + 1 == uid) {
            last[run] = (int) uid;
            mergeWithNext(run);
            shiftBefore(run + 1, 1);
        } else if (run + 1 < runs && unsigned(first[run + 1]) - 1 == uid) {
            first[run + 1] = (int) uid;
            shiftBefore(run + 2, 1);
        } else {
            insertRun(run + 1, uid, uid, run < 0 ? 0 : before[run] + length(run));
            shiftBefore(run + 2, 1);
        }
        count++;
    }

    /** Removes a UID and returns the sequence number it had, 0 if absent. */
    int remove(long uid) {
        int msn = msn(uid);
        if (msn == 0) {
            return 0;
        }
        int run = runAtOrBefore(uid);
        long from = unsigned(first[run]);
        long to = unsigned(last[run]);
        if (from == to) {
            System.arraycopy(first, run + 1, first, run, runs - run - 1);
            System.arraycopy(last, run + 1, last, run, runs - run - 1);
            System.arraycopy(before, run + 1, before, run, runs - run - 1);
            runs--;
            shiftBefore(run, -1);
        } else if (uid == from) {
            first[run] = (int) (uid + 1);
            shiftBefore(run + 1, -1);
        } else if (uid == to) {
            last[run] = (int) (uid - 1);
            shiftBefore(run + 1, -1);
        } else {
            last[run] = (int) (uid - 1);
            insertRun(run + 1, uid + 1, to, before[run] + length(run));
            shiftBefore(run + 2, -1);
        }
        count--;
        return msn;
    }

    /** Heap held by the arrays, in bytes (three ints per run of capacity). */
    long footprint() {
        return 3L * 4 * first.length;
    }

    private void appendRun(long from, long to) {
        if (runs > 0 && unsigned(last[runs - 1]) + 1 == from) {
            last[runs - 1] = (int) to;
        } else {
            insertRun(runs, from, to, count);
        }
        count += (int) (to - from + 1);
    }

    private void insertRun(int index, long from, long to, int messagesBefore) {
        if (runs == first.length) {
            int capacity = first.length * 2;
            first = Arrays.copyOf(first, capacity);
            last = Arrays.copyOf(last, capacity);
            before = Arrays.copyOf(before, capacity);
        }
        System.arraycopy(first, index, first, index + 1, runs - index);
        System.arraycopy(last, index, last, index + 1, runs - index);
        System.arraycopy(before, index, before, index + 1, runs - index);
        first[index] = (int) from;
        last[index] = (int) to;
        before[index] = messagesBefore;
        runs++;
    }

    private void mergeWithNext(int run) {
        if (run + 1 < runs && unsigned(last[run]) + 1 == unsigned(first[run + 1])) {
            last[run] = last[run + 1];
            System.arraycopy(first, run + 2, first, run + 1, runs - run - 2);
            System.arraycopy(last, run + 2, last, run + 1, runs - run - 2);
            System.arraycopy(before, run + 2, before, run + 1, runs - run - 2);
            runs--;
        }
    }

    private void shiftBefore(int fromRun, int delta) {
        for (int i = fromRun; i < runs; i++) {
            before[i] += delta;
        }
    }

    private int length(int run) {
        return (int) (unsigned(last[run]) - unsigned(first[run]) + 1);
    }

    /** Index of the last run starting at or below the UID, -1 if none. */
    private int runAtOrBefore(long uid) {
        int low = 0;
        int high = runs - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (unsigned(first[middle]) <= uid) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }

    private static long unsigned(int value) {
        return Integer.toUnsignedLong(value);
    }
}
