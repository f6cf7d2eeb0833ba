package io.syncstore.imap.condstore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.apache.james.imap.api.message.UidRange;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MessageRange;

/** Sorted UIDs as closed ranges, for membership tests and for IMAP's compressed sets. */
final class UidSet {
    private final long[] from;
    private final long[] to;

    private UidSet(long[] from, long[] to) {
        this.from = from;
        this.to = to;
    }

    static UidSet of(Collection<MessageRange> ranges) {
        List<long[]> bounds = new ArrayList<>();
        for (MessageRange range : ranges) {
            bounds.add(new long[] {range.getUidFrom().asLong(), range.getUidTo().asLong()});
        }
        bounds.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] bound : bounds) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && bound[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], bound[1]);
            } else {
                merged.add(bound.clone());
            }
        }
        return new UidSet(merged.stream().mapToLong(b -> b[0]).toArray(), merged.stream().mapToLong(b -> b[1]).toArray());
    }

    static UidSet ofUidRanges(UidRange[] ranges) {
        List<MessageRange> messageRanges = new ArrayList<>();
        for (UidRange range : ranges) {
            messageRanges.add(MessageRange.range(range.getLowVal(), range.getHighVal()));
        }
        return of(messageRanges);
    }

    static UidSet upTo(MessageUid last) {
        return new UidSet(new long[] {1}, new long[] {last.asLong()});
    }

    static UidSet empty() {
        return new UidSet(new long[0], new long[0]);
    }

    boolean contains(MessageUid uid) {
        int index = Arrays.binarySearch(from, uid.asLong());
        if (index >= 0) {
            return true;
        }
        int before = -index - 2;
        return before >= 0 && uid.asLong() <= to[before];
    }

    /** The UIDs of this set up to {@code last} that are not in {@code present}, which must be sorted. */
    UidRange[] minus(long[] present, long last) {
        List<UidRange> missing = new ArrayList<>();
        for (int i = 0; i < from.length && from[i] <= last; i++) {
            long end = Math.min(to[i], last);
            long next = from[i];
            int index = Arrays.binarySearch(present, next);
            int position = index >= 0 ? index : -index - 1;
            while (next <= end) {
                long stop = position < present.length ? Math.min(present[position] - 1, end) : end;
                if (stop >= next) {
                    missing.add(new UidRange(MessageUid.of(next), MessageUid.of(stop)));
                }
                if (position >= present.length) {
                    break;
                }
                next = present[position] + 1;
                position++;
            }
        }
        return missing.toArray(UidRange[]::new);
    }

    /** Sorted UIDs as ranges of consecutive values. */
    static UidRange[] ranges(long[] sortedUids) {
        List<UidRange> ranges = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= sortedUids.length; i++) {
            if (i == sortedUids.length || sortedUids[i] != sortedUids[i - 1] + 1) {
                ranges.add(new UidRange(MessageUid.of(sortedUids[start]), MessageUid.of(sortedUids[i - 1])));
                start = i;
            }
        }
        return ranges.toArray(UidRange[]::new);
    }
}
