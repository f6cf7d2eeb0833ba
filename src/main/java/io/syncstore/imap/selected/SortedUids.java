package io.syncstore.imap.selected;

import java.util.function.LongConsumer;
import java.util.function.LongPredicate;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongArrays;

/**
 * A few UIDs in ascending order, in one array. What a connection has still to be told is a handful of UIDs at a time,
 * mostly added past the last as messages arrive; recording one for each of 1,000 idling connections then neither
 * allocates nor stores a new object into an old one, which the collector would scan again at its next young collection
 * (docs/benchmarks.md section 6, seventeenth session).
 */
final class SortedUids {
    private final LongArrayList uids = new LongArrayList();

    boolean add(long uid) {
        int at = indexOf(uid);
        if (at >= 0) {
            return false;
        }
        uids.add(-at - 1, uid);
        return true;
    }

    boolean remove(long uid) {
        if (uids.isEmpty()) {
            return false;
        }
        int at = indexOf(uid);
        if (at < 0) {
            return false;
        }
        uids.removeLong(at);
        return true;
    }

    boolean contains(long uid) {
        return !uids.isEmpty() && indexOf(uid) >= 0;
    }

    boolean isEmpty() {
        return uids.isEmpty();
    }

    int size() {
        return uids.size();
    }

    /** The {@code index}th smallest. */
    long get(int index) {
        return uids.getLong(index);
    }

    void clear() {
        uids.clear();
    }

    void removeIf(LongPredicate filter) {
        uids.removeIf(filter::test);
    }

    void forEach(LongConsumer action) {
        for (int index = 0; index < uids.size(); index++) {
            action.accept(uids.getLong(index));
        }
    }

    long[] toArray() {
        return uids.toLongArray();
    }

    /** As {@link LongArrays#binarySearch}: the index, or -(insertion point) - 1. */
    private int indexOf(long uid) {
        int size = uids.size();
        if (size == 0 || uids.getLong(size - 1) < uid) {
            return -size - 1;
        }
        return LongArrays.binarySearch(uids.elements(), 0, size, uid);
    }
}
