package io.syncstore.api;

import java.util.Arrays;

/**
 * Messages' UIDs, modseqs and flags, row by row: the system flags as bits (in the order IMAP lists them), the keywords
 * as stored (sorted), null for a message without any.
 */
public final class FlagRows {
    public static final int ANSWERED = 1;
    public static final int DELETED = 1 << 1;
    public static final int DRAFT = 1 << 2;
    public static final int FLAGGED = 1 << 3;
    public static final int RECENT = 1 << 4;
    public static final int SEEN = 1 << 5;

    private long[] uids = new long[16];
    private long[] modSeqs = new long[16];
    private int[] systemFlags = new int[16];
    private String[][] keywords = new String[16][];
    private int size;

    public void add(long uid, long modSeq, int systemFlagBits, String[] rowKeywords) {
        if (size == uids.length) {
            int capacity = size * 2;
            uids = Arrays.copyOf(uids, capacity);
            modSeqs = Arrays.copyOf(modSeqs, capacity);
            systemFlags = Arrays.copyOf(systemFlags, capacity);
            keywords = Arrays.copyOf(keywords, capacity);
        }
        uids[size] = uid;
        modSeqs[size] = modSeq;
        systemFlags[size] = systemFlagBits;
        keywords[size] = rowKeywords;
        size++;
    }

    public int size() {
        return size;
    }

    public long uid(int row) {
        return uids[row];
    }

    /** The row's modseq; 0 when the rows were read without modseqs. */
    public long modSeq(int row) {
        return modSeqs[row];
    }

    public int systemFlags(int row) {
        return systemFlags[row];
    }

    /** The row's keywords, sorted; null when it has none. */
    public String[] keywords(int row) {
        return keywords[row];
    }

    /** A copy of the rows whose UIDs are in {@code [fromUid, toUid]}, their modseqs 0 unless {@code withModSeq}. */
    public FlagRows inRange(long fromUid, long toUid, boolean withModSeq) {
        int from = firstAtLeast(fromUid);
        int to = toUid == Long.MAX_VALUE ? size : firstAtLeast(toUid + 1);
        FlagRows copy = new FlagRows();
        int count = Math.max(0, to - from);
        copy.uids = Arrays.copyOfRange(uids, from, from + count);
        copy.modSeqs = withModSeq ? Arrays.copyOfRange(modSeqs, from, from + count) : new long[count];
        copy.systemFlags = Arrays.copyOfRange(systemFlags, from, from + count);
        copy.keywords = Arrays.copyOfRange(keywords, from, from + count);
        copy.size = count;
        return copy;
    }

    private int firstAtLeast(long uid) {
        int index = Arrays.binarySearch(uids, 0, size, uid);
        return index >= 0 ? index : -index - 1;
    }
}
