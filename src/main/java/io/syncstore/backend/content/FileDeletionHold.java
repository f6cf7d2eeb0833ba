package io.syncstore.backend.content;

import java.util.HashSet;
import java.util.Set;

/** Counts who needs content files to stay, and remembers the deletions that wait for them. */
public final class FileDeletionHold {
    /** Closing it lets the deletions that waited for it happen. */
    @FunctionalInterface
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    private final Set<String> deferred = new HashSet<>();
    private int holders;

    synchronized void acquire() {
        holders++;
    }

    /** Returns the deferred deletions once the last holder is gone, else nothing. */
    synchronized Set<String> release() {
        holders--;
        if (holders > 0) {
            return Set.of();
        }
        Set<String> released = Set.copyOf(deferred);
        deferred.clear();
        return released;
    }

    synchronized boolean deferWhileHeld(String hash) {
        if (holders == 0) {
            return false;
        }
        deferred.add(hash);
        return true;
    }
}
