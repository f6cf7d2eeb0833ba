package io.syncstore.backend.jmap;

import java.time.Duration;
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
 * second time, late, or pushed out by newer writes.
 */
@Singleton
public final class SavedChangeAccounts {
    /**
     * Accounts kept, counted over all writes: far more than the writes between a commit and its event's listener, and
     * bounded when another node takes most events, whatever the size of a mailbox's ACL.
     */
    private static final long KEPT_ACCOUNTS = 50_000;
    /** Far longer than a write's event takes to reach its listener; far shorter than the change log's retention. */
    private static final Duration KEPT_FOR = Duration.ofMinutes(1);

    private final Cache<State, Set<Username>> saved = CacheBuilder.newBuilder()
        .maximumWeight(KEPT_ACCOUNTS)
        .weigher((State state, Set<Username> accounts) -> accounts.size())
        .expireAfterWrite(KEPT_FOR)
        .build();

    /** Call after the write committed: a write rolled back saved nothing, and its state may be taken again. */
    public void committed(State state, Set<Username> accounts) {
        saved.put(state, accounts);
    }

    /** The accounts the write of this state saved its rows for, if it committed on this node and was not taken yet. */
    public Optional<Set<Username>> take(State state) {
        return Optional.ofNullable(saved.asMap().remove(state));
    }
}
