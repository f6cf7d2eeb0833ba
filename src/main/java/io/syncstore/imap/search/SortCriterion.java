package io.syncstore.imap.search;

/** One sort key, in ascending order unless {@code REVERSE} preceded it. */
final class SortCriterion {
    private final SortKey key;
    private final boolean reverse;

    SortCriterion(SortKey key, boolean reverse) {
        this.key = key;
        this.reverse = reverse;
    }

    SortKey key() {
        return key;
    }

    boolean reverse() {
        return reverse;
    }

    @Override
    public String toString() {
        return (reverse ? "REVERSE " : "") + key;
    }
}
