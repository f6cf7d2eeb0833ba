package io.syncstore.backend.jmap;

import java.util.Optional;
import java.util.Set;

import javax.inject.Singleton;

import org.apache.james.core.Username;
import org.apache.james.jmap.api.change.State;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * The accounts each message write of this node saved its JMAP change rows for, from the write's commit until the
 * change listener takes them for the write's event: the listener then need not read them back. The listener reads them
 * when they are not here: the event handled on another node (nodes share the event bus's group queue), delivered a
 * second time, or the write's accounts pushed out by newer writes.
 */
@Singleton
public final class SavedChangeAccounts {
    /** Far more writes than commit between a write's commit and its event's listener, on a busy node. */
    private static final int KEPT = 10_000;

    private final Cache<State, Set<Username>> saved = CacheBuilder.newBuilder().maximumSize(KEPT).build();

    /** Call after the write committed: a write rolled back saved nothing, and its state may be taken again. */
    public void committed(State state, Set<Username> accounts) {
        saved.put(state, accounts);
    }

    /** The accounts the write of this state saved its rows for, if it committed on this node and was not taken yet. */
    public Optional<Set<Username>> take(State state) {
        return Optional.ofNullable(saved.asMap().remove(state));
    }
}
