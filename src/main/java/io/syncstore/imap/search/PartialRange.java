package io.syncstore.imap.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.decode.DecodingException;

/**
 * The range of a {@code PARTIAL} result option (RFC 9394 §4): positions among the matching messages counted from the
 * first ({@code 1:100}) or, negative, from the last ({@code -1:-100}). The two ends may come in either order.
 */
final class PartialRange {
    /** RFC 9051 §9: nz-number is a non-zero unsigned 32-bit integer. */
    private static final long LARGEST_NUMBER = 0xFFFFFFFFL;
    private static final Pattern RANGE = Pattern.compile("(-?)(\\d{1,10}):(-?)(\\d{1,10})");

    private final boolean fromLast;
    private final long low;
    private final long high;

    private PartialRange(boolean fromLast, long low, long high) {
        this.fromLast = fromLast;
        this.low = low;
        this.high = high;
    }

    static PartialRange parse(String range) throws DecodingException {
        Matcher matcher = RANGE.matcher(range);
        if (!matcher.matches() || !matcher.group(1).equals(matcher.group(3))) {
            throw bad(range);
        }
        long first = Long.parseLong(matcher.group(2));
        long second = Long.parseLong(matcher.group(4));
        if (first == 0 || second == 0 || first > LARGEST_NUMBER || second > LARGEST_NUMBER) {
            throw bad(range);
        }
        return new PartialRange(!matcher.group(1).isEmpty(), Math.min(first, second), Math.max(first, second));
    }

    private static DecodingException bad(String range) {
        return new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS,
            "PARTIAL takes n:m or -n:-m, non-zero 32-bit numbers (RFC 9394 section 4), not '" + range + "'");
    }

    /** The messages this range names of {@code ordered}, in that order. */
    <T> List<T> of(List<T> ordered) {
        return positions(ordered.size())
            .map(range -> ordered.subList((int) range[0] - 1, (int) range[1]))
            .orElse(List.of());
    }

    /** The numbers this range names of {@code count} numbers in ascending {@code ranges}, counted without listing them. */
    IdRange[] of(IdRange[] ranges, long count) {
        Optional<long[]> named = positions(count);
        if (named.isEmpty()) {
            return new IdRange[0];
        }
        long first = named.get()[0];
        long last = named.get()[1];
        List<IdRange> selected = new ArrayList<>();
        long before = 0;
        for (int i = 0; i < ranges.length && before < last; i++) {
            IdRange range = ranges[i];
            long size = range.getHighVal() - range.getLowVal() + 1;
            long from = Math.max(first, before + 1);
            long to = Math.min(last, before + size);
            if (from <= to) {
                selected.add(new IdRange(range.getLowVal() + from - before - 1, range.getLowVal() + to - before - 1));
            }
            before += size;
        }
        return selected.toArray(IdRange[]::new);
    }

    /** The 1-based first and last positions this range names among {@code count} messages; empty when none. */
    private Optional<long[]> positions(long count) {
        long first = fromLast ? count - high + 1 : low;
        long last = fromLast ? count - low + 1 : high;
        first = Math.max(first, 1);
        last = Math.min(last, count);
        return first <= last ? Optional.of(new long[] {first, last}) : Optional.empty();
    }

    /** As RFC 9394's examples write it: the end nearer the first (or, negative, the last) message first. */
    @Override
    public String toString() {
        return fromLast ? "-" + low + ":-" + high : low + ":" + high;
    }
}
