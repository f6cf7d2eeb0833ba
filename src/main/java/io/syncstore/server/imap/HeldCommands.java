package io.syncstore.server.imap;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a connection's framer holds for the commands it handed on (a place in the {@link CommandThrottle}, a spooled
 * literal): released once, when James closes the command after running it, or when the connection ends for
 * commands James will never run.
 */
final class HeldCommands {
    private final Set<Runnable> held = ConcurrentHashMap.newKeySet();

    /** {@code release}, to be run at most once, and run by {@link #releaseAll()} if not before. */
    Runnable hold(Runnable release) {
        AtomicBoolean done = new AtomicBoolean();
        Runnable once = new Runnable() {
            @Override
            public void run() {
                if (done.compareAndSet(false, true)) {
                    held.remove(this);
                    release.run();
                }
            }
        };
        held.add(once);
        return once;
    }

    void releaseAll() {
        held.forEach(Runnable::run);
    }
}
