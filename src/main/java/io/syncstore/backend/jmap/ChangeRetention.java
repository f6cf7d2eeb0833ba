package io.syncstore.backend.jmap;

import java.time.Duration;

import com.google.common.base.Preconditions;

/**
 * How much of an account's change log is kept: changes younger than {@code maxAge}, and at most the newest
 * {@code maxCount}; the newest change always stays, so that the account keeps its state. A client whose state was
 * pruned gets {@code cannotCalculateChanges} and resynchronises (RFC 8620 §5.2).
 *
 * <p>Pruning runs with every {@code pruneEvery}-th change saved, for the account of that change: an account is
 * pruned about as often as it changes, and a save does not pay for reading {@code maxCount} index entries.
 */
public final class ChangeRetention {
    static final int DEFAULT_PRUNE_EVERY = 100;

    final Duration maxAge;
    final int maxCount;
    final int pruneEvery;

    ChangeRetention(Duration maxAge, int maxCount, int pruneEvery) {
        Preconditions.checkArgument(!maxAge.isNegative() && !maxAge.isZero(), "maxAge must be positive");
        Preconditions.checkArgument(maxCount >= 1, "maxCount must be at least 1");
        Preconditions.checkArgument(pruneEvery >= 1, "pruneEvery must be at least 1");
        this.maxAge = maxAge;
        this.maxCount = maxCount;
        this.pruneEvery = pruneEvery;
    }

    public static ChangeRetention of(Duration maxAge, int maxCount) {
        return new ChangeRetention(maxAge, maxCount, DEFAULT_PRUNE_EVERY);
    }
}
