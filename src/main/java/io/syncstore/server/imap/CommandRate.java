package io.syncstore.server.imap;

/**
 * The commands one connection may send in a second ({@code commandsPerSecond}; 0 for no limit), as a bucket of as
 * many tokens refilled continuously: a burst of a second's worth is let through, then one command per
 * 1/commandsPerSecond s. A command beyond it is answered NO in its turn and the connection goes on.
 */
final class CommandRate {
    private static final long SECOND = 1_000_000_000L;

    private final int perSecond;
    private double tokens;
    private long refilledAt;

    CommandRate(int perSecond) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.refilledAt = System.nanoTime();
    }

    int perSecond() {
        return perSecond;
    }

    /** Whether one more command may run now (called from the connection's event loop only). */
    boolean allows() {
        if (perSecond == 0) {
            return true;
        }
        long now = System.nanoTime();
        tokens = Math.min(perSecond, tokens + (double) (now - refilledAt) * perSecond / SECOND);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
