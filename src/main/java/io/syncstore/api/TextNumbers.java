package io.syncstore.api;

import java.util.Arrays;

/**
 * Numbers texts in the order they are first seen, 0 upwards, the same text the same number. A text is a span of a
 * {@link CharSequence} and is not copied: 100,000 Message-IDs cut from one joined text cost no object each.
 */
final class TextNumbers {
    private static final long FREE = -1;

    private CharSequence[] sources;
    /** Each text's start (high half) and end (low half) in its source: one array read on a match, not two. */
    private long[] spans;
    private int count;
    /**
     * Open addressing, linear probing, at most half full: each slot {@link #FREE} or a text's hash (high half) and
     * number (low half), so that a slot of another text is passed without reading that text.
     */
    private long[] slots;

    TextNumbers(int expected) {
        int capacity = Math.max(4, expected);
        sources = new CharSequence[capacity];
        spans = new long[capacity];
        slots = new long[Integer.highestOneBit(capacity * 2 - 1) * 2];
        Arrays.fill(slots, FREE);
    }

    int count() {
        return count;
    }

    String text(int number) {
        return sources[number].subSequence(start(number), end(number)).toString();
    }

    /** The number of {@code text}'s span from {@code start} to {@code end}, a new one when not seen before. */
    int number(CharSequence text, int start, int end) {
        int hash = hash(text, start, end);
        int mask = slots.length - 1;
        int slot = mix(hash) & mask;
        for (long held = slots[slot]; held != FREE; held = slots[slot]) {
            if ((int) (held >>> 32) == hash && same((int) held, text, start, end)) {
                return (int) held;
            }
            slot = (slot + 1) & mask;
        }
        if (count == sources.length) {
            grow();
            return number(text, start, end);
        }
        sources[count] = text;
        spans[count] = (long) start << 32 | end;
        slots[slot] = (long) hash << 32 | count;
        return count++;
    }

    private int start(int number) {
        return (int) (spans[number] >>> 32);
    }

    private int end(int number) {
        return (int) spans[number];
    }

    private boolean same(int number, CharSequence text, int start, int end) {
        int length = end - start;
        int from = start(number);
        if (end(number) - from != length) {
            return false;
        }
        CharSequence source = sources[number];
        for (int i = 0; i < length; i++) {
            if (source.charAt(from + i) != text.charAt(start + i)) {
                return false;
            }
        }
        return true;
    }

    /** Twice the room; each slot moves by the hash it holds. */
    private void grow() {
        int capacity = sources.length * 2;
        sources = Arrays.copyOf(sources, capacity);
        spans = Arrays.copyOf(spans, capacity);
        long[] old = slots;
        slots = new long[old.length * 2];
        Arrays.fill(slots, FREE);
        int mask = slots.length - 1;
        for (long held : old) {
            if (held != FREE) {
                int slot = mix((int) (held >>> 32)) & mask;
                while (slots[slot] != FREE) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = held;
            }
        }
    }

    private static int hash(CharSequence text, int start, int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + text.charAt(i);
        }
        return hash;
    }

    /** IDs differ mostly in their last characters: spread those bits over the slot index. */
    private static int mix(int hash) {
        int mixed = hash * 0x9E3779B9;
        return mixed ^ (mixed >>> 16);
    }
}
