package io.syncstore.backend.db;

/**
 * The rule of a cache of database readings that writes forget: a reading is kept only if nothing was forgotten since
 * it began, checked and kept under the forgetting's lock, so that once a forgetting has returned no look-up can find a
 * reading from before it (one that began before a write's commit may hold the rows of before it).
 */
public final class Forgettings {
    private final Object lock = new Object();
    /** Forgettings so far: written under {@link #lock}, read at the start of a reading without it. */
    private volatile long count;

    /** Taken when a reading begins. */
    public long mark() {
        return count;
    }

    /** Runs the forgetting; no reading begun before it is kept after it. */
    public void forget(Runnable forgetting) {
        synchronized (lock) {
            count++;
            forgetting.run();
        }
    }

    /** Runs the keeping of a reading begun at {@code mark}, unless something was forgotten since. */
    public void keepIfNothingForgottenSince(long mark, Runnable keeping) {
        synchronized (lock) {
            if (count == mark) {
                keeping.run();
            }
        }
    }
}
