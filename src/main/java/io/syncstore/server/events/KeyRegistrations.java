package io.syncstore.server.events;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.events.EventListener.ReactiveEventListener;
import org.apache.james.events.RegistrationKey;

/**
 * The listeners registered per key, safe to read while other threads register and unregister.
 *
 * <p>A key's listeners are a concurrent set; adding to it, and removing it from the map once empty, happen inside the
 * map's atomic {@code compute} for that key, so a registration never lands in a set that was just dropped. Reading
 * iterates the concurrent sets without a lock: every listener present for the whole read is returned, one that comes
 * or goes during it may or may not be.
 */
class KeyRegistrations {
    private final ConcurrentHashMap<RegistrationKey, Set<ReactiveEventListener>> listenersByKey = new ConcurrentHashMap<>();

    void add(RegistrationKey key, ReactiveEventListener listener) {
        listenersByKey.compute(key, (k, listeners) -> {
            Set<ReactiveEventListener> present = listeners == null ? ConcurrentHashMap.newKeySet() : listeners;
            present.add(listener);
            return present;
        });
    }

    void remove(RegistrationKey key, ReactiveEventListener listener) {
        listenersByKey.computeIfPresent(key, (k, listeners) -> {
            listeners.remove(listener);
            return listeners.isEmpty() ? null : listeners;
        });
    }

    /**
     * Each listener once, however many of the keys it is registered on. One key (every event of a mailbox) is read in
     * place: a copy of its 1,000 idling connections at every dispatch cost a twentieth of the dispatching thread
     * (docs/benchmarks.md, section 6).
     */
    Iterable<ReactiveEventListener> listenersOf(Set<RegistrationKey> keys) {
        if (keys.size() == 1) {
            return listenersByKey.getOrDefault(keys.iterator().next(), Set.of());
        }
        Set<ReactiveEventListener> found = new LinkedHashSet<>();
        for (RegistrationKey key : keys) {
            Set<ReactiveEventListener> listeners = listenersByKey.get(key);
            if (listeners != null) {
                found.addAll(listeners);
            }
        }
        return found;
    }
}
